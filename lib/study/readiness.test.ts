import { beforeAll, describe, expect, it } from "vitest";
import { Rating } from "ts-fsrs";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { getPublishedDeck, type PublishedDeck } from "../content/decks";
import { combineReadiness, deckReadiness, PRACTICE_WINDOW_DAYS } from "./readiness";
import { rateCard } from "./review";
import { retrievability, type StoredCardState } from "./scheduler";

const t0 = new Date("2026-12-01T09:00:00.000Z");
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

let deck: PublishedDeck;
let userCount = 0;

async function createUser() {
  userCount++;
  return db.user.create({ data: { email: `readiness-${userCount}@study.test`, name: `Учащийся ${userCount}` } });
}

async function rate(userId: string, cardId: string, now: Date): Promise<StoredCardState> {
  const result = await rateCard(userId, deck.id, { cardId, rating: Rating.Good, expectedReps: 0 }, now);
  if (result.status !== "rated") throw new Error(`expected "rated", got ${result.status}`);
  return result.next;
}

const questionsOf = (cardId: string) => db.question.findMany({ where: { cardId }, orderBy: { key: "asc" }, select: { id: true } });

async function practiced(userId: string, questionId: string, points: number, answeredAt: Date) {
  await db.practiceAnswer.create({ data: { userId, questionId, response: {}, correct: points === 1, points, answeredAt } });
}

describe("combineReadiness", () => {
  it("is the recall alone without practice answers", () => {
    expect(combineReadiness(0, null)).toBe(0);
    expect(combineReadiness(0.63, null)).toBe(0.63);
    expect(combineReadiness(1, null)).toBe(1);
  });

  it("blends practice accuracy in with a weight of 0.25", () => {
    expect(combineReadiness(0.8, 0.4)).toBeCloseTo(0.7, 12);
    expect(combineReadiness(0, 1)).toBeCloseTo(0.25, 12);
    expect(combineReadiness(1, 0)).toBeCloseTo(0.75, 12);
    expect(combineReadiness(1, 1)).toBeCloseTo(1, 12);
    expect(combineReadiness(0.5, 0.5)).toBeCloseTo(0.5, 12);
    // A practice accuracy of 0 is data, not "no data".
    expect(combineReadiness(0.6, 0)).toBeCloseTo(0.45, 12);
  });
});

describe("deckReadiness", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
    deck = (await getPublishedDeck("attestation-prep"))!;
    expect(deck.cards).toHaveLength(11);
  });

  it("is 0 for every card of a fresh user, in deck order", async () => {
    const user = await createUser();
    const readiness = await deckReadiness(user.id, deck, t0);
    expect(readiness.overall).toBe(0);
    expect(readiness.cards.map((card) => card.cardId)).toEqual(deck.cards.map((card) => card.id));
    for (const card of readiness.cards) {
      expect(card).toEqual({ cardId: card.cardId, studied: false, retrievability: 0, practiceAccuracy: null, practiceAnswers: 0, readiness: 0 });
    }
  });

  it("gives a reviewed card its retrievability, which fades with time", async () => {
    const user = await createUser();
    const card = deck.cards[0];
    const state = await rate(user.id, card.id, t0);

    const values = [];
    for (const later of [minutes(5), days(1), days(7), days(30)]) {
      const now = at(t0, later);
      const readiness = await deckReadiness(user.id, deck, now);
      const first = readiness.cards[0];
      expect(first.studied).toBe(true);
      expect(first.practiceAccuracy).toBeNull();
      expect(first.retrievability).toBe(retrievability(state, now));
      expect(first.readiness).toBe(first.retrievability);
      expect(first.readiness).toBeGreaterThan(0);
      expect(readiness.cards.slice(1).every((other) => other.readiness === 0 && !other.studied)).toBe(true);
      expect(readiness.overall).toBeCloseTo(first.readiness / 11, 12);
      values.push(first.readiness);
    }
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
  });

  it("blends in the card's practice answers of the last 30 days with weight 0.25", async () => {
    const user = await createUser();
    const [c1, c2] = deck.cards;
    const state = await rate(user.id, c1.id, t0);
    const now = at(t0, days(3));
    const [q1a, q1b] = await questionsOf(c1.id);
    const [q2a, q2b, q2c] = await questionsOf(c2.id);
    expect(PRACTICE_WINDOW_DAYS).toBe(30);

    await practiced(user.id, q1a.id, 1, at(now, -days(1)));
    await practiced(user.id, q1b.id, 0.5, at(now, -days(2)));
    await practiced(user.id, q1b.id, 0, at(now, -days(PRACTICE_WINDOW_DAYS) - minutes(1))); // outside the window
    await practiced(user.id, q2a.id, 0, at(now, -days(PRACTICE_WINDOW_DAYS) + minutes(1))); // just inside
    await practiced(user.id, q2b.id, 1, at(now, -minutes(10)));
    await practiced(user.id, q2c.id, 0.5, at(now, -days(45))); // outside

    const readiness = await deckReadiness(user.id, deck, now);
    const [r1, r2] = readiness.cards;
    const recall = retrievability(state, now);
    expect(r1).toMatchObject({ studied: true, retrievability: recall, practiceAnswers: 2 });
    expect(r1.practiceAccuracy).toBeCloseTo(0.75, 12);
    expect(r1.readiness).toBeCloseTo(0.75 * recall + 0.25 * 0.75, 12);

    // Practised but never reviewed: only the practice part counts.
    expect(r2).toMatchObject({ studied: false, retrievability: 0, practiceAnswers: 2 });
    expect(r2.practiceAccuracy).toBeCloseTo(0.5, 12);
    expect(r2.readiness).toBeCloseTo(0.125, 12);

    const mean = readiness.cards.reduce((sum, card) => sum + card.readiness, 0) / readiness.cards.length;
    expect(readiness.overall).toBeCloseTo(mean, 12);
    expect(readiness.overall).toBeCloseTo((r1.readiness + r2.readiness) / 11, 12);
  });

  it("drops practice answers once they leave the 30-day window", async () => {
    const user = await createUser();
    const card = deck.cards[2];
    const [question] = await questionsOf(card.id);
    await practiced(user.id, question.id, 1, t0);
    const inside = await deckReadiness(user.id, deck, at(t0, days(PRACTICE_WINDOW_DAYS) - minutes(1)));
    expect(inside.cards[2]).toMatchObject({ practiceAnswers: 1, practiceAccuracy: 1, readiness: 0.25 });
    const outside = await deckReadiness(user.id, deck, at(t0, days(PRACTICE_WINDOW_DAYS) + minutes(1)));
    expect(outside.cards[2]).toMatchObject({ practiceAnswers: 0, practiceAccuracy: null, readiness: 0 });
    expect(outside.overall).toBe(0);
  });

  it("counts only the user's own reviews and practice answers", async () => {
    const owner = await createUser();
    const other = await createUser();
    await rate(owner.id, deck.cards[0].id, t0);
    const [question] = await questionsOf(deck.cards[1].id);
    await practiced(owner.id, question.id, 1, t0);

    const mine = await deckReadiness(owner.id, deck, at(t0, days(1)));
    expect(mine.overall).toBeGreaterThan(0);
    const theirs = await deckReadiness(other.id, deck, at(t0, days(1)));
    expect(theirs.overall).toBe(0);
    expect(theirs.cards.every((card) => card.practiceAnswers === 0 && !card.studied)).toBe(true);
  });

  it("is 0 overall for a deck without cards", async () => {
    const user = await createUser();
    expect(await deckReadiness(user.id, { id: deck.id, cards: [] }, t0)).toEqual({ cards: [], overall: 0 });
  });
});
