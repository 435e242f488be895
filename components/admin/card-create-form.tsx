"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { createCardAction } from "@/app/(portal)/admin/decks/[deckId]/cards/actions";
import { Field, FormErrors } from "@/components/ui/field";
import { CARD_BACK_MAX, CARD_FRONT_MAX } from "@/lib/admin/card-limits";
import { messages } from "@/lib/i18n";
import { SubmitButton } from "./submit-button";
import { useChangeAction } from "./use-change-action";

/** A new card at the end of the deck; on success its editor opens, where its questions are added. */
export function CardCreateForm({ deckId }: { deckId: string }) {
  const t = messages().admin.cards;
  const router = useRouter();
  const root = useRef<HTMLFormElement>(null);
  const { errors, pending, run } = useChangeAction(createCardAction, t.errors);
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);
  return (
    <form
      ref={root}
      noValidate
      data-testid="card-create"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        run({ deckId, front: String(data.get("front") ?? ""), back: String(data.get("back") ?? "") }, (success) =>
          router.push(`/admin/decks/${deckId}/cards/${success.id}`),
        );
      }}
    >
      <p className="text-sm text-slate-600">{t.newCardHint}</p>
      <Field id="new-card-front" name="front" label={t.front} maxLength={CARD_FRONT_MAX} error={errors.front?.[0]} />
      <div className="space-y-1">
        <label htmlFor="new-card-back" className="block text-sm font-medium text-slate-700">
          {t.back}
        </label>
        <textarea
          id="new-card-back"
          name="back"
          rows={8}
          maxLength={CARD_BACK_MAX}
          spellCheck
          aria-invalid={errors.back ? true : undefined}
          aria-describedby={errors.back ? "new-card-back-error new-card-back-hint" : "new-card-back-hint"}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500"
        />
        <p id="new-card-back-hint" className="text-xs text-slate-500">
          {t.backHint}
        </p>
        {errors.back && (
          <p id="new-card-back-error" className="text-sm text-red-700">
            {errors.back[0]}
          </p>
        )}
      </div>
      <FormErrors messages={[...(errors.deckId ?? []), ...(errors.form ?? [])]} />
      <SubmitButton pending={pending} label={t.create} variant="primary" />
    </form>
  );
}
