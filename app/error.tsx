"use client";

import { buttonClass } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = messages().errors;
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t.errorTitle}</h1>
      <p className="mt-2 text-slate-600">{t.errorText}</p>
      <button type="button" onClick={reset} className={buttonClass("primary", "mt-6")}>
        {t.retry}
      </button>
    </main>
  );
}
