// The edge of every Next.js route handler: the one session check (lib/access/guard.ts) as
// HTTP statuses and ids from the URL checked before the database; state-changing JSON
// endpoints (lib/json-endpoint.ts) served as route handlers.
import "server-only";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "./auth";
import { checkSession, type CurrentUser, type Refusal } from "./access/guard";
import { isRecordId } from "./access/ids";
import { AccessDenied, type Ability } from "./access/permissions";
import { jsonEndpoint, readBody, refusalStatus, stateChangeRefusal, type Endpoint } from "./json-endpoint";

const noStore = { "Cache-Control": "no-store" };

export const problem = (status: number, body: object) => NextResponse.json(body, { status, headers: noStore });

export const refusal = (reason: Refusal) => problem(refusalStatus[reason], { status: reason });

/** Refuses a state-changing request from another origin or of another media type; null when it may go on. */
export function stateChangeProblem(request: Request, expected: "application/json" | "multipart/form-data") {
  const refused = stateChangeRefusal((name) => request.headers.get(name) ?? undefined, expected);
  return refused && problem(refused.status, refused.body);
}

type Context<P> = { params: Promise<P> };

/**
 * A route handler behind the one session check, with every URL segment checked as a record id
 * (a malformed one is "not found"). A lib/ function's AccessDenied is a refusal, not a 500.
 */
export function guardedRoute<P extends Record<string, string>>(
  options: { ability?: Ability },
  handler: (request: Request, user: CurrentUser, params: P) => Promise<Response>,
) {
  return async (request: Request, context: Context<P>) => {
    const checked = checkSession(await getCurrentUser(), options);
    if (!checked.ok) return refusal(checked.refusal);
    // A route without dynamic segments gets no params at all.
    const params = ((await context.params) ?? {}) as P;
    if (!Object.values(params).every(isRecordId)) return problem(404, { status: "not-found" });
    try {
      return await handler(request, checked.user, params);
    } catch (error) {
      if (error instanceof AccessDenied) return refusal("forbidden");
      throw error;
    }
  };
}

/** An endpoint (lib/json-endpoint.ts) as a Next.js route handler. */
export function endpointRoute<P extends Record<string, string>>(endpoint: Endpoint<P>) {
  return async (request: Request, context: Context<P>) => {
    const jar = await cookies();
    const params = ((await context.params) ?? {}) as P;
    const answer = await endpoint(
      { header: (name) => request.headers.get(name) ?? undefined, cookie: (name) => jar.get(name)?.value, body: (maxBytes) => readBody(request, maxBytes) },
      params,
    );
    return NextResponse.json(answer.body, { status: answer.status, headers: noStore });
  };
}

/** A state-changing JSON route handler: same-origin, application/json, at most JSON_BODY_MAX_BYTES, zod-parsed. */
export function jsonRoute<S extends z.ZodType, P extends Record<string, string>, T extends { status: string }>(
  schema: S,
  handler: (user: CurrentUser, body: z.infer<S>, params: P) => Promise<T>,
  options: { ability?: Ability } = {},
) {
  return endpointRoute(jsonEndpoint(schema, handler, options));
}
