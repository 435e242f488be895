import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Notice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { corporateSignInEnabled, getCurrentUser } from "@/lib/auth";
import { corporateLogin } from "@/lib/actions/login";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/access/return-path";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().login.title };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const t = messages();
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const corporate = corporateSignInEnabled();
  const { refused, failed } = t.login.corporate;
  const error = corporate && typeof params.error === "string" ? params.error : null;
  const corporateError = error && (Object.hasOwn(refused, error) ? refused[error] : failed);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t.login.title}</h1>
      {params.passwordSet === "1" && (
        <div className="mb-4">
          <Notice tone="info">{t.login.passwordSet}</Notice>
        </div>
      )}
      {params.loggedOut === "1" && (
        <div className="mb-4">
          <Notice tone="info">{t.login.loggedOut}</Notice>
        </div>
      )}
      {corporateError && (
        <div className="mb-4">
          <Notice tone="error">{corporateError}</Notice>
        </div>
      )}
      {corporate && (
        <form action={corporateLogin} className="mb-4 space-y-3">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="secondary" className="w-full">
            {t.login.corporate.submit}
            {env().OIDC_NAME && ` (${env().OIDC_NAME})`}
          </Button>
          <p className="text-center text-sm text-slate-600">
            {env().PASSWORD_SIGN_IN === "admins" ? t.login.corporate.adminsOnly : t.login.corporate.or}
          </p>
        </form>
      )}
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}
