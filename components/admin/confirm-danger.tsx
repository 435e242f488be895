"use client";

import { useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { FormErrors } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/admin/result";
import { messages } from "@/lib/i18n";

/**
 * A destructive button that asks once more, naming what goes, with the refusal's messages
 * (the record's and the form's) and, as children, any status to show under it. `onConfirm`
 * gets `close` to end the question (on success; a refusal keeps it open beside its message).
 */
export function ConfirmDanger({
  label,
  question,
  confirmLabel,
  pending,
  errors,
  onConfirm,
  children,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  pending: boolean;
  errors: FieldErrors;
  onConfirm: (close: () => void) => void;
  children?: React.ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {confirming ? (
        <Question
          question={question}
          confirmLabel={confirmLabel}
          pending={pending}
          onConfirm={() => onConfirm(() => setConfirming(false))}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <button type="button" disabled={pending} className={buttonClass("dangerOutline", "w-full sm:w-auto")} onClick={() => setConfirming(true)}>
          {pending ? messages().admin.saving : label}
        </button>
      )}
      {children}
      <FormErrors messages={[...(errors.id ?? []), ...(errors.form ?? [])]} />
    </div>
  );
}

function Question({
  question,
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = messages().admin;
  return (
    <form
      className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm();
      }}
    >
      <p className="text-sm text-red-800">{question}</p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} aria-busy={pending || undefined} className={buttonClass("danger")}>
          {pending ? t.saving : confirmLabel}
        </button>
        {/* Focus lands on the harmless choice, so a stray Enter destroys nothing. */}
        <Button type="button" variant="ghost" autoFocus onClick={onCancel}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
