// Shared fixtures for the exam tests: a seeded portal (demo users, the real deck
// "attestation-prep"), exams created directly in the database, and responses
// built from an item's snapshot of the answer key.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "../db";
import { resetDatabase } from "./database";
import { seed } from "../../prisma/seeding";
import type { QuestionType } from "../content/question-data";
import { definitionOf } from "../questions/types";
import type { Prisma } from "../generated/prisma/client";
import type { Taker } from "../exams/access";
import type { startAttempt } from "../exams/attempts";

export const DECK = "attestation-prep";
export const t0 = new Date("2026-12-01T09:00:00.000Z");
export const at = (ms: number) => new Date(t0.getTime() + ms);
export const MINUTE = 60_000;

/**
 * Empties the database and seeds the demo portal from a copy of content/ without
 * content/exams: the tests make their own exams and must not depend on the
 * content's exam files (edited independently).
 */
export async function seedPortal() {
  await resetDatabase();
  const dir = mkdtempSync(path.join(os.tmpdir(), "exam-tests-content-"));
  try {
    const source = path.resolve(process.cwd(), "content");
    cpSync(path.join(source, "org.yaml"), path.join(dir, "org.yaml"));
    cpSync(path.join(source, "decks"), path.join(dir, "decks"), { recursive: true });
    await seed({ demo: true, contentDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A demo user as the exam functions see them. */
export async function taker(email: string): Promise<Taker> {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, departmentId: true } });
}

/** The deck's own cards (not those made by createCard) in deck order. */
export async function deckCards() {
  return db.card.findMany({
    where: { deck: { slug: DECK }, NOT: { key: { startsWith: "fixture-" } } },
    orderBy: { position: "asc" },
    select: { id: true, key: true, position: true, front: true },
  });
}

let fixtureCount = 0;

type QuestionInput = {
  type: QuestionType;
  prompt?: string;
  payload: Prisma.InputJsonValue;
  answerKey: Prisma.InputJsonValue;
  explanation?: string;
  pool?: "PRACTICE" | "EXAM" | "BOTH";
  active?: boolean;
};

/** A new card at the end of the deck with the given questions (positions in order). */
export async function createCard(questions: QuestionInput[], { back = "" }: { back?: string } = {}) {
  fixtureCount++;
  const deck = await db.deck.findUniqueOrThrow({ where: { slug: DECK }, select: { id: true } });
  const card = await db.card.create({
    data: { deckId: deck.id, key: `fixture-card-${fixtureCount}`, front: `Тестовая тема ${fixtureCount}`, back, position: 1000 + fixtureCount },
  });
  const created = [];
  for (const [position, question] of questions.entries()) {
    created.push(
      await db.question.create({
        data: {
          key: `fixture-${fixtureCount}-q${position}`,
          cardId: card.id,
          type: question.type,
          prompt: question.prompt ?? `Вопрос ${position + 1} темы ${fixtureCount}`,
          payload: question.payload,
          answerKey: question.answerKey,
          explanation: question.explanation ?? `Пояснение ${position + 1}`,
          pool: question.pool ?? "BOTH",
          active: question.active ?? true,
          position,
        },
      }),
    );
  }
  return { card, questions: created };
}

export type ExamOptions = Partial<
  Pick<
    Prisma.ExamUncheckedCreateInput,
    | "title"
    | "questionCount"
    | "questionsPerCard"
    | "timeLimitSeconds"
    | "passPercent"
    | "attemptsAllowed"
    | "opensAt"
    | "closesAt"
    | "reviewPolicy"
    | "reviewTiming"
    | "shuffleQuestions"
    | "shuffleOptions"
    | "navigation"
    | "multipleScoring"
    | "cardWeighting"
    | "recheckDays"
    | "published"
  >
> & {
  /** Card id → weight (1 when absent). */
  cardWeights?: Record<string, number>;
  /** Card ids; all the deck's cards by default. */
  cardIds?: string[];
  /** Whom the exam is assigned to: a department key (default "back-office") or a user id. */
  assignTo?: { department: string } | { userId: string } | null;
  dueAt?: Date | null;
};

/** An exam over the given cards, assigned (by default to all of back-office) and published. */
export async function createExam(options: ExamOptions = {}) {
  fixtureCount++;
  const { cardIds, cardWeights = {}, assignTo = { department: "back-office" }, dueAt = null, ...fields } = options;
  const cards = cardIds ?? (await deckCards()).map((card) => card.id);
  const exam = await db.exam.create({
    data: {
      key: `fixture-exam-${fixtureCount}`,
      title: `Тестовый экзамен ${String(fixtureCount).padStart(3, "0")}`,
      timeLimitSeconds: 600,
      passPercent: 80,
      attemptsAllowed: null,
      published: true,
      ...(fields.questionCount === undefined && fields.questionsPerCard === undefined ? { questionsPerCard: 1 } : {}),
      ...fields,
      cards: { create: cards.map((cardId) => ({ cardId, weight: cardWeights[cardId] ?? 1 })) },
    },
  });
  if (assignTo) {
    const target =
      "department" in assignTo
        ? { departmentId: (await db.department.findUniqueOrThrow({ where: { key: assignTo.department } })).id }
        : { userId: assignTo.userId };
    await db.assignment.create({ data: { examId: exam.id, dueAt, ...target } });
  }
  return exam;
}

type AttemptRowFields = {
  status: "IN_PROGRESS" | "SUBMITTED" | "EXPIRED";
  percent?: number;
  passed?: boolean;
  /** The per-card breakdown of a finished attempt. */
  cards?: [cardId: string, points: number, maxPoints: number][];
};

/** An attempt row written directly (no items): 30 minutes allowed, a finished one submitted after 10. */
export function addAttemptRow(memberId: string, examId: string, startedAt: Date, fields: AttemptRowFields) {
  const finished = fields.status !== "IN_PROGRESS";
  return db.attempt.create({
    data: {
      userId: memberId,
      examId,
      startedAt,
      deadline: new Date(startedAt.getTime() + 30 * MINUTE),
      status: fields.status,
      submittedAt: finished ? new Date(startedAt.getTime() + 10 * MINUTE) : null,
      percent: finished ? (fields.percent ?? 0) : null,
      passed: finished ? (fields.passed ?? false) : null,
      breakdown: finished ? (fields.cards ?? []).map(([cardId, points, maxPoints]) => ({ cardId, points, maxPoints })) : undefined,
    },
  });
}

export const attemptItems = (attemptId: string) =>
  db.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });

