// The shape of every HR change to content and structure.
import "server-only";
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { assertCan, type Ability } from "../access/permissions";
import { lockContent } from "../content/apply";
import { db, type Tx } from "../db";
import { invalid, type ChangeResult, type FieldErrors } from "./result";

/**
 * A change function for one kind of record: it checks the role, parses the input (a refusal is
 * field errors) and applies the change in one transaction under the content writers' lock — a
 * content import rewrites the same rows, and one writer at a time keeps each check and the
 * audit's "before" true until the commit.
 */
export function lockedChanges<R extends ChangeResult<object, unknown>>(ability: Ability) {
  return async <S extends z.ZodType>(
    actor: CurrentUser,
    schema: S,
    input: unknown,
    apply: (tx: Tx, data: z.output<S>) => Promise<R>,
  ): Promise<R> => {
    assertCan(actor, ability);
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors as FieldErrors) as R;
    return db.$transaction(async (tx) => {
      await lockContent(tx);
      return apply(tx, parsed.data);
    });
  };
}
