// The edge of every route handler: the one session check (lib/access/guard.ts) as
// HTTP statuses, ids from the URL checked before the database, and for requests
// that change state the portal's own Origin, the expected media type and a body
// size counted while reading. Domain outcomes other than success map to statuses.
import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "./auth";
import { checkSession, type CurrentUser, type Refusal } from "./access/guard";
import { isRecordId } from "./access/ids";
import { AccessDenied, type Ability } from "./access/permissions";

export const JSON_BODY_MAX_BYTES = 64 * 1024;

const httpStatus: Record<string, number> = {
  "not-found": 404,
  invalid: 422,
  finished: 409,
  late: 409,
  "closed-item": 409,
  "not-yet-open": 409,
  closed: 409,
  "no-attempts-left": 409,
  "no-questions": 409,
};

// A role without the ability gets "not found", as on pages: the area does not exist for it.
const refusalStatus: Record<Refusal, number> = { unauthenticated: 401, "password-change-required": 403, forbidden: 404 };

const noStore = { "Cache-Control": "no-store" };

export const problem = (status: number, body: Record<string, unknown>) => NextResponse.json(body, { status, headers: noStore });

export const refusal = (reason: Refusal) => problem(refusalStatus[reason], { status: reason });

/** What a state-changing request must carry: the browser's Origin of this very portal (as Next.js checks for server actions). */
function isSameOrigin(headers: Headers) {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const mediaType = (headers: Headers) => (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();

/** Refuses a state-changing request from another origin or of another media type; null when it may go on. */
export function stateChangeProblem(request: Request, expected: "application/json" | "multipart/form-data") {
  if (!isSameOrigin(request.headers)) return problem(403, { status: "foreign-origin" });
  if (mediaType(request.headers) !== expected) return problem(415, { status: "unsupported-media-type", expected });
  return null;
}

/** The body, counted while it is read (a Content-Length header may lie or be absent); null when it exceeds maxBytes. */
export async function readBody(request: Request, maxBytes: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) return Buffer.concat(chunks);
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader!.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
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

/** A state-changing JSON route handler: same-origin, application/json, at most JSON_BODY_MAX_BYTES, zod-parsed. */
export function jsonRoute<S extends z.ZodType, P extends Record<string, string>, T extends { status: string }>(
  schema: S,
  handler: (user: CurrentUser, body: z.infer<S>, params: P) => Promise<T>,
  options: { ability?: Ability } = {},
) {
  const guarded = guardedRoute<P>(options, async (request, user, params) => {
    const body = await readBody(request, JSON_BODY_MAX_BYTES);
    if (!body) return problem(413, { status: "too-large", maxBytes: JSON_BODY_MAX_BYTES });
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString("utf8"));
    } catch {
      return problem(400, { status: "invalid", message: "The body is not JSON." });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return problem(422, { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors });
    const result = await handler(user, parsed.data, params);
    return NextResponse.json(result, { status: httpStatus[result.status] ?? 200, headers: noStore });
  });
  return async (request: Request, context: Context<P>) => stateChangeProblem(request, "application/json") ?? (await guarded(request, context));
}
