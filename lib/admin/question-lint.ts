// The bank linter in the question editor: the findings of the question being edited
// (as typed, before it is saved) against the rest of its deck's active questions, its
// cards and the exams that draw from the deck.
import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { findingsFor, lintDeck, lintQuestionOf, type LintDeck, type LintFinding, type LintQuestion } from "../content/bank-lint";
import { fromStoredQuestion } from "../content/question-data";
import { messages } from "../i18n";
import { checkQuestion, type QuestionForm } from "./question-form";
import { notFound, type ChangeResult } from "./result";

const id = z.string().min(1).max(64);
const targetSchema = z.object({ deckId: id, cardId: id, questionId: id.nullable() });

/** The editor's form, where it belongs, and the question it edits (null: a new one). */
export type QuestionLintInput = { deckId: string; cardId: string; questionId: string | null } & QuestionForm;

/** "incomplete": the form does not pass the content rules yet; "retired": an inactive question is not asked, so not checked. */
export type QuestionLintResult = ChangeResult<{ status: "checked" | "incomplete" | "retired"; findings: LintFinding[] }>;

/** A deck as stored: its cards with their active questions (but `exceptQuestionId`), and the exams drawing from it. */
export async function storedLintDeck(deckId: string, exceptQuestionId: string | null = null): Promise<LintDeck> {
  const [cards, exams] = await Promise.all([
    db.card.findMany({
      where: { deckId },
      orderBy: [{ position: "asc" }, { key: "asc" }],
      select: {
        key: true,
        front: true,
        back: true,
        questions: {
          where: { active: true, ...(exceptQuestionId ? { id: { not: exceptQuestionId } } : {}) },
          orderBy: [{ position: "asc" }, { key: "asc" }],
          select: { key: true, pool: true, prompt: true, explanation: true, type: true, payload: true, answerKey: true },
        },
      },
    }),
    db.exam.findMany({
      where: { cards: { some: { card: { deckId } } } },
      select: {
        key: true,
        title: true,
        questionsPerCard: true,
        questionCount: true,
        cardWeighting: true,
        attemptsAllowed: true,
        cards: { select: { weight: true, card: { select: { key: true } } } },
      },
    }),
  ]);
  return {
    cards: cards.map((card) => ({ ...card, questions: card.questions.map(lintQuestionOf) })),
    exams: exams.map(({ cards: examCards, ...exam }) => ({
      ...exam,
      cardKeys: examCards.map((examCard) => examCard.card.key),
      cardWeights: Object.fromEntries(examCards.map((examCard) => [examCard.card.key, examCard.weight])),
    })),
  };
}

/** The findings of the form as typed, as if saved in place of `questionId` (or added to the card), against the rest of its deck. */
export async function lintQuestionDraft(viewer: CurrentUser, input: QuestionLintInput): Promise<QuestionLintResult> {
  assertCan(viewer, "manageContent");
  if (typeof input !== "object" || input === null) return notFound;
  const { deckId, cardId, questionId, ...form } = input;
  const target = targetSchema.safeParse({ deckId, cardId, questionId });
  if (!target.success) return notFound;
  const card = await db.card.findFirst({ where: { id: cardId, deckId }, select: { key: true } });
  const edited = questionId ? await db.question.findFirst({ where: { id: questionId, cardId }, select: { key: true } }) : null;
  if (!card || (questionId && !edited)) return notFound;
  const checked = checkQuestion(form);
  if (!checked.ok) return { ok: true, status: "incomplete", findings: [] };
  const draft = checked.question;
  if (!draft.form.active) return { ok: true, status: "retired", findings: [] };

  const stored = await storedLintDeck(deckId, questionId);
  const draftKey = edited?.key ?? messages().admin.bankLint.draftKey;
  const lintDraft: LintQuestion = {
    key: draftKey,
    pool: draft.form.pool,
    prompt: draft.form.prompt,
    explanation: draft.form.explanation,
    fields: fromStoredQuestion(draft.type, draft.payload, draft.answerKey),
  };
  const findings = lintDeck({
    ...stored,
    cards: stored.cards.map((other) => (other.key === card.key ? { ...other, questions: [...other.questions, lintDraft] } : other)),
  });
  return { ok: true, status: "checked", findings: findingsFor(findings, draftKey, card.key) };
}
