import { beforeAll, describe, expect, it } from "vitest";
import { Rating } from "ts-fsrs";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { getPublishedDeck, type PublishedDeck } from "../content/decks";
import { deckReadiness, overallReadiness, PRACTICE_WINDOW_DAYS, readinessOfUsers } from "./readiness";
import { rateCard, undoableReview, undoReview } from "./review";
import { grades, retrievability, type StoredCardState } from "./scheduler";

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

describe("readinessOfUsers and overallReadiness against a from-scratch computation", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
    deck = (await getPublishedDeck("attestation-prep"))!;
  });

  /** Readiness as its definition says, from the stored states (ts-fsrs) and practice answers, card by card. */
  async function fromScratch(userId: string, now: Date) {
    const states = await db.cardState.findMany({ where: { userId } });
    const answers = await db.practiceAnswer.findMany({
      where: { userId, answeredAt: { gte: at(now, -days(PRACTICE_WINDOW_DAYS)) } },
      select: { points: true, question: { select: { cardId: true } } },
    });
    return deck.cards.map((card) => {
      const state = states.find((s) => s.cardId === card.id) ?? null;
      const points = answers.filter((answer) => answer.question.cardId === card.id).map((answer) => answer.points);
      const recall = retrievability(state, now);
      const accuracy = points.length ? points.reduce((sum, p) => sum + p, 0) / points.length : null;
      return { cardId: card.id, studied: state !== null, recall, accuracy, answers: points.length, readiness: accuracy === null ? recall : 0.75 * recall + 0.25 * accuracy };
    });
  }

  it("equals the definition for every card and moment, after reviews of every rating, repeats, an undo and practice", async () => {
    const users = [await createUser(), await createUser(), await createUser()];
    for (const [u, user] of users.entries()) {
      for (const [c, card] of deck.cards.entries()) {
        if ((c + u) % 3 === 0) continue;
        let reps = 0;
        for (let review = 0; review <= (c + u) % 4; review++) {
          const result = await rateCard(user.id, deck.id, { cardId: card.id, rating: grades[(c + review + u) % 4], expectedReps: reps }, at(t0, days(review * 2) + minutes(c * 7 + u * 13)));
          expect(result.status).toBe("rated");
          reps++;
        }
      }
      const [question] = await questionsOf(deck.cards[(u + 4) % 11].id);
      await practiced(user.id, question.id, 0, at(t0, days(1))); // an accuracy of 0 is data, not "no data"
      const [other] = await questionsOf(deck.cards[(u + 5) % 11].id);
      await practiced(user.id, other.id, 1, at(t0, days(2)));
      await practiced(user.id, other.id, 0.5, at(t0, days(3)));
    }
    // Undo the first user's latest rating: its card goes back to the state before.
    const last = await undoableReview(users[0].id, deck.id, at(t0, days(6) + minutes(60)));
    expect(last).not.toBeNull();
    expect((await undoReview(users[0].id, deck.id, last!, at(t0, days(6) + minutes(60)))).status).toBe("undone");

    const cardIds = deck.cards.map((card) => card.id);
    for (const later of [minutes(90), days(1), days(2.5), days(7), days(29), days(45), days(400)]) {
      const now = at(t0, later);
      const computed = await readinessOfUsers(users.map((user) => user.id), cardIds, now);
      const overall = await overallReadiness(users.map((user) => user.id), cardIds, now);
      for (const user of users) {
        const expected = await fromScratch(user.id, now);
        const got = computed.get(user.id)!;
        got.cards.forEach((card, index) => {
          const want = expected[index];
          expect(card).toMatchObject({ cardId: want.cardId, studied: want.studied, retrievability: want.recall, practiceAnswers: want.answers });
          if (want.accuracy === null) expect(card.practiceAccuracy).toBeNull();
          else expect(card.practiceAccuracy).toBeCloseTo(want.accuracy, 12);
          expect(card.readiness).toBeCloseTo(want.readiness, 12);
        });
        const mean = expected.reduce((sum, card) => sum + card.readiness, 0) / expected.length;
        expect(got.overall).toBeCloseTo(mean, 12);
        expect(overall.get(user.id)).toBeCloseTo(mean, 12);
      }
    }
  });

  it("gives 0 overall to a user without states or practice, and to everyone over no cards", async () => {
    const user = await createUser();
    expect(await overallReadiness([user.id], deck.cards.map((card) => card.id), t0)).toEqual(new Map([[user.id, 0]]));
    expect(await overallReadiness([user.id], [], t0)).toEqual(new Map([[user.id, 0]]));
  });
});
