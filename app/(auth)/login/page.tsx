import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Notice } from "@/components/ui/notice";
import { getCurrentUser } from "@/lib/auth";
import { safeReturnPath } from "@/lib/access/return-path";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().login.title };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const t = messages();
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
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
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}
