"use client";

import { useActionState } from "react";
import { login, type LoginState } from "@/lib/actions/login";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = messages().login;
  const [state, formAction, pending] = useActionState<LoginState, FormData>(login, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        id="email"
        name="email"
        type="email"
        label={t.email}
        autoComplete="username"
        defaultValue={state.email}
        error={state.fieldErrors?.email}
        required
        autoFocus
      />
      <Field
        id="password"
        name="password"
        type="password"
        label={t.password}
        autoComplete="current-password"
        error={state.fieldErrors?.password}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t.submitting : t.submit}
      </Button>
    </form>
  );
}
