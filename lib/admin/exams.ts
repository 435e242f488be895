// HR's editing of exams: list, create, edit with a check that nobody saved meanwhile,
// publish or unpublish, and delete while nobody has taken the exam. The settings follow
// the same rules as a content file (lib/exams/rules.ts), worded in Russian per field.
// Every change is one transaction with its audit entry, under the content writers' lock.
//
// Attempts keep what they need: items and deadline are stored when an attempt starts, so
// an edit never changes them. Finalising an attempt reads the exam's pass percent and
// multiple-choice scoring, and answering reads its navigation: those three are frozen
// while an attempt is in progress. Once anyone has taken the exam its deck is frozen too
// (its cards within the deck may change): results of one exam stay about one subject.
import "server-only";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { db, type Tx } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { EXAM_POOLS, poolShortfalls } from "../exams/rules";
import { messages } from "../i18n";
import { companyLocal } from "./company-date-time";
import {
  createExamSchema,
  deleteExamSchema,
  setExamPublishedSchema,
  updateExamSchema,
  type CreateExamInput,
  type SettingsOutput,
  type StoredExamSettings,
  type UpdateExamInput,
} from "./exams.schema";
import { latinKeyFrom } from "./keys";
import { done, invalid, notFound, type FieldErrors } from "./result";
import { lockedChanges, saveVersioned } from "./change";

const t = () => messages().admin.examEditor.errors;

const change = lockedChanges("manageContent");

const examPoolCount = {
  _count: { select: { questions: { where: { active: true, pool: { in: [...EXAM_POOLS] } } } } },
} satisfies Prisma.CardSelect;

/** The deck's cards the settings choose, or the refusals by field (deck gone, foreign cards, too few exam-pool questions). */
async function chooseCards(
  tx: Tx,
  settings: Pick<SettingsOutput, "deckId" | "cards" | "questionsPerCard" | "questionCount" | "cardWeighting" | "cardWeights">,
): Promise<{ errors: FieldErrors } | { deckSlug: string; cards: { id: string; key: string; weight: number }[] }> {
  const deck = await tx.deck.findUnique({
    where: { id: settings.deckId },
    select: {
      slug: true,
      cards: { orderBy: [{ position: "asc" }, { key: "asc" }], select: { id: true, key: true, front: true, ...examPoolCount } },
    },
  });
  if (!deck) return { errors: { deckId: [t().deckGone] } };
  const { cards } = settings;
  const chosen = cards === "all" ? deck.cards : deck.cards.filter((card) => cards.includes(card.id));
  if (chosen.length === 0) return { errors: { cards: [t().cardsMissing] } };
  if (cards !== "all" && chosen.length !== cards.length) return { errors: { cards: [t().cardsForeign] } };
  const errors = poolErrors(chosen.map((card) => ({ card, available: card._count.questions })), settings);
  if (errors) return { errors };
  const weightOf = (cardId: string) => (settings.cardWeighting === "CUSTOM" ? (settings.cardWeights[cardId] ?? 1) : 1);
  return { deckSlug: deck.slug, cards: chosen.map((card) => ({ id: card.id, key: card.key, weight: weightOf(card.id) })) };
}

function poolErrors(
  cards: { card: { front: string }; available: number }[],
  count: { questionsPerCard: number | null; questionCount: number | null },
): FieldErrors | null {
  const errors: Record<string, string[]> = {};
  for (const shortfall of poolShortfalls(cards, count)) {
    const message =
      shortfall.field === "questionsPerCard"
        ? t().poolPerCard(shortfall.card.front, shortfall.available, shortfall.needed)
        : t().poolTotal(shortfall.available, shortfall.needed);
    (errors[shortfall.field] ??= []).push(message);
  }
  return Object.keys(errors).length ? errors : null;
}

/** The columns of Exam for the parsed settings. */
function columnsOf(settings: SettingsOutput) {
  return {
    title: settings.title,
    description: settings.description,
    questionsPerCard: settings.questionsPerCard,
    questionCount: settings.questionCount,
    cardWeighting: settings.cardWeighting,
    timeLimitSeconds: settings.timeLimitMinutes * 60,
    passPercent: settings.passPercent,
    attemptsAllowed: settings.attemptsAllowed === "unlimited" ? null : settings.attemptsAllowed,
    opensAt: settings.opensAt,
    closesAt: settings.closesAt,
    reviewPolicy: settings.reviewPolicy,
    reviewTiming: settings.reviewTiming,
    shuffleQuestions: settings.shuffleQuestions,
    shuffleOptions: settings.shuffleOptions,
    navigation: settings.navigation,
    multipleScoring: settings.multipleScoring,
    recheckDays: settings.recheckDays,
  };
}

