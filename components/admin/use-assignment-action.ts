"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { AssignmentResult, FieldErrors } from "@/lib/admin/assignments";
import { messages } from "@/lib/i18n";

type AssignmentAction<I> = (input: I) => Promise<ActionResult<AssignmentResult>>;

/** The field errors of an action's answer, whether zod or the assignment rules refused; "form" holds the rest. */
async function errorsOf<I>(action: AssignmentAction<I>, input: I): Promise<FieldErrors> {
  const t = messages().admin.exams.errors;
  try {
    const result = await action(input);
    const outcome = result.ok ? result.data : result;
    if (outcome.ok) return {};
    if (outcome.error === "invalid") return outcome.fieldErrors ?? {};
    return { form: [outcome.error === "not-found" ? t.notFound : t.failed] };
  } catch {
    return { form: [t.failed] };
  }
}

/** Runs an assignment action, keeping its pending state and the errors to show next to the fields. */
export function useAssignmentAction<I>(action: AssignmentAction<I>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  function run(input: I, onDone?: () => void) {
    startTransition(async () => {
      const next = await errorsOf(action, input);
      setErrors(next);
      if (Object.keys(next).length === 0) onDone?.();
    });
  }
  return { errors, pending, run };
}
