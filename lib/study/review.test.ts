import { beforeAll, describe, expect, it } from "vitest";
import { Rating, State } from "ts-fsrs";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { getPublishedDeck, type PublishedDeck } from "../content/decks";
import { deckReadiness } from "./readiness";
import { rateCard, reviewQueue, stateFields, undoableReview, undoReview } from "./review";
import { applyRating, previewDueDates } from "./scheduler";

// 12:00 in Moscow; the company day runs from 2026-11-30T21:00Z to 2026-12-01T21:00Z.
const t0 = new Date("2026-12-01T09:00:00.000Z");
const dayEnd = new Date("2026-12-01T21:00:00.000Z");
const minutes = (n: number) => n * 60_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);


let deck: PublishedDeck;
let userCount = 0;

async function createUser(fields: { newCardsPerDay?: number; desiredRetention?: number } = {}) {
  userCount++;
  return db.user.create({ data: { email: `review-${userCount}@study.test`, name: `Учащийся ${userCount}`, ...fields } });
}

const cardState = (userId: string, cardId: string) =>
  db.cardState.findUnique({ where: { userId_cardId: { userId, cardId } }, select: stateFields });
const logCount = (userId: string) => db.reviewLog.count({ where: { userId } });

async function rated(userId: string, cardId: string, rating: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy, expectedReps: number, now: Date) {
  const result = await rateCard(userId, deck.id, { cardId, rating, expectedReps }, now);
  if (result.status !== "rated") throw new Error(`expected "rated", got ${JSON.stringify(result)}`);
  return result.next;
}

