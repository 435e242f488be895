"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

/** A one-time password, shown once: it lives only in the state of the component that asked for it. */
export function UserPasswordBox({ password }: { password: string }) {
  const t = messages().admin.users;
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="one-time-password-title" className="space-y-2 rounded-lg border-2 border-amber-400 bg-amber-50 p-4" data-testid="one-time-password-box">
      <h2 id="one-time-password-title" className="text-sm font-semibold text-amber-900">
        {t.oneTimePassword}
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <code className="select-all rounded bg-white px-3 py-2 font-mono text-lg tracking-wider text-slate-900" data-testid="one-time-password">
          {password}
        </code>
        <Button
          type="button"
          variant="secondary"
          // Without a clipboard (plain http, a refused permission) the password stays selectable by hand.
          onClick={() => navigator.clipboard?.writeText(password).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? t.copied : t.copy}
        </Button>
      </div>
      <p className="text-sm text-amber-900">{t.oneTimePasswordNote}</p>
    </section>
  );
}
