// Readiness: how likely a person is to know a card now. The one definition,
// used by the employee's deck page and (later) the heads' dashboard:
//   FSRS retrievability of the card (0 until studied), blended with the share
//   of points scored on the card's practice questions in the last 30 days.
import "server-only";
import { db } from "../db";
import { retrievability, type RecallState } from "./scheduler";

export const PRACTICE_WINDOW_DAYS = 30;
const PRACTICE_WEIGHT = 0.25;

/** Readiness in [0, 1] from retrievability and, when there is any, practice accuracy. */
export function combineReadiness(recall: number, practiceAccuracy: number | null): number {
  if (practiceAccuracy === null) return recall;
  return (1 - PRACTICE_WEIGHT) * recall + PRACTICE_WEIGHT * practiceAccuracy;
}

export type CardReadiness = {
  cardId: string;
  studied: boolean;
  retrievability: number;
  practiceAccuracy: number | null;
  practiceAnswers: number;
  readiness: number;
};

type PracticeFigures = Map<string, { accuracy: number; answers: number }>;

/** Practice accuracy per user and card over the last 30 days (one query for many users). */
async function practiceByUser(userIds: string[], cardIds: string[], now: Date) {
  const since = new Date(now.getTime() - PRACTICE_WINDOW_DAYS * 86_400_000);
  const rows = await db.$queryRaw<{ userId: string; cardId: string; accuracy: number; answers: bigint }[]>`
    SELECT pa."userId", q."cardId", avg(pa."points")::float8 AS accuracy, count(*) AS answers
    FROM "PracticeAnswer" pa
    JOIN unnest(${userIds}::text[]) AS member("id") ON member."id" = pa."userId"
    JOIN "Question" q ON q."id" = pa."questionId"
    WHERE q."cardId" = ANY(${cardIds}::text[]) AND pa."answeredAt" >= ${since}
    GROUP BY pa."userId", q."cardId"`;
  const byUser = new Map<string, PracticeFigures>();
  for (const row of rows) {
    if (!byUser.has(row.userId)) byUser.set(row.userId, new Map());
    byUser.get(row.userId)!.set(row.cardId, { accuracy: row.accuracy, answers: Number(row.answers) });
  }
  return byUser;
}

/**
 * What recall depends on, per user and card (one query for many users). Raw SQL joined to the
 * ids, and only the columns recall needs: a team of 2,000 has some 20,000 states, and reading
 * rows into Node costs more than the query.
 */
async function statesByUser(userIds: string[], cardIds: string[]) {
  const rows = await db.$queryRaw<(RecallState & { userId: string; cardId: string })[]>`
    SELECT s."userId", s."cardId", s."stability", s."state", s."lastReview"
    FROM "CardState" s JOIN unnest(${userIds}::text[]) AS member("id") ON member."id" = s."userId"
    WHERE s."cardId" = ANY(${cardIds}::text[])`;
  const byUser = new Map<string, Map<string, RecallState>>();
  for (const { userId, cardId, ...state } of rows) {
    if (!byUser.has(userId)) byUser.set(userId, new Map());
    byUser.get(userId)!.set(cardId, state);
  }
  return byUser;
}

/** Readiness of the given cards from their states and practice figures. */
function readinessOf(cardIds: string[], states: Map<string, RecallState>, practice: PracticeFigures, now: Date) {
  const cards: CardReadiness[] = cardIds.map((cardId) => {
    const state = states.get(cardId) ?? null;
    const recall = retrievability(state, now);
    const answered = practice.get(cardId);
    return {
      cardId,
      studied: state !== null,
      retrievability: recall,
      practiceAccuracy: answered?.accuracy ?? null,
      practiceAnswers: answered?.answers ?? 0,
      readiness: combineReadiness(recall, answered?.accuracy ?? null),
    };
  });
  const overall = cards.length ? cards.reduce((sum, card) => sum + card.readiness, 0) / cards.length : 0;
  return { cards, overall };
}

/** Readiness of many users over the same cards, in a fixed number of queries. */
export async function readinessOfUsers(userIds: string[], cardIds: string[], now = new Date()) {
  const [states, practice] = await Promise.all([statesByUser(userIds, cardIds), practiceByUser(userIds, cardIds, now)]);
  return new Map(
    userIds.map((userId) => [userId, readinessOf(cardIds, states.get(userId) ?? new Map(), practice.get(userId) ?? new Map(), now)]),
  );
}

/** Readiness of each card of a deck and of the deck as a whole (the mean over its cards). */
export async function deckReadiness(userId: string, deck: { id: string; cards: { id: string }[] }, now = new Date()) {
  return (await readinessOfUsers([userId], deck.cards.map((card) => card.id), now)).get(userId)!;
}
