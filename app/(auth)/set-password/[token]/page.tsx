import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";
import { passwordLinkState } from "@/lib/users/password-links";

// The token is in the address: it must not leave in a Referer header.
export const metadata: Metadata = { title: messages().setPassword.title, referrer: "no-referrer" };

/** Public, like /login: the link HR handed over is all the visitor has. */
export default async function SetPasswordPage({ params }: PageProps<"/set-password/[token]">) {
  const { token } = await params;
  const state = await passwordLinkState(token);
  const t = messages().setPassword;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t.title}</h1>
      {state.status === "valid" ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t.intro(state.name, state.email)}</p>
          <SetPasswordForm token={token} />
        </div>
      ) : (
        <div className="space-y-4" data-testid="set-password-problem">
          <Notice tone="error">{t.problems[state.status]}</Notice>
          <Link href="/login" className={buttonClass("secondary", "w-full")}>
            {t.toLogin}
          </Link>
        </div>
      )}
    </>
  );
}