type Columns = ReturnType<typeof columnsOf>;

/** The exam as the audit keeps it: readable keys and instants instead of ids and local times. */
function auditView(columns: Columns, deckSlug: string | null, cards: { key: string; weight: number }[]) {
  return {
    ...columns,
    opensAt: columns.opensAt?.toISOString() ?? null,
    closesAt: columns.closesAt?.toISOString() ?? null,
    deck: deckSlug,
    cards: cards.map((card) => card.key),
    ...(columns.cardWeighting === "CUSTOM" ? { cardWeights: Object.fromEntries(cards.map((card) => [card.key, card.weight])) } : {}),
  };
}

const storedSelect = {
  id: true,
  key: true,
  title: true,
  description: true,
  questionsPerCard: true,
  questionCount: true,
  cardWeighting: true,
  timeLimitSeconds: true,
  passPercent: true,
  attemptsAllowed: true,
  opensAt: true,
  closesAt: true,
  reviewPolicy: true,
  reviewTiming: true,
  shuffleQuestions: true,
  shuffleOptions: true,
  navigation: true,
  multipleScoring: true,
  recheckDays: true,
  published: true,
  version: true,
  cards: { select: { weight: true, card: { select: { id: true, key: true, position: true, deck: { select: { id: true, slug: true, _count: { select: { cards: true } } } } } } } },
} as const;

async function loadStored(tx: Tx | typeof db, id: string) {
  return tx.exam.findUnique({ where: { id }, select: storedSelect });
}

type Stored = NonNullable<Awaited<ReturnType<typeof loadStored>>>;

/** The stored exam as the editor shows it (an exam over every card of its deck says "all", as content export writes it). */
function settingsOf(exam: Stored): StoredExamSettings {
  const cards = exam.cards.map(({ card, weight }) => ({ ...card, weight })).sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  const deck = cards[0]?.deck;
  return {
    title: exam.title,
    description: exam.description,
    deckId: deck?.id ?? "",
    cards: deck && cards.length === deck._count.cards ? "all" : cards.map((card) => card.id),
    questionsPerCard: exam.questionsPerCard,
    questionCount: exam.questionCount,
    cardWeighting: exam.cardWeighting,
    cardWeights: Object.fromEntries(cards.map((card) => [card.id, card.weight])),
    timeLimitMinutes: exam.timeLimitSeconds / 60,
    passPercent: exam.passPercent,
    attemptsAllowed: exam.attemptsAllowed ?? "unlimited",
    opensAt: exam.opensAt ? companyLocal(exam.opensAt) : "",
    closesAt: exam.closesAt ? companyLocal(exam.closesAt) : "",
    reviewPolicy: exam.reviewPolicy,
    reviewTiming: exam.reviewTiming,
    shuffleQuestions: exam.shuffleQuestions,
    shuffleOptions: exam.shuffleOptions,
    navigation: exam.navigation,
    multipleScoring: exam.multipleScoring,
    recheckDays: exam.recheckDays,
    version: exam.version,
  };
}

function storedAuditView(exam: Stored) {
  const cards = exam.cards.map(({ card, weight }) => ({ ...card, weight })).sort((a, b) => a.position - b.position);
  return auditView(
    {
      title: exam.title,
      description: exam.description,
      questionsPerCard: exam.questionsPerCard,
      questionCount: exam.questionCount,
      cardWeighting: exam.cardWeighting,
      timeLimitSeconds: exam.timeLimitSeconds,
      passPercent: exam.passPercent,
      attemptsAllowed: exam.attemptsAllowed,
      opensAt: exam.opensAt,
      closesAt: exam.closesAt,
      reviewPolicy: exam.reviewPolicy,
      reviewTiming: exam.reviewTiming,
      shuffleQuestions: exam.shuffleQuestions,
      shuffleOptions: exam.shuffleOptions,
      navigation: exam.navigation,
      multipleScoring: exam.multipleScoring,
      recheckDays: exam.recheckDays,
    },
    cards[0]?.deck.slug ?? null,
    cards,
  );
}

/** The key, or the first of key-2, key-3… that no exam has yet. */
async function unusedKey(tx: Tx, key: string) {
  const rows = await tx.exam.findMany({ where: { key: { startsWith: key } }, select: { key: true } });
  const taken = new Set(rows.map((row) => row.key));
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}-${n}`;
  return candidate;
}

/**
 * Holds the exam's row until the commit. Starting an attempt inserts a row referring to
 * the exam, which needs a key-share lock that FOR UPDATE excludes: no attempt starts or
 * slips past the counts below while the change is being made.
 */
async function lockExam(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Exam" WHERE "id" = ${id} FOR UPDATE`;
  return rows.length > 0;
}

