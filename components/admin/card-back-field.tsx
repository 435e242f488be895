import type { TextareaHTMLAttributes } from "react";
import { CARD_BACK_MAX } from "@/lib/admin/cards.schema";
import { messages } from "@/lib/i18n";

/** The card's back: Markdown typed in a monospaced area, with the format hint and the field's error. */
export function CardBackField({
  id,
  error,
  className = "",
  ...textarea
}: { id: string; error?: string } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name">) {
  const t = messages().admin.cards;
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {t.back}
      </label>
      <textarea
        id={id}
        name="back"
        maxLength={CARD_BACK_MAX}
        spellCheck
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
        className={`block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500 ${className}`}
        {...textarea}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t.backHint}
      </p>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
