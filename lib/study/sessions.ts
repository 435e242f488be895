// Cram and practice sessions. The queue of what is left is stored, so a reload
// or another device continues the same session; every answer names the step it
// answers, so a repeat (double click, second tab) changes nothing.
// Cram never touches the FSRS schedule; practice questions' keys leave the
// server only in the result of an answer.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { StudyMode } from "../generated/prisma/enums";
import type { PublishedDeck } from "../content/decks";
import { questionPayloadSchema, answerKeySchema, type QuestionType } from "../content/question-data";
import { describeKey, grade, parseResponse } from "../grading/grade";
import { shuffled } from "../grading/shuffle";
import { derivedSources, presentQuestion, storedResponse } from "../grading/presentation";

export const PRACTICE_SESSION_SIZE = 15;
/** A card or question answered wrongly comes back after this many others. */
const RETRY_GAP = 3;
const practicePools = ["PRACTICE", "BOTH"] as const;

type Deck = Pick<PublishedDeck, "id" | "cards">;

const sessionFields = { id: true, mode: true, queue: true, step: true, correct: true, wrong: true, finishedAt: true } as const;
export type StudySessionView = Prisma.StudySessionGetPayload<{ select: typeof sessionFields }>;

async function initialQueue(deck: Deck, mode: StudyMode): Promise<string[]> {
  if (mode === "CRAM") return deck.cards.map((card) => card.id);
  const questions = await db.question.findMany({
    where: { card: { deckId: deck.id }, active: true, pool: { in: [...practicePools] } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return shuffled(questions.map((q) => q.id), randomUUID()).slice(0, PRACTICE_SESSION_SIZE);
}

const openWhere = (userId: string, deckId: string, mode: StudyMode) => ({ userId, deckId, mode, finishedAt: null });

/** The user's unfinished session of this mode in the deck, started if there is none. */
export async function openSession(userId: string, deck: Deck, mode: StudyMode): Promise<StudySessionView> {
  const open = await db.studySession.findFirst({ where: openWhere(userId, deck.id, mode), select: sessionFields });
  if (open) return open;
  const queue = await initialQueue(deck, mode);
  try {
    return await db.studySession.create({ data: { userId, deckId: deck.id, mode, queue }, select: sessionFields });
  } catch (error) {
    // Another tab started it at the same moment (one open session per user, deck and mode).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return db.studySession.findFirstOrThrow({ where: openWhere(userId, deck.id, mode), select: sessionFields });
    }
    throw error;
  }
}

/** Ends the open session (if any) and starts a new one. */
export async function restartSession(userId: string, deck: Deck, mode: StudyMode) {
  await db.studySession.updateMany({ where: openWhere(userId, deck.id, mode), data: { finishedAt: new Date() } });
  return openSession(userId, deck, mode);
}

/** The user's latest session of this mode in the deck, finished or not (for the summary). */
export async function latestSession(userId: string, deckId: string, mode: StudyMode) {
  return db.studySession.findFirst({ where: { userId, deckId, mode }, orderBy: { createdAt: "desc" }, select: sessionFields });
}

/** Moves the session one answer on, if `step` is still its current step. */
async function advance(tx: Tx, session: StudySessionView, step: number, correct: boolean, now: Date) {
  const [head, ...rest] = session.queue;
  const queue = correct ? rest : [...rest.slice(0, RETRY_GAP), head, ...rest.slice(RETRY_GAP)];
  const updated = await tx.studySession.updateMany({
    where: { id: session.id, step, finishedAt: null },
    data: {
      queue,
      step: { increment: 1 },
      [correct ? "correct" : "wrong"]: { increment: 1 },
      finishedAt: queue.length === 0 ? now : null,
    },
  });
  return updated.count === 1;
}

async function ownOpenSession(userId: string, sessionId: string, mode: StudyMode) {
  return db.studySession.findFirst({
    where: { id: sessionId, userId, mode, finishedAt: null, deck: { published: true, archived: false } },
    select: sessionFields,
  });
}

export const cramAnswerSchema = z.object({
  sessionId: z.string().min(1).max(64),
  step: z.number().int().min(0),
  remembered: z.boolean(),
});

export async function answerCram(userId: string, input: z.infer<typeof cramAnswerSchema>, now = new Date()) {
  const session = await ownOpenSession(userId, input.sessionId, "CRAM");
  if (!session) return { status: "not-found" as const };
  if (session.step !== input.step) return { status: "stale" as const };
  const moved = await db.$transaction((tx) => advance(tx, session, input.step, input.remembered, now));
  return { status: moved ? ("ok" as const) : ("stale" as const) };
}

/**
 * How this step of the session shows a question: fresh ids and an order that a reload
 * shows again and nobody without the server's secret can foresee; a question coming
 * back later in the session is shown anew.
 */
function presentation(session: Pick<StudySessionView, "id" | "step">, question: { id: string; type: QuestionType; payload: unknown; answerKey: unknown }) {
  const payload = questionPayloadSchema[question.type].parse(question.payload);
  const answerKey = answerKeySchema[question.type].parse(question.answerKey);
  return presentQuestion(question.type, payload, answerKey, derivedSources(`${session.id}:${session.step}:${question.id}`));
}

export type PracticeQuestionView = {
  id: string;
  type: QuestionType;
  prompt: string;
  payload: unknown;
  cardFront: string;
};

/**
 * The question at the head of a practice session, as the person may see it: no
 * key, no explanation. A question retired or moved to the exam pool since the
 * session started is dropped from the queue, so the session never gets stuck.
 */
export async function currentPracticeQuestion(
  session: StudySessionView,
): Promise<{ session: StudySessionView; question: PracticeQuestionView | null }> {
  let current = session;
  for (;;) {
    const questionId = current.queue[0];
    if (!questionId || current.finishedAt) return { session: current, question: null };
    const question = await db.question.findFirst({
      where: { id: questionId, active: true, pool: { in: [...practicePools] } },
      select: { id: true, type: true, prompt: true, payload: true, answerKey: true, card: { select: { front: true } } },
    });
    if (question) {
      return {
        session: current,
        question: {
          id: question.id,
          type: question.type,
          prompt: question.prompt,
          payload: presentation(current, question).payload,
          cardFront: question.card.front,
        },
      };
    }
    const rest = current.queue.slice(1);
    await db.studySession.updateMany({
      where: { id: current.id, step: current.step, finishedAt: null },
      data: { queue: rest, step: { increment: 1 }, finishedAt: rest.length ? null : new Date() },
    });
    current = await db.studySession.findUniqueOrThrow({ where: { id: current.id }, select: sessionFields });
  }
}

export const practiceAnswerSchema = z.object({
  sessionId: z.string().min(1).max(64),
  step: z.number().int().min(0),
  questionId: z.string().min(1).max(64),
  response: z.unknown(),
});

export type PracticeAnswerResult =
  | { status: "answered"; correct: boolean; points: number; key: ReturnType<typeof describeKey>; explanation: string; cardKey: string; cardFront: string }
  | { status: "invalid"; error: string }
  | { status: "stale" }
  | { status: "not-found" };

/** Checks a practice answer on the server, records it once, and only then reveals the key. */
export async function answerPractice(
  userId: string,
  input: z.infer<typeof practiceAnswerSchema>,
  now = new Date(),
): Promise<PracticeAnswerResult> {
  const session = await ownOpenSession(userId, input.sessionId, "PRACTICE");
  if (!session) return { status: "not-found" };
  if (session.step !== input.step || session.queue[0] !== input.questionId) return { status: "stale" };
  const question = await db.question.findFirst({
    where: { id: input.questionId, active: true, pool: { in: [...practicePools] } },
    select: {
      id: true,
      type: true,
      payload: true,
      answerKey: true,
      explanation: true,
      card: { select: { key: true, front: true } },
    },
  });
  if (!question) return { status: "not-found" };
  const shown = presentation(session, question);
  const parsed = parseResponse(question.type, input.response, shown.payload);
  if (!parsed.ok) return { status: "invalid", error: parsed.error };
  const result = grade(question.type, shown.answerKey, parsed.response);
  const response = storedResponse(question.type, parsed.response, shown.toStored);

  const recorded = await db.$transaction(async (tx) => {
    if (!(await advance(tx, session, input.step, result.correct, now))) return false;
    await tx.practiceAnswer.create({
      data: {
        userId,
        questionId: question.id,
        response: response as Prisma.InputJsonValue,
        correct: result.correct,
        points: result.points,
        answeredAt: now,
      },
    });
    return true;
  });
  if (!recorded) return { status: "stale" };
  return {
    status: "answered",
    correct: result.correct,
    points: result.points,
    key: describeKey(question.type, shown.payload, shown.answerKey),
    explanation: question.explanation,
    cardKey: question.card.key,
    cardFront: question.card.front,
  };
}

/** The session to show: the open one, the latest finished one (for its summary), or a new one. */
export async function sessionToShow(userId: string, deck: Deck, mode: StudyMode): Promise<StudySessionView> {
  return (await latestSession(userId, deck.id, mode)) ?? openSession(userId, deck, mode);
}