async function attemptCounts(tx: Tx, examId: string) {
  const [total, inProgress] = await Promise.all([
    tx.attempt.count({ where: { examId } }),
    tx.attempt.count({ where: { examId, status: "IN_PROGRESS" } }),
  ]);
  return { total, inProgress };
}

/** A new exam with its cards; unpublished unless asked otherwise. */
export function createExam(actor: CurrentUser, input: CreateExamInput) {
  return change(actor, createExamSchema, input, async (tx, data) => {
    if (data.key && (await tx.exam.findUnique({ where: { key: data.key }, select: { id: true } }))) return invalid({ key: [t().keyTaken] });
    const chosen = await chooseCards(tx, data);
    if ("errors" in chosen) return invalid(chosen.errors);
    const columns = columnsOf(data);
    const key = data.key ?? (await unusedKey(tx, latinKeyFrom(data.title, "exam")));
    const created = await tx.exam.create({
      data: { key, ...columns, published: data.published, cards: { create: chosen.cards.map((card) => ({ cardId: card.id, weight: card.weight })) } },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "exam.create",
      entity: "exam",
      entityId: created.id,
      after: { key, ...auditView(columns, chosen.deckSlug, chosen.cards), published: data.published },
    });
    return done(created.id);
  });
}

/**
 * Saves the settings (saveVersioned: a stale form is a conflict with the stored settings).
 * Refuses a change of the deck once the exam has attempts, and of the pass
 * percent, the multiple-choice scoring or the navigation while an attempt is in progress.
 */
export function updateExam(actor: CurrentUser, input: UpdateExamInput) {
  return change(actor, updateExamSchema, input, async (tx, data) =>
    saveVersioned(tx, actor, {
      entity: "exam",
      id: data.id,
      stored: (await lockExam(tx, data.id)) ? await loadStored(tx, data.id) : null,
      version: data.version,
      current: settingsOf,
      prepare: async (stored) => {
        const chosen = await chooseCards(tx, data);
        if ("errors" in chosen) return invalid(chosen.errors);
        const columns = columnsOf(data);
        const attempts = await attemptCounts(tx, data.id);
        const errors: Record<string, string[]> = {};
        const storedDeckId = stored.cards[0]?.card.deck.id;
        if (attempts.total > 0 && storedDeckId && storedDeckId !== data.deckId) errors.deckId = [t().deckFrozen(attempts.total)];
        if (attempts.inProgress > 0) {
          for (const field of ["passPercent", "multipleScoring", "navigation"] as const) {
            if (stored[field] !== columns[field]) errors[field] = [t().frozenWhileRunning(attempts.inProgress)];
          }
        }
        if (Object.keys(errors).length) return invalid(errors);
        const cardIds = chosen.cards.map((card) => card.id);
        return {
          before: storedAuditView(stored),
          after: auditView(columns, chosen.deckSlug, chosen.cards),
          write: async (version: number) => {
            await tx.exam.update({ where: { id: data.id }, data: { ...columns, version } });
            await tx.examCard.deleteMany({ where: { examId: data.id, cardId: { notIn: cardIds } } });
            await tx.$executeRaw`
              INSERT INTO "ExamCard" ("examId", "cardId", "weight")
              SELECT ${data.id}, chosen."cardId", chosen."weight"
              FROM unnest(${cardIds}::text[], ${chosen.cards.map((card) => card.weight)}::int[]) AS chosen("cardId", "weight")
              ON CONFLICT ("examId", "cardId") DO UPDATE SET "weight" = EXCLUDED."weight"`;
          },
        };
      },
    }),
  );
}

/** Shows the exam to those it is assigned to, or hides it. Publishing checks again that its cards hold enough exam-pool questions. */
export function setExamPublished(actor: CurrentUser, input: z.input<typeof setExamPublishedSchema>) {
  return change(actor, setExamPublishedSchema, input, async (tx, { id, published }) => {
    const stored = await loadStored(tx, id);
    if (!stored) return notFound;
    if (stored.published === published) return done(id);
    if (published) {
      const counts = await tx.card.findMany({ where: { examCards: { some: { examId: id } } }, select: { front: true, ...examPoolCount } });
      const errors = poolErrors(counts.map((card) => ({ card, available: card._count.questions })), stored);
      if (errors) return invalid({ published: Object.values(errors).flatMap((list) => list ?? []) });
    }
    await tx.exam.update({ where: { id }, data: { published } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: published ? "exam.publish" : "exam.unpublish",
      entity: "exam",
      entityId: id,
      before: { published: stored.published },
      after: { published },
    });
    return done(id);
  });
}

