import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeckEditor } from "@/components/admin/deck-editor";
import { DeckExportLinks } from "@/components/admin/deck-export-links";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { getDeck } from "@/lib/admin/decks";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.decks.title };

export default async function AdminDeckPage({ params }: { params: Promise<{ deckId: string }> }) {
  const { deckId } = requireRecordIds(await params);
  const user = await requireUser(`/admin/decks/${encodeURIComponent(deckId)}`);
  if (!can(user.role, "manageContent")) notFound();
  const deck = await getDeck(user, deckId);
  if (!deck) notFound();
  const t = messages().admin.decks;
  return (
    <div className="space-y-4">
      <Link href="/admin/decks" className="text-sm text-brand-700 hover:underline">
        {t.back}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold break-words" data-testid="deck-title">
          {deck.title}
        </h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono text-xs">{deck.slug}</span> ·{" "}
          {deck.archived ? t.archived : deck.published ? t.published : t.unpublished} · {t.cards(deck.cards.length)}
        </p>
      </div>
      <DeckExportLinks deckId={deck.id} />
      <DeckEditor deck={deck} />
    </div>
  );
}
