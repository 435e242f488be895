"use client";

import { useEffect, useRef } from "react";
import { Panel } from "@/components/ui/panel";
import type { AdminDeck } from "@/lib/admin/decks";
import { messages } from "@/lib/i18n";
import { CardCreateForm } from "./card-create-form";
import { DeckCardOrder } from "./deck-card-order";
import { DeckDeleteForm, DeckPublishToggle, DeckSettingsForm } from "./deck-forms";

/** A deck's page: its settings, visibility, deletion, and the order of its cards. */
export function DeckEditor({ deck }: { deck: AdminDeck }) {
  const t = messages().admin.decks;
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);
  return (
    <div ref={root} data-testid="deck-editor" className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="space-y-4">
        <Panel title={t.settings}>
          {/* Not keyed by the version: the form keeps what was typed; a save over a newer one is answered with a conflict. */}
          <DeckSettingsForm deck={deck} />
        </Panel>
        <Panel title={t.visibility}>
          <div className="space-y-4">
            <DeckPublishToggle deck={deck} />
            <DeckDeleteForm deck={deck} />
          </div>
        </Panel>
      </div>
      <div className="space-y-4">
        <Panel title={t.cardsTitle}>
          {/* The local order rules after the first render: the refreshes that follow each save must not undo later moves. */}
          <DeckCardOrder deckId={deck.id} cards={deck.cards} />
        </Panel>
        <Panel title={messages().admin.cards.newCard}>
          <CardCreateForm deckId={deck.id} />
        </Panel>
      </div>
    </div>
  );
}
