// HR's creating and editing of a card's questions, all six types. The form
// (lib/admin/question-form.ts) is checked by the content files' own rules and
// stored as an import would store it. Saving is optimistic, like a card's: the
// editor sends the version it started from, and a question someone changed
// meanwhile is not overwritten — the answer carries the current question.
// Attempts keep their own snapshot of every question they drew, so an edit never
// changes a past attempt; a retired question (active = false) is not drawn again.
// An edit keeps an option's id while its text is unchanged, so statistics by
// option stay meaningful; a new option gets a random id (lib/content/choice-ids.ts).
import "server-only";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { db, type Tx } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { withStoredIds } from "../content/choice-ids";
import type { AnswerKey, QuestionPayload, QuestionType } from "../content/question-data";
import { messages } from "../i18n";
import { checkQuestion, toFormFields, type CheckedQuestion, type FieldErrors, type QuestionForm, type QuestionPool } from "./question-form";
import { lockedChanges, saveVersioned } from "./change";
import { invalid, notFound, type VersionedResult } from "./result";

export type { FieldErrors, QuestionForm } from "./question-form";

const t = () => messages().admin.questions.errors;

const id = z
  .string({ error: () => t().questionMissing })
  .min(1, { error: () => t().questionMissing })
  .max(64, { error: () => t().questionMissing });

const targetSchema = z.object({ deckId: id, cardId: id });
const updateTargetSchema = targetSchema.extend({
  questionId: id,
  version: z.number({ error: () => t().versionMissing }).int({ error: () => t().versionMissing }).min(1, { error: () => t().versionMissing }),
});

/** What the editor sends: where, plus the form (its type decides the other fields). */
export type CreateQuestionInput = { deckId: string; cardId: string } & QuestionForm;
export type UpdateQuestionInput = CreateQuestionInput & { questionId: string; version: number };

/** A question as the editor shows it. */
export type EditableQuestion = QuestionForm & { id: string; key: string; version: number };

export type QuestionResult = VersionedResult<EditableQuestion>;

export type QuestionCard = {
  deck: { id: string; title: string };
  card: { id: string; key: string; front: string };
};

const questionSelect = {
  id: true,
  key: true,
  type: true,
  prompt: true,
  explanation: true,
  payload: true,
  answerKey: true,
  pool: true,
  active: true,
  version: true,
} as const;

type QuestionRow = {
  id: string;
  key: string;
  type: QuestionType;
  prompt: string;
  explanation: string;
  payload: unknown;
  answerKey: unknown;
  pool: QuestionPool;
  active: boolean;
  version: number;
};

function editable(row: QuestionRow): EditableQuestion {
  return {
    ...toFormFields(row.type, row.payload, row.answerKey),
    id: row.id,
    key: row.key,
    version: row.version,
    prompt: row.prompt,
    explanation: row.explanation,
    pool: row.pool,
    active: row.active,
  };
}

const cardOf = (client: Tx | typeof db, deckId: string, cardId: string) =>
  client.card.findFirst({
    where: { id: cardId, deckId },
    select: { id: true, key: true, front: true, deck: { select: { id: true, title: true } } },
  });

/** The card of that deck a new question would belong to; null for an unknown card or one of another deck. */
export async function getQuestionCard(viewer: CurrentUser, deckId: string, cardId: string): Promise<QuestionCard | null> {
  assertCan(viewer, "manageContent");
  const card = await cardOf(db, deckId, cardId);
  if (!card) return null;
  const { deck, ...rest } = card;
  return { deck, card: rest };
}

/** The question of that card of that deck, for the editor; null for any id that does not fit. */
export async function getQuestionForEditing(
  actor: CurrentUser,
  deckId: string,
  cardId: string,
  questionId: string,
): Promise<(QuestionCard & { question: EditableQuestion }) | null> {
  assertCan(actor, "manageContent");
  const card = await getQuestionCard(actor, deckId, cardId);
  if (!card) return null;
  const row = await db.question.findFirst({ where: { id: questionId, cardId }, select: questionSelect });
  if (!row) return null;
  return { ...card, question: editable(row as QuestionRow) };
}

type Snapshot = {
  prompt: string;
  type: QuestionType;
  payload: QuestionPayload;
  answerKey: AnswerKey;
  explanation: string;
  pool: QuestionPool;
  active: boolean;
};

