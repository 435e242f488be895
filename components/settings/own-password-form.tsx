"use client";

import { useActionState } from "react";
import { changePassword, type OwnPasswordState } from "@/lib/actions/own-password";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
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
      <NewPasswordFields
        labels={{ password: t.password, confirmation: t.confirmation, hint: t.hint(PASSWORD_MIN_LENGTH) }}
        errors={state.fieldErrors}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t.submitting : t.submit}
      </Button>
    </form>
  );
}