/**
 * Deletes an exam nobody has taken, with its assignments (they mean nothing without it;
 * the audit keeps whom it was assigned to). An exam with attempts is refused: unpublishing
 * hides it and keeps the results.
 */
export function deleteExam(actor: CurrentUser, input: z.input<typeof deleteExamSchema>) {
  return change(actor, deleteExamSchema, input, async (tx, { id }) => {
    if (!(await lockExam(tx, id))) return notFound;
    const { total } = await attemptCounts(tx, id);
    if (total > 0) return invalid({ id: [t().hasAttempts(total)] });
    const stored = (await loadStored(tx, id))!;
    const assignments = await tx.assignment.findMany({
      where: { examId: id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { dueAt: true, department: { select: { key: true, name: true } }, user: { select: { email: true, name: true } } },
    });
    await tx.exam.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "exam.delete",
      entity: "exam",
      entityId: id,
      before: {
        key: stored.key,
        ...storedAuditView(stored),
        published: stored.published,
        assignments: assignments.map((a) => ({ ...(a.department ? { department: a.department } : { user: a.user }), dueAt: a.dueAt?.toISOString() ?? null })),
      },
    });
    return { ok: true, id, outcome: "deleted" } as const;
  });
}

export type AdminExamListItem = {
  id: string;
  key: string;
  title: string;
  published: boolean;
  deck: { id: string; title: string } | null;
  /** Questions one attempt draws. */
  questionTotal: number;
  attemptCount: number;
};

/** Every exam by title with its deck, how many questions an attempt draws and how many attempts were made. */
export async function listExams(viewer: CurrentUser): Promise<AdminExamListItem[]> {
  assertCan(viewer, "manageContent");
  const exams = await db.exam.findMany({
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      key: true,
      title: true,
      published: true,
      questionCount: true,
      questionsPerCard: true,
      cards: { take: 1, select: { card: { select: { deck: { select: { id: true, title: true } } } } } },
      _count: { select: { cards: true, attempts: true } },
    },
  });
  return exams.map((exam) => ({
    id: exam.id,
    key: exam.key,
    title: exam.title,
    published: exam.published,
    deck: exam.cards[0]?.card.deck ?? null,
    questionTotal: exam.questionCount ?? (exam.questionsPerCard ?? 0) * exam._count.cards,
    attemptCount: exam._count.attempts,
  }));
}

export type EditableExam = StoredExamSettings & {
  id: string;
  key: string;
  published: boolean;
  attemptCount: number;
  inProgressCount: number;
};

/** The exam with its settings as the editor shows them and its attempt counts; null when absent. */
export async function getExamForEditing(viewer: CurrentUser, id: string): Promise<EditableExam | null> {
  assertCan(viewer, "manageContent");
  const stored = await loadStored(db, id);
  if (!stored) return null;
  const [attemptCount, inProgressCount] = await Promise.all([
    db.attempt.count({ where: { examId: id } }),
    db.attempt.count({ where: { examId: id, status: "IN_PROGRESS" } }),
  ]);
  return { ...settingsOf(stored), id: stored.id, key: stored.key, published: stored.published, attemptCount, inProgressCount };
}

export type DeckChoice = {
  id: string;
  title: string;
  archived: boolean;
  /** `length`: the characters of the card's text, its weight when an exam spreads by length. */
  cards: { id: string; front: string; examQuestions: number; length: number }[];
};

/** The decks an exam may draw from (archived ones only when it is the given deck), each card with its active exam-pool questions. */
export async function listDeckChoices(viewer: CurrentUser, currentDeckId?: string): Promise<DeckChoice[]> {
  assertCan(viewer, "manageContent");
  const decks = await db.deck.findMany({
    where: { OR: [{ archived: false }, ...(currentDeckId ? [{ id: currentDeckId }] : [])] },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      archived: true,
      cards: { orderBy: [{ position: "asc" }, { key: "asc" }], select: { id: true, front: true, back: true, ...examPoolCount } },
    },
  });
  return decks.map((deck) => ({
    ...deck,
    // Characters as PostgreSQL's char_length counts them (the draw's weights), not UTF-16 units.
    cards: deck.cards.map((card) => ({ id: card.id, front: card.front, examQuestions: card._count.questions, length: [...card.back].length })),
  }));
}
