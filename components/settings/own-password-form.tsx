"use client";

import { useActionState } from "react";
import { changePassword, type OwnPasswordState } from "@/app/(portal)/settings/password/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/users/password-rules";
import { messages } from "@/lib/i18n";

export function OwnPasswordForm() {
  const t = messages().ownPassword;
  const [state, formAction, pending] = useActionState<OwnPasswordState, FormData>(changePassword, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field
        id="current-password"
        name="current"
        type="password"
        label={t.current}
        autoComplete="current-password"
        maxLength={PASSWORD_MAX_LENGTH}
        error={state.fieldErrors?.current}
        required
        autoFocus
      />
      <div className="space-y-1">
        <Field
          id="new-password"
          name="password"
          type="password"
          label={t.password}
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
          error={state.fieldErrors?.password}
          required
        />
        <p className="text-xs text-slate-500">{t.hint(PASSWORD_MIN_LENGTH)}</p>
      </div>
      <Field
        id="new-password-confirmation"
        name="confirmation"
        type="password"
        label={t.confirmation}
        autoComplete="new-password"
        maxLength={PASSWORD_MAX_LENGTH}
        error={state.fieldErrors?.confirmation}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t.submitting : t.submit}
      </Button>
    </form>
  );
}