/** The checked question as stored, its choices under ids kept from `storedPayload` (null for a new question) or random. */
const snapshot = (question: CheckedQuestion, storedPayload: unknown): Snapshot => ({
  prompt: question.form.prompt,
  type: question.type,
  ...withStoredIds(question.type, question.payload, question.answerKey, storedPayload),
  explanation: question.form.explanation,
  pool: question.form.pool,
  active: question.form.active,
});

/** Reports field errors from inside a transform. */
function refuse(ctx: z.RefinementCtx, errors: FieldErrors) {
  for (const [field, messages] of Object.entries(errors)) for (const message of messages ?? []) ctx.addIssue({ code: "custom", path: [field], message });
  return z.NEVER;
}

/**
 * The editor's input: where (checked by `target`), then the form (checked by the content
 * files' own rules, question-form.ts).
 */
const questionInput = <T extends z.ZodType<object>>(target: T) =>
  z.unknown().transform((input, ctx) => {
    const fields = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : null;
    const { deckId, cardId, questionId, version, ...form } = fields ?? {};
    const where = target.safeParse({ deckId, cardId, questionId, version });
    if (!where.success) return refuse(ctx, z.flattenError(where.error).fieldErrors as FieldErrors);
    const checked = checkQuestion(fields ? form : input);
    if (!checked.ok) return refuse(ctx, checked.fieldErrors);
    return { ...(where.data as z.output<T>), question: checked.question };
  });

const createQuestionSchema = questionInput(targetSchema);
const updateQuestionSchema = questionInput(updateTargetSchema);

const change = lockedChanges("manageContent");

/** A key no question has yet: `<card key>-q<n>`, n one past the card's question count, or further. */
async function freshKey(tx: Tx, cardId: string, cardKey: string) {
  let n = (await tx.question.count({ where: { cardId } })) + 1;
  for (;;) {
    const key = `${cardKey}-q${n}`;
    if (!(await tx.question.findUnique({ where: { key }, select: { id: true } }))) return key;
    n++;
  }
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** The columns a snapshot is stored in (the type is fixed once created). */
const columnsOf = (snapshot: Snapshot) => ({
  prompt: snapshot.prompt,
  payload: json(snapshot.payload),
  answerKey: json(snapshot.answerKey),
  explanation: snapshot.explanation,
  pool: snapshot.pool,
  active: snapshot.active,
});

/** Creates a question at the end of the card's list, and records it. */
export function createQuestion(actor: CurrentUser, input: CreateQuestionInput): Promise<QuestionResult> {
  return change(actor, createQuestionSchema, input, async (tx, { deckId, cardId, question }) => {
    const card = await cardOf(tx, deckId, cardId);
    if (!card) return notFound;
    const after = snapshot(question, null);
    const last = await tx.question.aggregate({ where: { cardId }, _max: { position: true } });
    const created = await tx.question.create({
      data: {
        key: await freshKey(tx, cardId, card.key),
        cardId,
        type: after.type,
        ...columnsOf(after),
        position: (last._max.position ?? -1) + 1,
      },
      select: { id: true, version: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "question.create",
      entity: "question",
      entityId: created.id,
      before: null,
      after: json(after),
    });
    return { ok: true, id: created.id, version: created.version } as const;
  });
}

/** Saves the question (saveVersioned: a stale form is a conflict with the stored question). The type is fixed once created. */
export function updateQuestion(actor: CurrentUser, input: UpdateQuestionInput): Promise<QuestionResult> {
  return change(actor, updateQuestionSchema, input, async (tx, { deckId, cardId, questionId, version, question }) => {
    const row = (await tx.question.findFirst({ where: { id: questionId, cardId, card: { deckId } }, select: questionSelect })) as QuestionRow | null;
    return saveVersioned(tx, actor, {
      entity: "question",
      id: questionId,
      stored: row,
      version,
      current: editable,
      prepare: (stored) => {
        if (stored.type !== question.type) return invalid({ type: [t().typeFixed] });
        const after = snapshot(question, stored.payload);
        return {
          before: {
            prompt: stored.prompt,
            type: stored.type,
            payload: stored.payload as QuestionPayload,
            answerKey: stored.answerKey as AnswerKey,
            explanation: stored.explanation,
            pool: stored.pool,
            active: stored.active,
          } satisfies Snapshot,
          after,
          write: (next) => tx.question.update({ where: { id: questionId }, data: { ...columnsOf(after), version: next } }),
        };
      },
    });
  });
}
