// What a taker sees after an attempt, as the exam's review policy allows, and
// their history. Keys, explanations and per-item results appear only for a finished
// attempt under a FULL review policy, and only when its review timing has come and no
// other exam the taker may still take can draw its exam-only questions.
import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { ReviewPolicy } from "../generated/prisma/enums";
import type { ReviewTiming } from "./rules";
import { answerKeySchema, questionPayloadSchema } from "../content/question-data";
import { describeKey, type KeyDescription } from "../grading/grade";
import { finalizeAttempt, GRACE_MS } from "./attempts";
import { keysStillAsked, mayStillTake, type Taker } from "./access";

/** How much of an attempt its taker sees: the exam's review policy, or less while keys wait. */
export type ReviewLevel = ReviewPolicy;
export type { ReviewTiming };

export type ReviewSettings = { id: string; reviewPolicy: ReviewLevel; reviewTiming: ReviewTiming; closesAt: Date | null };

/**
 * The review level in force now: a FULL review waits for the exam's timing (the taker may
 * not take the exam again, or the window has closed); until then score and topics.
 */
export function reviewLevel(exam: Omit<ReviewSettings, "id">, now: Date, takerMayStillTake: boolean): ReviewLevel {
  if (exam.reviewPolicy !== "FULL") return exam.reviewPolicy;
  const due = {
    AFTER_EACH_ATTEMPT: true,
    AFTER_LAST_ATTEMPT: !takerMayStillTake,
    AFTER_CLOSE: exam.closesAt !== null && now >= exam.closesAt,
  }[exam.reviewTiming];
  return due ? "FULL" : "BREAKDOWN";
}

export type ReviewItem = {
  position: number;
  type: string;
  prompt: string;
  payload: unknown;
  response: unknown;
  correct: boolean | null;
  points: number | null;
  maxPoints: number;
  key: KeyDescription;
  explanation: string;
  cardFront: string | null;
};

/**
 * The taker's own result, as the exam's review policy allows now; a full review also waits
 * while another exam the taker may still take can draw one of its exam-only questions.
 */
export async function attemptResult(user: Taker, attemptId: string, now = new Date()) {
  let keysAskedElsewhere = false;
  const result = await loadAttemptResult({ id: attemptId, userId: user.id }, now, async (exam) => {
    const level = reviewLevel(exam, now, exam.reviewTiming === "AFTER_LAST_ATTEMPT" && (await mayStillTake(user, exam.id, now)));
    keysAskedElsewhere = level === "FULL" && (await keysStillAsked(user, { id: attemptId, examId: exam.id }, now));
    return keysAskedElsewhere ? "BREAKDOWN" : level;
  });
  return result && { ...result, keysAskedElsewhere };
}

/**
 * An attempt's result at the level `levelOf` gives; `where` carries the access rule
 * (the owner, or a head's department scope). Null when the attempt is not found.
 */
export async function loadAttemptResult(
  where: Prisma.AttemptWhereInput,
  now: Date,
  levelOf: (exam: ReviewSettings) => ReviewLevel | Promise<ReviewLevel>,
) {
  const load = () =>
    db.attempt.findFirst({
      where,
      select: {
        id: true,
        status: true,
        startedAt: true,
        submittedAt: true,
        deadline: true,
        score: true,
        maxScore: true,
        percent: true,
        passed: true,
        breakdown: true,
        exam: {
          select: { id: true, title: true, passPercent: true, reviewPolicy: true, reviewTiming: true, closesAt: true },
        },
      },
    });
  let attempt = await load();
  if (!attempt) return null;
  if (attempt.status === "IN_PROGRESS") {
    if (now.getTime() <= attempt.deadline.getTime() + GRACE_MS) return { ...attempt, level: null, topics: [], items: [] };
    await finalizeAttempt(attempt.id, now);
    attempt = (await load())!;
  }
  const level = await levelOf(attempt.exam);
  const breakdown = (attempt.breakdown ?? []) as { cardId: string; points: number; maxPoints: number }[];
  const cards = await db.card.findMany({
    where: { id: { in: breakdown.map((entry) => entry.cardId) } },
    select: { id: true, front: true, position: true },
  });
  const cardById = new Map(cards.map((card) => [card.id, card]));
  const topics =
    level === "SCORE_ONLY"
      ? []
      : breakdown
          .map((entry) => ({ ...entry, front: cardById.get(entry.cardId)?.front ?? "—", order: cardById.get(entry.cardId)?.position ?? 0 }))
          .sort((a, b) => a.order - b.order);

  let items: ReviewItem[] = [];
  if (level === "FULL") {
    const rows = await db.attemptItem.findMany({
      where: { attemptId: attempt.id },
      orderBy: { position: "asc" },
      select: {
        position: true,
        type: true,
        prompt: true,
        payload: true,
        response: true,
        correct: true,
        points: true,
        maxPoints: true,
        answerKey: true,
        explanation: true,
        cardId: true,
      },
    });
    items = rows.map(({ answerKey, cardId, ...row }) => ({
      ...row,
      key: describeKey(row.type, questionPayloadSchema[row.type].parse(row.payload), answerKeySchema[row.type].parse(answerKey)),
      cardFront: cardId ? (cardById.get(cardId)?.front ?? null) : null,
    }));
  }
  return { ...attempt, level, topics, items };
}

/** The user's attempts, newest first, with score, date and duration. */
export async function myAttempts(user: Taker) {
  const attempts = await db.attempt.findMany({
    where: { userId: user.id },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      status: true,
      startedAt: true,
      submittedAt: true,
      percent: true,
      passed: true,
      exam: { select: { id: true, title: true } },
    },
  });
  return attempts.map((attempt) => ({
    ...attempt,
    durationMs: attempt.submittedAt ? attempt.submittedAt.getTime() - attempt.startedAt.getTime() : null,
  }));
}
