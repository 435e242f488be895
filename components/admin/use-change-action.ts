"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { ChangeResult, FieldErrors } from "@/lib/admin/result";

type ChangeAction<I, Done extends object, Current> = (input: I) => Promise<ActionResult<ChangeResult<Done, Current>>>;
type Outcome<Done, Current> = { errors: FieldErrors; conflict: Current | null; success: Done | null };

/** An action's answer as messages for the fields ("form": the rest), a conflict, or the success. */
async function outcomeOf<I, Done extends object, Current>(
  action: ChangeAction<I, Done, Current>,
  input: I,
  texts: { notFound: string; failed: string },
): Promise<Outcome<Done, Current>> {
  const refused = (errors: FieldErrors, conflict: Current | null = null) => ({ errors, conflict, success: null });
  try {
    const result = await action(input);
    if (!result.ok) return refused(result.error === "invalid" ? (result.fieldErrors ?? {}) : { form: [texts.failed] });
    const outcome = result.data;
    if (outcome.ok) return { errors: {}, conflict: null, success: outcome };
    if (outcome.error === "invalid") return refused(outcome.fieldErrors);
    if (outcome.error === "conflict") return refused({}, outcome.current);
    return refused({ form: [texts.notFound] });
  } catch {
    return refused({ form: [texts.failed] });
  }
}

/**
 * Runs an admin change action (lib/admin's ChangeResult), keeping its pending state, the
 * messages to show next to the fields and, for versioned records, the conflict.
 */
export function useChangeAction<I, Done extends object, Current>(
  action: ChangeAction<I, Done, Current>,
  texts: { notFound: string; failed: string },
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<Current | null>(null);
  const [pending, startTransition] = useTransition();
  function run(input: I, onDone?: (success: Done) => void) {
    startTransition(async () => {
      const next = await outcomeOf(action, input, texts);
      setErrors(next.errors);
      setConflict(next.conflict);
      if (next.success) onDone?.(next.success);
    });
  }
  return { errors, conflict, pending, run, clearConflict: () => setConflict(null) };
}
