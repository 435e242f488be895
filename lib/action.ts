// The one wrapper for server actions: the one session check (lib/access/guard.ts)
// → zod → a lib/ function. A refusal is a typed result, never a thrown error.
import "server-only";
import { z } from "zod";
import { getCurrentUser } from "./auth";
import { checkSession, type CurrentUser, type Refusal } from "./access/guard";
import { AccessDenied, type Ability } from "./access/permissions";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: Refusal | "invalid"; fieldErrors?: Record<string, string[] | undefined> };

export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (user: CurrentUser, input: z.infer<S>) => Promise<T>,
  options: { ability?: Ability } = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const checked = checkSession(await getCurrentUser(), options);
    if (!checked.ok) return { ok: false, error: checked.refusal };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
    try {
      return { ok: true, data: await handler(checked.user, parsed.data) };
    } catch (error) {
      // lib/ asserts the ability of every admin function itself: its refusal is this action's.
      if (error instanceof AccessDenied) return { ok: false, error: "forbidden" };
      throw error;
    }
  };
}
