"use client";

import Link from "next/link";
import { dismissCardChanges } from "@/lib/actions/study";
import { useRefreshingAction } from "@/components/study/use-study-session";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { messages } from "@/lib/i18n";

type Item = { cardId: string; front: string; deckSlug: string; deckTitle: string; date: string };

/** The cards changed substantively since the last visit, with «Понятно» to mark them read up to the newest shown. */
export function ChangesPanel({ items, more, until }: { items: Item[]; more: number; until: string }) {
  const t = messages().home;
  const { pending, error, run } = useRefreshingAction(t.changesFailed);
  return (
    <Panel
      title={t.changesTitle}
      action={
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => dismissCardChanges({ until }))}>
          {t.changesDismiss}
        </Button>
      }
    >
      <div data-testid="card-changes" className="space-y-2">
        <p className="text-sm text-slate-600">{t.changesNote}</p>
        <ul className="divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.cardId} className="flex flex-wrap justify-between gap-x-3 py-2" data-testid="card-change-item">
              <Link href={`/decks/${item.deckSlug}/review`} className="font-medium text-brand-700 hover:underline">
                {item.front}
              </Link>
              <span className="text-sm text-slate-500">
                {item.deckTitle}, {item.date}
              </span>
            </li>
          ))}
        </ul>
        {more > 0 && <p className="text-sm text-slate-500">{t.changesMore(more)}</p>}
        {error && <Notice tone="error">{error}</Notice>}
      </div>
    </Panel>
  );
}
