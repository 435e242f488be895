"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CREDENTIAL_KINDS, type CredentialKind, type IssuedCredential } from "@/lib/admin/users.schema";
import { formatDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n";

/**
 * How the person will get in: a one-time password HR passes on, a link to set their own, or that link by e-mail
 * (offered while e-mail is on).
 */
export function CredentialChoice({
  value,
  onChange,
  mailOn,
  error,
}: {
  value: CredentialKind;
  onChange: (kind: CredentialKind) => void;
  mailOn: boolean;
  error?: string;
}) {
  const t = messages().admin.users;
  const kinds = CREDENTIAL_KINDS.filter((kind) => mailOn || kind !== "email");
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{t.credential}</legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:gap-4">
        {kinds.map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" name="credential" value={kind} checked={value === kind} onChange={() => onChange(kind)} className="size-4 accent-brand-600" />
            {t.credentials[kind]}
          </label>
        ))}
      </div>
      {error && <p className="text-sm text-rose-700">{error}</p>}
    </fieldset>
  );
}

/**
 * A one-time password or a set-password link, shown once: it lives only in the state of
 * the component that asked for it. It is rendered only after an action answered, in the
 * browser, so the link can take the portal's address from the page.
 */
export function UserCredentialBox({ credential, timeZone }: { credential: IssuedCredential; timeZone: string }) {
  const t = messages().admin.users;
  const [copied, setCopied] = useState(false);
  if (credential.kind === "email") {
    return (
      <section aria-labelledby="issued-credential-title" className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4" data-testid="password-link-sent">
        <h2 id="issued-credential-title" className="text-sm font-semibold text-slate-900">
          {t.passwordLinkSent}
        </h2>
        <p className="text-sm text-slate-700">{t.passwordLinkSentNote(credential.email, formatDateTime(new Date(credential.expiresAt), timeZone))}</p>
      </section>
    );
  }
  const link = credential.kind === "link";
  const secret = link ? new URL(credential.path, window.location.origin).href : credential.password;
  return (
    <section
      aria-labelledby="issued-credential-title"
      className="space-y-2 rounded-lg border-2 border-amber-400 bg-amber-50 p-4"
      data-testid={link ? "password-link-box" : "one-time-password-box"}
    >
      <h2 id="issued-credential-title" className="text-sm font-semibold text-amber-900">
        {link ? t.passwordLink : t.oneTimePassword}
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <code
          className={`min-w-0 select-all rounded bg-white px-3 py-2 font-mono text-slate-900 ${link ? "break-all text-sm" : "text-lg tracking-wider"}`}
          data-testid={link ? "password-link" : "one-time-password"}
        >
          {secret}
        </code>
        <Button
          type="button"
          variant="secondary"
          // Without a clipboard (plain http, a refused permission) the text stays selectable by hand.
          onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? t.copied : t.copy}
        </Button>
      </div>
      <p className="text-sm text-amber-900">
        {credential.kind === "link" ? t.passwordLinkNote(formatDateTime(new Date(credential.expiresAt), timeZone)) : t.oneTimePasswordNote}
      </p>
    </section>
  );
}
