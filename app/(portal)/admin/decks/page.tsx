import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeckCreateForm } from "@/components/admin/deck-forms";
import { EmptyState, Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { listDecks } from "@/lib/admin/decks";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.decks.title };

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

export default async function AdminDecksPage() {
  const user = await requireUser("/admin/decks");
  if (!can(user.role, "manageContent")) notFound();
  const t = messages().admin.decks;
  const decks = await listDecks(user);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p className="text-sm text-slate-600">{t.intro}</p>
      <Link href="/admin/decks/import" className="inline-block text-sm text-brand-700 hover:underline">
        {messages().admin.contentTransfer.importLink}
      </Link>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-label={t.listLabel}>
          {decks.length === 0 ? (
            <EmptyState>{t.empty}</EmptyState>
          ) : (
            <ul className="space-y-2">
              {decks.map((deck) => (
                <li key={deck.id} data-testid="deck-row" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                    <Link href={`/admin/decks/${deck.id}`} className="font-semibold text-brand-700 hover:underline">
                      {deck.title}
                    </Link>
                    <span className="flex flex-wrap gap-1">
                      {deck.archived ? (
                        <span className={`${badge} bg-slate-200 text-slate-700`}>{t.archived}</span>
                      ) : deck.published ? (
                        <span className={`${badge} bg-green-100 text-green-800`}>{t.published}</span>
                      ) : (
                        <span className={`${badge} bg-amber-100 text-amber-800`}>{t.unpublished}</span>
                      )}
                    </span>
                  </div>
                  <p className="mt-1 text-sm text-slate-600">
                    <span className="font-mono text-xs">{deck.slug}</span> · {t.cards(deck.cardCount)} · {t.activeQuestions(deck.activeQuestionCount)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Panel title={t.createTitle}>
          <DeckCreateForm />
        </Panel>
      </div>
    </div>
  );
}
