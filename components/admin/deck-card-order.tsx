"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import Link from "next/link";
import { reorderCardsAction } from "@/lib/actions/admin/decks";
import { EmptyState } from "@/components/ui/panel";
import type { ChangeResult } from "@/lib/admin/result";
import { messages } from "@/lib/i18n";

export type OrderedCard = { id: string; key: string; front: string; activeQuestionCount: number };

type SaveState = "idle" | "saving" | "saved" | "error";
type FocusTarget = { id: string; control: "item" | "up" | "down" };

const moveButton =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";

function moved<T>(list: T[], from: number, to: number) {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * The deck's cards in order. A card moves by drag and drop, or, focused, with
 * Alt+ArrowUp / Alt+ArrowDown or its "выше"/"ниже" buttons. Every move saves the
 * whole new order; moves made while a save runs are sent after it, the latest last.
 */
export function DeckCardOrder({ deckId, cards }: { deckId: string; cards: OrderedCard[] }) {
  const t = messages().admin.decks;
  const [order, setOrder] = useState(cards);
  const [state, setState] = useState<SaveState>("idle");
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [dragged, setDragged] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const elements = useRef(new Map<string, HTMLElement>());
  const saving = useRef(false);
  const queued = useRef<string[] | null>(null);

  useEffect(() => {
    if (!focusTarget) return;
    const element = elements.current.get(`${focusTarget.id}:${focusTarget.control}`);
    const target = element && !(element as HTMLButtonElement).disabled ? element : elements.current.get(`${focusTarget.id}:item`);
    target?.focus();
  }, [focusTarget, order]);

  async function save(cardIds: string[]) {
    if (saving.current) {
      queued.current = cardIds;
      return;
    }
    saving.current = true;
    setState("saving");
    let next: string[] | null = cardIds;
    let failure: string | null = null;
    while (next) {
      queued.current = null;
      failure = errorOf(await reorderCardsAction({ deckId, cardIds: next }).catch(() => null));
      next = queued.current;
    }
    saving.current = false;
    setError(failure);
    setState(failure ? "error" : "saved");
  }

  function move(from: number, to: number, control: FocusTarget["control"]) {
    if (to < 0 || to >= order.length || from === to) return;
    const card = order[from];
    const next = moved(order, from, to);
    setOrder(next);
    setFocusTarget({ id: card.id, control });
    setAnnouncement(t.moved(card.front, to + 1, next.length));
    void save(next.map((item) => item.id));
  }

  function onKeyDown(event: KeyboardEvent, index: number) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(index, event.key === "ArrowUp" ? index - 1 : index + 1, "item");
  }

  const register = (key: string) => (element: HTMLElement | null) => {
    if (element) elements.current.set(key, element);
    else elements.current.delete(key);
  };

  if (order.length === 0) return <EmptyState>{t.noCards}</EmptyState>;

  return (
    <div className="space-y-2">
      <p id="deck-cards-hint" className="text-sm text-slate-600">
        {t.cardsHint}
      </p>
      <ol className="space-y-2" data-testid="deck-cards" aria-describedby="deck-cards-hint">
        {order.map((card, index) => (
          <li
            key={card.id}
            ref={register(`${card.id}:item`)}
            tabIndex={0}
            draggable
            data-testid="deck-card"
            data-card-id={card.id}
            aria-label={`${t.position(index + 1, order.length)}: ${card.front}`}
            onKeyDown={(event) => onKeyDown(event, index)}
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = "move";
              event.dataTransfer.setData("text/plain", card.id);
              setDragged(card.id);
            }}
            onDragEnd={() => setDragged(null)}
            onDragOver={(event) => {
              if (!dragged) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = "move";
            }}
            onDrop={(event) => {
              event.preventDefault();
              const id = dragged ?? event.dataTransfer.getData("text/plain");
              setDragged(null);
              const from = order.findIndex((item) => item.id === id);
              if (from >= 0) move(from, index, "item");
            }}
            className={`flex cursor-grab flex-wrap items-center gap-3 rounded-xl border bg-white p-3 shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600 ${
              dragged === card.id ? "border-brand-600 opacity-60" : "border-slate-200"
            }`}
          >
            <span aria-hidden="true" className="select-none text-slate-400">
              ⋮⋮
            </span>
            <span className="w-8 text-sm tabular-nums text-slate-500">{index + 1}.</span>
            <div className="min-w-0 flex-1 basis-40">
              <Link href={`/admin/decks/${deckId}/cards/${card.id}`} className="font-medium text-brand-700 hover:underline" data-testid="deck-card-front">
                {card.front}
              </Link>
              <p className="text-xs text-slate-500">
                {card.key} · {t.activeQuestions(card.activeQuestionCount)}
              </p>
            </div>
            <div className="flex gap-1">
              <button
                type="button"
                ref={register(`${card.id}:up`)}
                className={moveButton}
                disabled={index === 0}
                aria-label={t.moveUp(card.front)}
                onClick={() => move(index, index - 1, "up")}
              >
                ↑ {t.up}
              </button>
              <button
                type="button"
                ref={register(`${card.id}:down`)}
                className={moveButton}
                disabled={index === order.length - 1}
                aria-label={t.moveDown(card.front)}
                onClick={() => move(index, index + 1, "down")}
              >
                ↓ {t.down}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="assertive">
        {announcement}
      </p>
      <p aria-live="polite" data-testid="deck-order-state" data-state={state} className={`text-sm ${state === "error" ? "text-red-700" : "text-slate-600"}`}>
        {state === "saving" ? t.orderSaving : state === "saved" ? t.orderSaved : state === "error" ? error : ""}
      </p>
    </div>
  );
}

/** null when the order was saved, else the message to show. */
function errorOf(result: ChangeResult | null): string | null {
  const t = messages().admin.decks.errors;
  if (!result) return t.failed;
  if (result.ok) return null;
  if (result.error === "invalid") return result.fieldErrors.cardIds?.[0] ?? t.failed;
  return result.error === "not-found" ? t.notFound : t.failed;
}
