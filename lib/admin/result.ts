// The outcome of an HR change, shared by lib/admin and the admin forms that show it.

/** Messages by form field ("form": what belongs to no single field). */
export type FieldErrors = Partial<Record<string, string[]>>;

/**
 * A change's outcome: done (with what the form needs next), or refused — the record is
 * gone, the input is invalid (messages by form field), or, for a versioned record,
 * someone saved it since the form was loaded (`current` is what is stored; nothing was written).
 */
export type ChangeResult<Done extends object = { id: string }, Current = never> =
  | ({ ok: true } & Done)
  | { ok: false; error: "not-found" }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; error: "conflict"; current: Current };

export const notFound = { ok: false, error: "not-found" } as const;
export const invalid = (fieldErrors: FieldErrors) => ({ ok: false, error: "invalid", fieldErrors }) as const;
export const done = (id: string) => ({ ok: true, id }) as const;
