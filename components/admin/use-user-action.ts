"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { FieldErrors } from "@/lib/admin/result";
import type { Outcome } from "@/lib/admin/users";
import { messages } from "@/lib/i18n";

/**
 * Runs a user-management action: pending state, field errors (from zod or from the
 * domain's checks) for the fields, any other refusal as one message.
 */
export function useUserAction() {
  const t = messages().admin.users;
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);

  function run<T extends object>(call: () => Promise<ActionResult<Outcome<T>>>, onDone: (result: T) => void) {
    startTransition(async () => {
      setFieldErrors({});
      setError(null);
      try {
        const result = await call();
        if (!result.ok) {
          if (result.fieldErrors) setFieldErrors(result.fieldErrors);
          else setError(t.errors.failed);
          return;
        }
        const outcome = result.data;
        if (outcome.status === "ok") onDone(outcome);
        else if (outcome.status === "invalid") setFieldErrors(outcome.fieldErrors);
        else setError(outcome.status === "forbidden" ? outcome.message : t.errors.notFound);
      } catch {
        setError(t.errors.failed);
      }
    });
  }

  return { pending, fieldErrors, error, run };
}
