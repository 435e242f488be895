"use client";

import { useActionState } from "react";
import { setPassword, type SetPasswordState } from "@/lib/actions/set-password";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/password-rules";
import { NewPasswordFields } from "./new-password-fields";
import { messages } from "@/lib/i18n";

export function SetPasswordForm({ token }: { token: string }) {
  const t = messages().setPassword;
  const [state, formAction, pending] = useActionState<SetPasswordState, FormData>(setPassword, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields
        labels={{ password: t.password, confirmation: t.confirmation, hint: t.passwordHint(PASSWORD_MIN_LENGTH) }}
        errors={state.fieldErrors}
        autoFocus
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t.submitting : t.submit}
      </Button>
    </form>
  );
}
