// The one wrapper for JSON route handlers: the signed-in user → zod-parsed body
// → a lib/ function. Domain outcomes other than success map to HTTP statuses.
import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "./auth";

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

export function jsonRoute<S extends z.ZodType, P, T extends { status: string }>(
  schema: S,
  handler: (user: CurrentUser, body: z.infer<S>, params: P) => Promise<T>,
) {
  return async (request: Request, context: { params: Promise<P> }) => {
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ status: "unauthenticated" }, { status: 401 });
    const raw = request.headers.get("content-length") === "0" ? {} : await request.json().catch(() => undefined);
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success) {
      return NextResponse.json({ status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 422 });
    }
    const result = await handler(user, parsed.data, await context.params);
    return NextResponse.json(result, { status: httpStatus[result.status] ?? 200, headers: { "Cache-Control": "no-store" } });
  };
}