export type ItemRow = Awaited<ReturnType<typeof attemptItems>>[number];

/** The id an attempt's item shows for a stored option id (the stored id itself if it has none). */
export function shown(item: Pick<ItemRow, "storedIds">, storedId: string): string {
  const entry = Object.entries((item.storedIds ?? {}) as Record<string, string>).find(([, stored]) => stored === storedId);
  return entry ? entry[0] : storedId;
}

/** A response written in the question's stored ids, in the ids the item shows. */
export function shownResponse(item: Pick<ItemRow, "storedIds">, response: unknown): unknown {
  const to = (id: string) => shown(item, id);
  const value = response as { choice?: string; choices?: string[]; order?: string[]; pairs?: Record<string, string> };
  if (value.choice !== undefined) return { choice: to(value.choice) };
  if (value.choices) return { choices: value.choices.map(to) };
  if (value.order) return { order: value.order.map(to) };
  if (value.pairs) return { pairs: Object.fromEntries(Object.entries(value.pairs).map(([l, r]) => [to(l), to(r)])) };
  return response;
}

type Answered = Pick<ItemRow, "type" | "payload" | "answerKey">;

/** The right response to an item, from its snapshot of the answer key. */
export function correctResponse(item: Answered): unknown {
  const definition = definitionOf(item.type);
  return definition.correctResponse(definition.payloadSchema.parse(item.payload), definition.keySchema.parse(item.answerKey));
}

/** A valid response that earns nothing. */
export function wrongResponse(item: Answered): unknown {
  const definition = definitionOf(item.type);
  return definition.wrongResponse(definition.payloadSchema.parse(item.payload), definition.keySchema.parse(item.answerKey));
}

/** The id of a started attempt; fails the test for any other outcome. */
export function started(result: Awaited<ReturnType<typeof startAttempt>>) {
  if (result.status !== "started") throw new Error(`expected a started attempt, got "${result.status}"`);
  return result.attemptId;
}
