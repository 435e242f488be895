// Readiness: how likely a person is to know a card now. The one definition,
// used by the employee's deck page and the heads' dashboard:
//   FSRS retrievability of the card (0 until studied), blended with the share
//   of points scored on the card's practice questions in the last 30 days.
// Computed in SQL (readinessCells), so that a team of 2,000 × the cards is summed up
// in PostgreSQL rather than moved into Node row by row; retrievability there is
// ts-fsrs's forgetting curve with ts-fsrs's own parameters and rounding.
import "server-only";
import { computeDecayFactor } from "ts-fsrs";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { scheduler } from "./scheduler";

export const PRACTICE_WINDOW_DAYS = 30;
const PRACTICE_WEIGHT = 0.25;

export type CardReadiness = {
  cardId: string;
  studied: boolean;
  retrievability: number;
  practiceAccuracy: number | null;
  practiceAnswers: number;
  readiness: number;
};

/**
 * A CTE list ending in `cell`: one row per user and card with a study state or practice
 * answers in the window ("userId", "cardId", "studied", "retrievability", "practiceAccuracy",
 * "practiceAnswers", "readiness"); a pair without a row has readiness 0.
 *
 * Retrievability as ts-fsrs's get_retrievability: 0 for a new card, else
 * (1 + factor · t / S)^decay rounded to 8 decimals, with t the whole days since the last
 * review (at least 0) and S the stability rounded to 8 decimals.
 */
export function readinessCells(userIds: string[], cardIds: string[], now: Date) {
  const { decay, factor } = computeDecayFactor(scheduler().parameters.w);
  const since = new Date(now.getTime() - PRACTICE_WINDOW_DAYS * 86_400_000);
  return Prisma.sql`
    practice AS (
      SELECT pa."userId", q."cardId", avg(pa."points")::float8 AS "accuracy", count(*)::int AS "answers"
      FROM "PracticeAnswer" pa
      JOIN unnest(${userIds}::text[]) AS member("id") ON member."id" = pa."userId"
      JOIN "Question" q ON q."id" = pa."questionId"
      WHERE q."cardId" = ANY(${cardIds}::text[]) AND pa."answeredAt" >= ${since}
      GROUP BY pa."userId", q."cardId"
    ),
    recall AS (
      SELECT s."userId", s."cardId", CASE WHEN s."state" = 0 THEN 0::float8 ELSE
        floor(power(
          1 + ${factor}::float8 * greatest(floor((${now.getTime()}::numeric - extract(epoch FROM s."lastReview") * 1000) / 86400000), 0)::float8
            / round(s."stability"::numeric, 8)::float8,
          ${decay}::float8) * 1e8 + 0.5) / 1e8 END AS "retrievability"
      FROM "CardState" s
      JOIN unnest(${userIds}::text[]) AS member("id") ON member."id" = s."userId"
      WHERE s."cardId" = ANY(${cardIds}::text[])
    ),
    cell AS (
      SELECT "userId", "cardId", recall."userId" IS NOT NULL AS "studied",
        coalesce(recall."retrievability", 0) AS "retrievability",
        practice."accuracy" AS "practiceAccuracy", coalesce(practice."answers", 0) AS "practiceAnswers",
        CASE WHEN practice."accuracy" IS NULL THEN coalesce(recall."retrievability", 0)
          ELSE ${1 - PRACTICE_WEIGHT}::float8 * coalesce(recall."retrievability", 0) + ${PRACTICE_WEIGHT}::float8 * practice."accuracy" END AS "readiness"
      FROM recall FULL JOIN practice USING ("userId", "cardId")
    )`;
}

/** Readiness of many users over the same cards (in the order of `cardIds`), and the mean over them, in one query. */
export async function readinessOfUsers(userIds: string[], cardIds: string[], now = new Date()) {
  const rows = await db.$queryRaw<(CardReadiness & { userId: string })[]>`
    WITH ${readinessCells(userIds, cardIds, now)}
    SELECT * FROM cell`;
  const byUser = new Map<string, Map<string, CardReadiness>>();
  for (const { userId, ...cell } of rows) {
    if (!byUser.has(userId)) byUser.set(userId, new Map());
    byUser.get(userId)!.set(cell.cardId, cell);
  }
  const unstudied = (cardId: string): CardReadiness => ({ cardId, studied: false, retrievability: 0, practiceAccuracy: null, practiceAnswers: 0, readiness: 0 });
  return new Map(
    userIds.map((userId) => {
      const cells = byUser.get(userId);
      const cards = cardIds.map((cardId) => cells?.get(cardId) ?? unstudied(cardId));
      const overall = cards.length ? cards.reduce((sum, card) => sum + card.readiness, 0) / cards.length : 0;
      return [userId, { cards, overall }];
    }),
  );
}

/** Each user's readiness over the cards (their mean), summed up in SQL: one number per user. */
export async function overallReadiness(userIds: string[], cardIds: string[], now = new Date()) {
  if (cardIds.length === 0) return new Map(userIds.map((userId) => [userId, 0]));
  const rows = await db.$queryRaw<{ userId: string; overall: number }[]>`
    WITH ${readinessCells(userIds, cardIds, now)}
    SELECT "userId", (sum("readiness") / ${cardIds.length}::int)::float8 AS "overall" FROM cell GROUP BY "userId"`;
  const overall = new Map(rows.map((row) => [row.userId, row.overall]));
  return new Map(userIds.map((userId) => [userId, overall.get(userId) ?? 0]));
}

/** Readiness of each card of a deck and of the deck as a whole (the mean over its cards). */
export async function deckReadiness(userId: string, deck: { id: string; cards: { id: string }[] }, now = new Date()) {
  return (await readinessOfUsers([userId], deck.cards.map((card) => card.id), now)).get(userId)!;
}
