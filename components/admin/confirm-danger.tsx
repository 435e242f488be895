"use client";

import { useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

/**
 * A destructive button that asks once more, naming what goes. `onConfirm` gets `close` to end
 * the question (on success; a refusal keeps it open beside its message).
 */
export function ConfirmDanger({
  label,
  question,
  confirmLabel,
  pending,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: (close: () => void) => void;
}) {
  const t = messages().admin;
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" disabled={pending} className={buttonClass("dangerOutline", "w-full sm:w-auto")} onClick={() => setConfirming(true)}>
        {pending ? t.saving : label}
      </button>
    );
  }
  return (
    <form
      className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(() => setConfirming(false));
      }}
    >
      <p className="text-sm text-red-800">{question}</p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} aria-busy={pending || undefined} className={buttonClass("danger")}>
          {pending ? t.saving : confirmLabel}
        </button>
        {/* Focus lands on the harmless choice, so a stray Enter destroys nothing. */}
        <Button type="button" variant="ghost" autoFocus onClick={() => setConfirming(false)}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
