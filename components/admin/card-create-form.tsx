"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { createCardAction } from "@/lib/actions/admin/decks";
import { Field, FormErrors } from "@/components/ui/field";
import { CARD_FRONT_MAX } from "@/lib/admin/card-limits";
import { messages } from "@/lib/i18n";
import { CardBackField } from "./card-back-field";
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
        <CardBackField id="new-card-back" rows={8} error={errors.back?.[0]} />
      </div>
      <FormErrors messages={[...(errors.deckId ?? []), ...(errors.form ?? [])]} />
      <SubmitButton pending={pending} label={t.create} variant="primary" />
    </form>
  );
}
