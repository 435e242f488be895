// The outcome of an HR change, shared by lib/admin, its server actions and the admin forms that show it.
import { z } from "zod";
import type { Refusal } from "../access/guard";

/** Messages by form field ("form": what belongs to no single field). */
export type FieldErrors = Partial<Record<string, string[]>>;

/** Every way a change is refused: by the session check or the role (`message` says why when the role alone does not), the record is gone, the input is invalid. */
export type Refused =
  | { ok: false; error: Refusal; message?: string }
  | { ok: false; error: "not-found" }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors };

/**
 * A change's outcome: done (with what the form needs next), or refused — or, for a versioned
 * record, someone saved it since the form was loaded (`current` is what is stored; nothing was written).
 */
export type ChangeResult<Done extends object = { id: string }, Current = never> =
  | ({ ok: true } & Done)
  | Refused
  | { ok: false; error: "conflict"; current: Current };

export const notFound = { ok: false, error: "not-found" } as const;
export const invalid = (fieldErrors: FieldErrors) => ({ ok: false, error: "invalid", fieldErrors }) as const;
/** A zod refusal as messages by field. */
export const invalidInput = (error: z.ZodError) => invalid(z.flattenError(error).fieldErrors as FieldErrors);
export const forbidden = (message?: string) => ({ ok: false, error: "forbidden", ...(message === undefined ? {} : { message }) }) as const;
export const done = (id: string) => ({ ok: true, id }) as const;
