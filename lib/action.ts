// The one wrapper for server actions: the signed-in user → zod → a lib/ function.
import "server-only";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "./auth";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: "unauthenticated" | "invalid"; fieldErrors?: Record<string, string[] | undefined> };

export function userAction<S extends z.ZodType, T>(schema: S, handler: (user: CurrentUser, input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "unauthenticated" };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
    return { ok: true, data: await handler(user, parsed.data) };
  };
}
