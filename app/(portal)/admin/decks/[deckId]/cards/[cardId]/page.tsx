import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CardEditor } from "@/components/admin/card-editor";
import { CardQuestions } from "@/components/admin/card-questions";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { getCardForEditing } from "@/lib/admin/cards";
import { messages } from "@/lib/i18n";

type Params = { deckId: string; cardId: string };

export const metadata: Metadata = { title: messages().admin.cards.pageTitle };

export default async function AdminCardPage({ params }: { params: Promise<Params> }) {
  const { deckId, cardId } = requireRecordIds(await params);
  const user = await requireUser(`/admin/decks/${deckId}/cards/${cardId}`);
  if (!can(user.role, "manageContent")) notFound();
  const editing = await getCardForEditing(user, deckId, cardId);
  if (!editing) notFound();
  const t = messages().admin.cards;
  return (
    <div className="space-y-4">
      <Link href={`/admin/decks/${editing.deck.id}`} className="text-sm text-brand-700 hover:underline">
        {t.backToDeck(editing.deck.title)}
      </Link>
      <h1 className="text-2xl font-semibold">{t.title(editing.card.front)}</h1>
      <p className="text-sm text-slate-600">{t.historyNote}</p>
      <CardEditor deckId={editing.deck.id} card={editing.card} />
      <CardQuestions questions={editing.questions} basePath={`/admin/decks/${editing.deck.id}/cards/${editing.card.id}`} />
    </div>
  );
}
