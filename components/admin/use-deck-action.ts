"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { DeckResult, DeckSettings, FieldErrors } from "@/lib/admin/decks";
import { messages } from "@/lib/i18n";

type DeckAction<I> = (input: I) => Promise<ActionResult<DeckResult>>;

type Outcome = { errors: FieldErrors; conflict: DeckSettings | null; success: Extract<DeckResult, { ok: true }> | null };

/** The answer of a deck action as errors for the fields ("form": the rest), a conflict, or the success. */
async function outcomeOf<I>(action: DeckAction<I>, input: I): Promise<Outcome> {
  const t = messages().admin.decks.errors;
  const failed = (line: string): Outcome => ({ errors: { form: [line] }, conflict: null, success: null });
  try {
    const result = await action(input);
    const outcome = result.ok ? result.data : result;
    if (outcome.ok) return { errors: {}, conflict: null, success: outcome };
    if (outcome.error === "invalid") return { errors: outcome.fieldErrors ?? {}, conflict: null, success: null };
    if (outcome.error === "conflict") return { errors: {}, conflict: outcome.current, success: null };
    return failed(outcome.error === "not-found" ? t.notFound : t.failed);
  } catch {
    return failed(t.failed);
  }
}

/** Runs a deck action, keeping its pending state, the errors to show next to the fields and a conflict if any. */
export function useDeckAction<I>(action: DeckAction<I>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<DeckSettings | null>(null);
  const [pending, startTransition] = useTransition();
  function run(input: I, onDone?: (success: Extract<DeckResult, { ok: true }>) => void) {
    startTransition(async () => {
      const next = await outcomeOf(action, input);
      setErrors(next.errors);
      setConflict(next.conflict);
      if (next.success) onDone?.(next.success);
    });
  }
  return { errors, conflict, pending, run, clearConflict: () => setConflict(null) };
}
