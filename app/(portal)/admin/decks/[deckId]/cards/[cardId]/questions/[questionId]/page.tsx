import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionEditor } from "@/components/admin/question-editor";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { getQuestionCard, getQuestionForEditing, type EditableQuestion, type QuestionCard } from "@/lib/admin/questions";
import type { QuestionForm } from "@/lib/admin/question-form";
import { messages } from "@/lib/i18n";

type Params = { deckId: string; cardId: string; questionId: string };

export const metadata: Metadata = { title: messages().admin.questions.pageTitle };

const blank: QuestionForm = {
  type: "SINGLE",
  prompt: "",
  explanation: "",
  pool: "BOTH",
  active: true,
  options: [
    { text: "", correct: true },
    { text: "", correct: false },
    { text: "", correct: false },
  ],
};

/** A card's question in the editor; "new" as the question id creates one. */
export default async function AdminQuestionPage({ params }: { params: Promise<Params> }) {
  const { deckId, cardId, questionId } = requireRecordIds(await params);
  const user = await requireUser(`/admin/decks/${deckId}/cards/${cardId}/questions/${questionId}`);
  if (!can(user.role, "manageContent")) notFound();
  const found = questionId === "new" ? await getQuestionCard(user, deckId, cardId) : await getQuestionForEditing(user, deckId, cardId, questionId);
  if (!found) notFound();
  const editing: QuestionCard & { question?: EditableQuestion } = found;
  const t = messages().admin.questions;
  const question = editing.question ?? null;
  return (
    <div className="space-y-4">
      <Link href={`/admin/decks/${editing.deck.id}/cards/${editing.card.id}`} className="text-sm text-brand-700 hover:underline">
        {t.backToCard(editing.card.front)}
      </Link>
      <h1 className="text-2xl font-semibold">{question ? `${t.titleEdit} ${question.key}` : t.titleNew}</h1>
      <p className="text-sm text-slate-600">{t.historyNote}</p>
      <QuestionEditor
        deckId={editing.deck.id}
        cardId={editing.card.id}
        question={question ? { id: question.id, version: question.version } : null}
        initial={question ?? blank}
      />
    </div>
  );
}
