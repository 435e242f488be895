// The rules of a state-changing JSON endpoint, whatever server carries it: the portal's own
// Origin, application/json, a body counted while it is read, the one session check
// (lib/access/guard.ts), ids from the URL checked before the database, the body parsed with zod,
// and domain outcomes as statuses. lib/api.ts serves endpoints as Next.js route handlers;
// lib/cli/fast-endpoints.ts serves the autosave straight from the server process.
import "server-only";
import { z } from "zod";
import { checkSession, sessionUser, type CurrentUser, type Refusal } from "./access/guard";
import { isRecordId } from "./access/ids";
import { AccessDenied, type Ability } from "./access/permissions";
import { sessionClaims } from "./access/session-token";

export const JSON_BODY_MAX_BYTES = 64 * 1024;

const outcomeStatus: Record<string, number> = {
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
export const refusalStatus: Record<Refusal, number> = { unauthenticated: 401, "password-change-required": 403, forbidden: 404 };

/** What an endpoint needs of a request, from whichever server received it. */
export type EndpointRequest = {
  /** A header by its lower-case name. */
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  /** The body, counted while it is read (a Content-Length header may lie or be absent); null past maxBytes. */
  body(maxBytes: number): Promise<Buffer | null>;
};

export type EndpointAnswer = { status: number; body: object };

export type Endpoint<P extends Record<string, string>> = (request: EndpointRequest, params: P) => Promise<EndpointAnswer>;

const answer = (status: number, body: object): EndpointAnswer => ({ status, body });

export const refusalAnswer = (reason: Refusal) => answer(refusalStatus[reason], { status: reason });

/** What a state-changing request must carry: the browser's Origin of this very portal (as Next.js checks for server actions). */
function isSameOrigin(header: EndpointRequest["header"]) {
  const origin = header("origin");
  const host = header("x-forwarded-host")?.split(",")[0].trim() || header("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Refuses a state-changing request from another origin or of another media type; null when it may go on. */
export function stateChangeRefusal(header: EndpointRequest["header"], expected: "application/json" | "multipart/form-data") {
  if (!isSameOrigin(header)) return answer(403, { status: "foreign-origin" });
  const mediaType = (header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== expected) return answer(415, { status: "unsupported-media-type", expected });
  return null;
}

/** A web Request's body, counted while it is read (a Content-Length header may lie or be absent); null when it exceeds maxBytes. */
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

/** A state-changing JSON endpoint: same-origin, application/json, at most JSON_BODY_MAX_BYTES, zod-parsed. */
export function jsonEndpoint<S extends z.ZodType, P extends Record<string, string>, T extends { status: string }>(
  schema: S,
  handler: (user: CurrentUser, body: z.infer<S>, params: P) => Promise<T>,
  options: { ability?: Ability } = {},
): Endpoint<P> {
  return async (request, params) => {
    const refused = stateChangeRefusal(request.header, "application/json");
    if (refused) return refused;
    const checked = checkSession(await sessionUser((await sessionClaims(request.cookie)) ?? undefined), options);
    if (!checked.ok) return refusalAnswer(checked.refusal);
    if (!Object.values(params).every(isRecordId)) return answer(404, { status: "not-found" });
    const body = await request.body(JSON_BODY_MAX_BYTES);
    if (!body) return answer(413, { status: "too-large", maxBytes: JSON_BODY_MAX_BYTES });
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString("utf8"));
    } catch {
      return answer(400, { status: "invalid", message: "The body is not JSON." });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return answer(422, { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors });
    try {
      const result = await handler(checked.user, parsed.data, params);
      return answer(outcomeStatus[result.status] ?? 200, result);
    } catch (error) {
      if (error instanceof AccessDenied) return refusalAnswer("forbidden");
      throw error;
    }
  };
}
