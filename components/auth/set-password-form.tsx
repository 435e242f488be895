"use client";

import { useActionState } from "react";
import { setPassword, type SetPasswordState } from "@/app/(auth)/set-password/[token]/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/users/password-rules";
import { messages } from "@/lib/i18n";

export function SetPasswordForm({ token }: { token: string }) {
  const t = messages().setPassword;
  const [state, formAction, pending] = useActionState<SetPasswordState, FormData>(setPassword, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="token" value={token} />
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
          autoFocus
        />
        <p className="text-xs text-slate-500">{t.passwordHint(PASSWORD_MIN_LENGTH)}</p>
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
