"use client";

import { useCallback, useState, useTransition } from "react";
import type { ChangeResult, FieldErrors } from "@/lib/admin/result";

type Texts = { notFound: string; failed: string };
type Done<R> = Extract<R, { ok: true }>;
type Current<R> = R extends { error: "conflict"; current: infer C } ? C : never;
type Outcome<R> = { errors: FieldErrors; conflict: Current<R> | null; success: Done<R> | null };

/** An action's answer as messages for the fields ("form": the rest), a conflict, or the success. */
async function outcomeOf<I, R extends ChangeResult<object, unknown>>(action: (input: I) => Promise<R>, input: I, texts: Texts): Promise<Outcome<R>> {
  const refused = (errors: FieldErrors, conflict: Current<R> | null = null) => ({ errors, conflict, success: null });
  try {
    const result: ChangeResult<object, unknown> = await action(input);
    if (result.ok) return { errors: {}, conflict: null, success: result as Done<R> };
    switch (result.error) {
      case "invalid":
        return refused(result.fieldErrors);
      case "conflict":
        return refused({}, result.current as Current<R>);
      case "not-found":
        return refused({ form: [texts.notFound] });
      default:
        return refused({ form: [result.message ?? texts.failed] });
    }
  } catch {
    return refused({ form: [texts.failed] });
  }
}

/**
 * Runs an HR change action (lib/actions/admin, answering lib/admin's ChangeResult): its pending
 * state, the messages to show next to the fields ("form": any other refusal) and, for a
 * versioned record, the conflict (what is stored now).
 */
export function useChangeAction<I, R extends ChangeResult<object, unknown>>(action: (input: I) => Promise<R>, texts: Texts) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<Current<R> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = useCallback((input: I, onDone?: (success: Done<R>) => void) => {
    startTransition(async () => {
      const next = await outcomeOf(action, input, texts);
      setErrors(next.errors);
      setConflict(next.conflict);
      if (next.success) onDone?.(next.success);
    });
  }, [action, texts]);
  /** Forgets the messages and the conflict (after HR takes the stored version). */
  const clear = useCallback(() => {
    setErrors({});
    setConflict(null);
  }, []);
  return { errors, conflict, pending, run, clear };
}
