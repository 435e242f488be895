// The two wrappers for server actions, both behind the one session check (lib/access/guard.ts).
// A refusal is a typed result, never a thrown error.
import "server-only";
import { z } from "zod";
import { getCurrentUser } from "./auth";
import { checkSession, type CurrentUser, type Refusal } from "./access/guard";
import { AccessDenied, type Ability } from "./access/permissions";
import type { Refused } from "./admin/result";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: Refusal | "invalid"; fieldErrors?: Record<string, string[] | undefined> };

/** Runs the lib/ call; lib/ asserts the ability of every function itself, and its AccessDenied is the action's refusal. */
async function deniedAsForbidden<T>(call: () => Promise<T>): Promise<T | { ok: false; error: "forbidden" }> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AccessDenied) return { ok: false, error: "forbidden" };
    throw error;
  }
}

/** A person's own action (study, settings): zod parses the input here, then the lib/ function runs. */
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
    return deniedAsForbidden(async () => ({ ok: true, data: await handler(checked.user, parsed.data) }) as const);
  };
}

/**
 * An HR change (lib/admin): the lib/ function checks the role, parses the input once and answers
 * a ChangeResult; the session check's refusal and the role's come back in that same shape.
 * `refresh` revalidates the pages a change that went through has altered.
 */
export function changeAction<I, R extends { ok: boolean }>(
  change: (user: CurrentUser, input: I) => Promise<R>,
  refresh?: (result: R & { ok: true }, input: I) => void,
) {
  return async (input: I): Promise<R | Refused> => {
    const checked = checkSession(await getCurrentUser());
    if (!checked.ok) return { ok: false, error: checked.refusal };
    return deniedAsForbidden(async () => {
      const result = await change(checked.user, input);
      if (result.ok) refresh?.(result as R & { ok: true }, input);
      return result;
    });
  };
}
