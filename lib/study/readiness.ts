// Readiness: how likely a person is to know a card now. The one definition,
// used by the employee's deck page and (later) the heads' dashboard:
//   FSRS retrievability of the card (0 until studied), blended with the share
//   of points scored on the card's practice questions in the last 30 days.
import "server-only";
import { db } from "../db";
import { deckCardStates, studySettings } from "./review";
import { retrievability } from "./scheduler";

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

async function practiceAccuracyByCard(userId: string, cardIds: string[], now: Date) {
  const since = new Date(now.getTime() - PRACTICE_WINDOW_DAYS * 86_400_000);
  const rows = await db.$queryRaw<{ cardId: string; accuracy: number; answers: bigint }[]>`
    SELECT q."cardId", avg(pa."points")::float8 AS accuracy, count(*) AS answers
    FROM "PracticeAnswer" pa JOIN "Question" q ON q."id" = pa."questionId"
    WHERE pa."userId" = ${userId} AND q."cardId" = ANY(${cardIds}::text[]) AND pa."answeredAt" >= ${since}
    GROUP BY q."cardId"`;
  return new Map(rows.map((row) => [row.cardId, { accuracy: row.accuracy, answers: Number(row.answers) }]));
}

/** Readiness of each card of a deck and of the deck as a whole (the mean over its cards). */
export async function deckReadiness(userId: string, deck: { id: string; cards: { id: string }[] }, now = new Date()) {
  const cardIds = deck.cards.map((card) => card.id);
  const [states, practice, settings] = await Promise.all([
    deckCardStates(userId, deck.id),
    practiceAccuracyByCard(userId, cardIds, now),
    studySettings(userId),
  ]);
  const cards: CardReadiness[] = cardIds.map((cardId) => {
    const state = states.get(cardId) ?? null;
    const recall = retrievability(state, now, settings.desiredRetention);
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