describe("study review", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
    deck = (await getPublishedDeck("attestation-prep"))!;
    expect(deck.cards).toHaveLength(11);
  });

  describe("reviewQueue", () => {
    it("starts a fresh user on the deck's first card, as new, with the day's allowance", async () => {
      const user = await createUser();
      const queue = await reviewQueue(user.id, deck, t0);
      expect(queue.next).toEqual({ cardId: deck.cards[0].id, kind: "new", state: null, dueDates: previewDueDates(null, t0, 0.9) });
      expect(queue.newToday).toBe(11); // min(20 per day, 11 cards)
      expect(queue.dueToday).toBe(0);

      const limited = await createUser({ newCardsPerDay: 5 });
      expect((await reviewQueue(limited.id, deck, t0)).newToday).toBe(5);
    });

    it("previews the due dates with the user's desired retention", async () => {
      const user = await createUser({ desiredRetention: 0.97 });
      await rated(user.id, deck.cards[0].id, Rating.Good, 0, t0);
      const now = at(t0, minutes(15));
      const queue = await reviewQueue(user.id, deck, now);
      expect(queue.next?.cardId).toBe(deck.cards[0].id);
      expect(queue.next?.dueDates).toEqual(previewDueDates(queue.next!.state, now, 0.97));
      expect(queue.next?.dueDates).not.toEqual(previewDueDates(queue.next!.state, now, 0.9));
    });
  });

  describe("rateCard", () => {
    it("creates the card state and a review log (no previous state), then moves on to the second card", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      const result = await rateCard(user.id, deck.id, { cardId: card.id, rating: Rating.Good, expectedReps: 0 }, t0);
      const expected = applyRating(null, Rating.Good, t0, 0.9).next;
      expect(result).toEqual({ status: "rated", next: expected });
      expect(expected.due.getTime()).toBeGreaterThan(t0.getTime());

      expect(await cardState(user.id, card.id)).toEqual(expected);
      const logs = await db.reviewLog.findMany({ where: { userId: user.id } });
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatchObject({ cardId: card.id, rating: Rating.Good, state: State.New, reviewedAt: t0 });
      expect(logs[0].previousState).toBeNull();

      const queue = await reviewQueue(user.id, deck, t0);
      expect(queue.next).toMatchObject({ cardId: deck.cards[1].id, kind: "new", state: null });
      expect(queue.newToday).toBe(10);
      expect(queue.dueToday).toBe(1);
    });

    it("keeps the state before a second review in its log", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      const first = await rated(user.id, card.id, Rating.Good, 0, t0);
      await rated(user.id, card.id, Rating.Good, 1, first.due);
      const log = await db.reviewLog.findFirstOrThrow({ where: { userId: user.id, reviewedAt: first.due } });
      expect(log.state).toBe(State.Learning);
      expect(log.previousState).toEqual({ ...first, due: first.due.toISOString(), lastReview: t0.toISOString() });
    });

    it("stops offering new cards once the daily limit is reached, until the next company day", async () => {
      const user = await createUser({ newCardsPerDay: 2 });
      const [c1, c2, c3] = deck.cards;

      expect(await reviewQueue(user.id, deck, t0)).toMatchObject({ next: { cardId: c1.id, kind: "new" }, newToday: 2 });
      const s1 = await rated(user.id, c1.id, Rating.Good, 0, t0);
      expect(s1.state).toBe(State.Learning);
      // c1 is in learning, due in minutes: a new card comes first.
      expect(await reviewQueue(user.id, deck, t0)).toMatchObject({ next: { cardId: c2.id, kind: "new" }, newToday: 1, dueToday: 1 });

      const t1 = at(t0, 1000);
      await rated(user.id, c2.id, Rating.Good, 0, t1);
      // No new card any more; c1 is within the 20-minute learn-ahead window.
      const limitReached = await reviewQueue(user.id, deck, t1);
      expect(limitReached).toMatchObject({ next: { cardId: c1.id, kind: "learning" }, newToday: 0, dueToday: 2 });

      // An hour later both learning cards are due; still no third new card.
      const t2 = at(t0, minutes(60));
      expect(await reviewQueue(user.id, deck, t2)).toMatchObject({ next: { cardId: c1.id, kind: "learning" }, newToday: 0 });
      const g1 = await rated(user.id, c1.id, Rating.Good, 1, t2);
      expect(await reviewQueue(user.id, deck, t2)).toMatchObject({ next: { cardId: c2.id, kind: "learning" }, newToday: 0 });
      const g2 = await rated(user.id, c2.id, Rating.Good, 1, t2);
      for (const graduated of [g1, g2]) {
        expect(graduated.state).toBe(State.Review);
        expect(graduated.due.getTime()).toBeGreaterThan(dayEnd.getTime());
      }

      // Limit reached, nothing due, nothing learning within 20 minutes: nothing to study.
      expect(await reviewQueue(user.id, deck, at(t2, minutes(1)))).toEqual({ next: null, dueToday: 0, newToday: 0 });
      // 23:59 in Moscow: still the same company day.
      expect(await reviewQueue(user.id, deck, at(dayEnd, -minutes(1)))).toEqual({ next: null, dueToday: 0, newToday: 0 });
      // 00:01 in Moscow the next day: two new cards again, starting with the third card.
      const nextDay = await reviewQueue(user.id, deck, at(dayEnd, minutes(1)));
      expect(nextDay).toMatchObject({ next: { cardId: c3.id, kind: "new" }, newToday: 2 });
      expect(c3.id).not.toBe(c1.id);
    });

    it("counts a reduced limit against the cards already introduced today", async () => {
      const user = await createUser({ newCardsPerDay: 3 });
      await rated(user.id, deck.cards[0].id, Rating.Easy, 0, t0);
      await rated(user.id, deck.cards[1].id, Rating.Easy, 0, t0);
      await db.user.update({ where: { id: user.id }, data: { newCardsPerDay: 1 } });
      expect(await reviewQueue(user.id, deck, at(t0, minutes(1)))).toEqual({ next: null, dueToday: 0, newToday: 0 });
    });

    it("brings a card rated Again back, as learning, once it is due", async () => {
      const user = await createUser();
      const [c1, c2] = deck.cards;
      const again = await rated(user.id, c1.id, Rating.Again, 0, t0);
      expect(again.state).toBe(State.Learning);
      expect(again.due.getTime()).toBeGreaterThan(t0.getTime());

      // Not due yet: the next new card is shown meanwhile.
      expect((await reviewQueue(user.id, deck, at(t0, 1000))).next).toMatchObject({ cardId: c2.id, kind: "new" });
      const queue = await reviewQueue(user.id, deck, again.due);
      expect(queue.next).toMatchObject({ cardId: c1.id, kind: "learning" });
      expect(queue.next?.state).toEqual(again);
      expect(queue.next?.dueDates).toEqual(previewDueDates(again, again.due, 0.9));
    });

    it("brings a review card back as due, and as learning after a lapse", async () => {
      const user = await createUser();
      const c1 = deck.cards[0];
      const easy = await rated(user.id, c1.id, Rating.Easy, 0, t0);
      expect(easy.state).toBe(State.Review);
      expect(await reviewQueue(user.id, deck, easy.due)).toMatchObject({ next: { cardId: c1.id, kind: "due" }, dueToday: 1 });
      const lapse = await rated(user.id, c1.id, Rating.Again, 1, easy.due);
      expect(lapse.state).toBe(State.Relearning);
      expect((await reviewQueue(user.id, deck, lapse.due)).next).toMatchObject({ cardId: c1.id, kind: "learning" });
    });

    it("answers a stale expectedReps with duplicate and writes nothing", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      expect(await rateCard(user.id, deck.id, { cardId: card.id, rating: Rating.Good, expectedReps: 3 }, t0)).toEqual({ status: "duplicate" });
      expect(await cardState(user.id, card.id)).toBeNull();
      expect(await logCount(user.id)).toBe(0);

      const first = await rated(user.id, card.id, Rating.Good, 0, t0);
      const later = at(t0, minutes(15));
      expect(await rateCard(user.id, deck.id, { cardId: card.id, rating: Rating.Easy, expectedReps: 0 }, later)).toEqual({ status: "duplicate" });
      expect(await rateCard(user.id, deck.id, { cardId: card.id, rating: Rating.Easy, expectedReps: 2 }, later)).toEqual({ status: "duplicate" });
      expect(await cardState(user.id, card.id)).toEqual(first);
      expect(await logCount(user.id)).toBe(1);
    });

    it("records 10 parallel ratings of the same shown card exactly once", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          rateCard(user.id, deck.id, { cardId: card.id, rating: i % 2 ? Rating.Good : Rating.Hard, expectedReps: 0 }, t0),
        ),
      );
      expect(results.filter((r) => r.status === "rated")).toHaveLength(1);
      expect(results.filter((r) => r.status === "duplicate")).toHaveLength(9);
      expect(await logCount(user.id)).toBe(1);
      expect((await cardState(user.id, card.id))?.reps).toBe(1);

      // The same for a card that already has a state (the update path).
      const now = at(t0, minutes(30));
      const again = await Promise.all(
        Array.from({ length: 10 }, () => rateCard(user.id, deck.id, { cardId: card.id, rating: Rating.Good, expectedReps: 1 }, now)),
      );
      expect(again.filter((r) => r.status === "rated")).toHaveLength(1);
      expect(await logCount(user.id)).toBe(2);
      expect((await cardState(user.id, card.id))?.reps).toBe(2);
    });

    it("refuses a card of another deck, and any card of an unpublished or archived deck", async () => {
      const user = await createUser();
      const other = await db.deck.create({
        data: { slug: "other-deck", title: "Другая колода", published: true, cards: { create: { key: "x", front: "X", back: "Y", position: 0 } } },
        include: { cards: true },
      });
      const foreign = other.cards[0];
      const input = (cardId: string) => ({ cardId, rating: Rating.Good, expectedReps: 0 }) as const;

      expect(await rateCard(user.id, deck.id, input(foreign.id), t0)).toEqual({ status: "not-found" });
      expect(await rateCard(user.id, other.id, input(deck.cards[0].id), t0)).toEqual({ status: "not-found" });
      expect(await rateCard(user.id, deck.id, input("no-such-card"), t0)).toEqual({ status: "not-found" });

      await db.deck.update({ where: { id: other.id }, data: { published: false } });
      expect(await rateCard(user.id, other.id, input(foreign.id), t0)).toEqual({ status: "not-found" });

      try {
        await db.deck.update({ where: { id: deck.id }, data: { published: false } });
        expect(await rateCard(user.id, deck.id, input(deck.cards[0].id), t0)).toEqual({ status: "not-found" });
        await db.deck.update({ where: { id: deck.id }, data: { published: true, archived: true } });
        expect(await rateCard(user.id, deck.id, input(deck.cards[0].id), t0)).toEqual({ status: "not-found" });
      } finally {
        await db.deck.update({ where: { id: deck.id }, data: { published: true, archived: false } });
      }
      expect(await db.cardState.count({ where: { userId: user.id } })).toBe(0);
      expect(await logCount(user.id)).toBe(0);
      // The control: the same request works on the published deck.
      expect((await rateCard(user.id, deck.id, input(deck.cards[0].id), t0)).status).toBe("rated");
    });
  });

  describe("undoReview", () => {
    async function undoLatest(userId: string, deckId: string, now: Date) {
      const reviewId = await undoableReview(userId, deckId, now);
      return reviewId ? undoReview(userId, deckId, reviewId, now) : { status: "nothing" };
    }

    it("restores the exact state before the second review, then removes the card state after the first", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      const first = await rated(user.id, card.id, Rating.Good, 0, t0);
      const t1 = at(t0, minutes(12));
      await rated(user.id, card.id, Rating.Hard, 1, t1);
      expect(await logCount(user.id)).toBe(2);

      expect(await undoLatest(user.id, deck.id, at(t1, minutes(1)))).toEqual({ status: "undone", cardId: card.id });
      expect(await cardState(user.id, card.id)).toEqual(first);
      const remaining = await db.reviewLog.findMany({ where: { userId: user.id } });
      expect(remaining.map((log) => log.reviewedAt)).toEqual([t0]);

      expect(await undoLatest(user.id, deck.id, at(t1, minutes(2)))).toEqual({ status: "undone", cardId: card.id });
      expect(await cardState(user.id, card.id)).toBeNull();
      expect(await logCount(user.id)).toBe(0);
      expect(await undoLatest(user.id, deck.id, at(t1, minutes(3)))).toEqual({ status: "nothing" });

      // Back where they started: the first card is new again and may be rated with expectedReps 0.
      expect((await reviewQueue(user.id, deck, at(t1, minutes(3)))).next).toMatchObject({ cardId: card.id, kind: "new" });
      expect((await rateCard(user.id, deck.id, { cardId: card.id, rating: Rating.Good, expectedReps: 0 }, at(t1, minutes(4)))).status).toBe("rated");
    });

    it("takes back the latest review across cards, one at a time", async () => {
      const user = await createUser();
      const [c1, c2] = deck.cards;
      const s1 = await rated(user.id, c1.id, Rating.Good, 0, t0);
      await rated(user.id, c2.id, Rating.Good, 0, at(t0, minutes(1)));
      const now = at(t0, minutes(2));
      expect(await undoLatest(user.id, deck.id, now)).toEqual({ status: "undone", cardId: c2.id });
      expect(await cardState(user.id, c2.id)).toBeNull();
      expect(await cardState(user.id, c1.id)).toEqual(s1);
    });

    it("touches only the user's own reviews", async () => {
      const owner = await createUser();
      const stranger = await createUser();
      const card = deck.cards[0];
      const state = await rated(owner.id, card.id, Rating.Good, 0, t0);
      const now = at(t0, minutes(1));
      const ownersReview = await undoableReview(owner.id, deck.id, now);
      expect(ownersReview).not.toBeNull();
      expect(await undoableReview(stranger.id, deck.id, now)).toBeNull();
      expect(await undoReview(stranger.id, deck.id, ownersReview!, now)).toEqual({ status: "nothing" });
      expect(await cardState(owner.id, card.id)).toEqual(state);
      expect(await logCount(owner.id)).toBe(1);
      expect(await undoableReview(owner.id, deck.id, now)).toBe(ownersReview);
    });

    it("touches only reviews in the given deck", async () => {
      const user = await createUser();
      const other = await db.deck.create({ data: { slug: "undo-other", title: "Другая", published: true } });
      await rated(user.id, deck.cards[0].id, Rating.Good, 0, t0);
      const now = at(t0, minutes(1));
      const review = await undoableReview(user.id, deck.id, now);
      expect(await undoableReview(user.id, other.id, now)).toBeNull();
      expect(await undoReview(user.id, other.id, review!, now)).toEqual({ status: "nothing" });
      expect(await logCount(user.id)).toBe(1);
    });

    it("is limited to 30 minutes after the review", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      const state = await rated(user.id, card.id, Rating.Good, 0, t0);
      expect(await undoableReview(user.id, deck.id, at(t0, minutes(29)))).not.toBeNull();
      expect(await undoableReview(user.id, deck.id, at(t0, minutes(30)))).not.toBeNull();
      expect(await undoableReview(user.id, deck.id, at(t0, minutes(30) + 1))).toBeNull();
      const review = await undoableReview(user.id, deck.id, at(t0, minutes(30)));
      expect(await undoReview(user.id, deck.id, review!, at(t0, minutes(31)))).toEqual({ status: "nothing" });
      expect(await cardState(user.id, card.id)).toEqual(state);
      expect(await logCount(user.id)).toBe(1);
    });

    it("reports whether anything can be undone", async () => {
      const user = await createUser();
      expect(await undoableReview(user.id, deck.id, t0)).toBeNull();
      await rated(user.id, deck.cards[0].id, Rating.Good, 0, t0);
      expect(await undoableReview(user.id, deck.id, at(t0, 1000))).not.toBeNull();
      await undoLatest(user.id, deck.id, at(t0, 1000));
      expect(await undoableReview(user.id, deck.id, at(t0, 2000))).toBeNull();
    });

    it("undoes nothing when the named review is no longer the latest", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      await rated(user.id, card.id, Rating.Good, 0, t0);
      const older = (await undoableReview(user.id, deck.id, at(t0, 1000)))!;
      const second = await rated(user.id, card.id, Rating.Good, 1, at(t0, minutes(10)));
      expect(await undoReview(user.id, deck.id, older, at(t0, minutes(11)))).toEqual({ status: "nothing" });
      expect(await cardState(user.id, card.id)).toEqual(second);
      expect(await logCount(user.id)).toBe(2);
    });

    it("undoes only once when two requests to undo the same review arrive together or one after the other", async () => {
      const user = await createUser();
      const card = deck.cards[0];
      const first = await rated(user.id, card.id, Rating.Good, 0, t0);
      await rated(user.id, card.id, Rating.Good, 1, at(t0, minutes(10)));
      const now = at(t0, minutes(11));
      const review = (await undoableReview(user.id, deck.id, now))!;
      const results = await Promise.all([undoReview(user.id, deck.id, review, now), undoReview(user.id, deck.id, review, now)]);
      expect(results.filter((r) => r.status === "undone")).toHaveLength(1);
      expect(await cardState(user.id, card.id)).toEqual(first);
      expect(await logCount(user.id)).toBe(1);
      expect(await undoReview(user.id, deck.id, review, now)).toEqual({ status: "nothing" });
      expect(await logCount(user.id)).toBe(1);
    });
  });

  describe("ownership", () => {
    it("leaves another user's queue and readiness untouched by a user's ratings", async () => {
      const a = await createUser();
      const b = await createUser();
      for (const card of deck.cards.slice(0, 4)) await rated(a.id, card.id, Rating.Easy, 0, t0);
      const now = at(t0, minutes(5));
      expect((await reviewQueue(a.id, deck, now)).next).toMatchObject({ cardId: deck.cards[4].id, kind: "new" });

      const queue = await reviewQueue(b.id, deck, now);
      expect(queue).toEqual({ next: { cardId: deck.cards[0].id, kind: "new", state: null, dueDates: previewDueDates(null, now, 0.9) }, dueToday: 0, newToday: 11 });
      const readiness = await deckReadiness(b.id, deck, now);
      expect(readiness.overall).toBe(0);
      expect(readiness.cards.every((card) => card.readiness === 0 && !card.studied)).toBe(true);
      expect((await deckReadiness(a.id, deck, now)).overall).toBeGreaterThan(0);
    });
  });
});
