import type { Metadata } from "next";
import Link from "next/link";
import { OwnPasswordForm } from "@/components/settings/own-password-form";
import { Notice } from "@/components/ui/notice";
import { getCurrentUser, OWN_PASSWORD_PATH, requireUser } from "@/lib/auth";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().ownPassword.title };

export default async function OwnPasswordPage() {
  await requireUser(OWN_PASSWORD_PATH);
  const required = (await getCurrentUser())?.mustChangePassword ?? false;
  const t = messages().ownPassword;
  return (
    <div className="mx-auto max-w-md space-y-4">
      {!required && (
        <Link href="/settings" className="text-sm text-brand-700 hover:underline">
          {t.back}
        </Link>
      )}
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      {required && <Notice tone="info">{t.required}</Notice>}
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <OwnPasswordForm />
      </div>
    </div>
  );
}
