import { describe, expect, it } from "vitest";
import { createEmptyCard, fsrs, generatorParameters, Rating, State } from "ts-fsrs";
import {
  applyRating,
  DEFAULT_RETENTION,
  fromFsrsCard,
  grades,
  isLearningState,
  isNewState,
  MAX_RETENTION,
  MIN_RETENTION,
  previewDueDates,
  retrievability,
  scheduler,
  toFsrsCard,
  type StoredCardState,
} from "./scheduler";
import { suggestRating } from "./suggest-rating";

const t0 = new Date("2026-12-01T09:00:00.000Z");
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

/** The reference: ts-fsrs configured exactly as the brief says, built in the test. */
const reference = (retention: number) =>
  fsrs(generatorParameters({ request_retention: retention, enable_fuzz: false, enable_short_term: true }));

/** A card that graduated to Review: Good when new, Good again when its learning step is due. */
function reviewCard(): StoredCardState {
  const learning = applyRating(null, Rating.Good, t0).next;
  const review = applyRating(learning, Rating.Good, learning.due).next;
  expect(review.state).toBe(State.Review);
  return review;
}

describe("applyRating", () => {
  it("moves a new card's due exactly as ts-fsrs does, for every grade and retention", () => {
    for (const retention of [MIN_RETENTION, DEFAULT_RETENTION, MAX_RETENTION]) {
      for (const grade of grades) {
        const expected = reference(retention).next(createEmptyCard(t0), t0, grade);
        const { next, log } = applyRating(null, grade, t0, retention);
        expect(next.due.getTime(), `grade ${grade}, retention ${retention}`).toBe(expected.card.due.getTime());
        expect(next).toEqual(fromFsrsCard(expected.card));
        expect(next.reps).toBe(1);
        expect(next.lastReview).toEqual(t0);
        expect(log.state).toBe(State.New);
        expect(log.rating).toBe(grade);
      }
    }
  });

  it("keeps a new card rated Again/Hard/Good in learning minutes away, and Easy graduates it for days", () => {
    for (const grade of [Rating.Again, Rating.Hard, Rating.Good] as const) {
      const { next } = applyRating(null, grade, t0);
      expect(next.state).toBe(State.Learning);
      expect(next.due.getTime()).toBeGreaterThan(t0.getTime());
      expect(next.due.getTime()).toBeLessThanOrEqual(t0.getTime() + minutes(20));
    }
    const easy = applyRating(null, Rating.Easy, t0).next;
    expect(easy.state).toBe(State.Review);
    expect(easy.due.getTime()).toBeGreaterThanOrEqual(t0.getTime() + days(1));
  });

  it("defaults to the 0.9 retention", () => {
    const card = reviewCard();
    const now = card.due;
    expect(applyRating(card, Rating.Good, now).next).toEqual(applyRating(card, Rating.Good, now, 0.9).next);
    expect(scheduler()).toBe(scheduler(DEFAULT_RETENTION));
  });

  it("orders a review card's next due dates Again < Hard < Good < Easy", () => {
    const card = reviewCard();
    const now = card.due;
    const due = grades.map((grade) => applyRating(card, grade, now).next.due.getTime());
    expect(due[0]).toBeLessThan(due[1]);
    expect(due[1]).toBeLessThan(due[2]);
    expect(due[2]).toBeLessThan(due[3]);
    const again = applyRating(card, Rating.Again, now).next;
    expect(again.state).toBe(State.Relearning);
    expect(again.lapses).toBe(1);
    expect(isLearningState(again)).toBe(true);
  });

  it("continues a stored card exactly as ts-fsrs continues its own card", () => {
    // The reference chain never goes through the stored form.
    const f = reference(DEFAULT_RETENTION);
    const learning = f.next(createEmptyCard(t0), t0, Rating.Good).card;
    const review = f.next(learning, learning.due, Rating.Good).card;
    for (const now of [review.due, at(review.due, days(2)), at(review.due, -days(1))]) {
      for (const grade of grades) {
        const expected = f.next(review, now, grade).card;
        expect(applyRating(fromFsrsCard(review), grade, now).next, `grade ${grade} at ${now.toISOString()}`).toEqual(fromFsrsCard(expected));
      }
    }
  });

  it("gives a shorter interval for a higher desired retention", () => {
    const card = reviewCard();
    const now = card.due;
    const dueAt = (retention: number) => applyRating(card, Rating.Good, now, retention).next.due.getTime();
    expect(dueAt(MAX_RETENTION)).toBeLessThan(dueAt(DEFAULT_RETENTION));
    expect(dueAt(DEFAULT_RETENTION)).toBeLessThan(dueAt(MIN_RETENTION));
    // The memory model itself does not depend on the retention, only the interval does.
    const high = applyRating(card, Rating.Good, now, MAX_RETENTION).next;
    const low = applyRating(card, Rating.Good, now, MIN_RETENTION).next;
    expect(high.stability).toBe(low.stability);
    expect(high.difficulty).toBe(low.difficulty);
  });
});

describe("previewDueDates", () => {
  it("shows, for each grade, the due date applyRating would give (new and review cards, any retention)", () => {
    const review = reviewCard();
    const cases: [StoredCardState | null, Date][] = [
      [null, t0],
      [review, review.due],
      [review, at(review.due, days(5))],
      [applyRating(null, Rating.Again, t0).next, at(t0, minutes(1))],
    ];
    for (const retention of [MIN_RETENTION, DEFAULT_RETENTION, MAX_RETENTION]) {
      for (const [state, now] of cases) {
        const preview = previewDueDates(state, now, retention);
        expect(Object.keys(preview).map(Number).sort()).toEqual([...grades]);
        for (const grade of grades) {
          expect(preview[grade]).toEqual(applyRating(state, grade, now, retention).next.due);
        }
      }
    }
  });
});

describe("retrievability", () => {
  it("is 0 for a card never studied", () => {
    expect(retrievability(null, t0)).toBe(0);
    expect(retrievability(fromFsrsCard(createEmptyCard(t0)), t0)).toBe(0);
    expect(isNewState(null)).toBe(true);
    expect(isNewState(fromFsrsCard(createEmptyCard(t0)))).toBe(true);
  });

  it("is about 1 right after a review and decreases with time", () => {
    const card = reviewCard();
    const reviewed = card.lastReview!;
    expect(isNewState(card)).toBe(false);
    const values = [0, 1, 3, 10, 30, 100, 365].map((d) => retrievability(card, at(reviewed, days(d))));
    expect(values[0]).toBeCloseTo(1, 6);
    for (let i = 1; i < values.length; i++) {
      expect(values[i]).toBeLessThan(values[i - 1]);
      expect(values[i]).toBeGreaterThan(0);
    }
    // At the scheduled due date the probability is about the desired retention.
    expect(retrievability(card, card.due)).toBeGreaterThan(0.85);
    expect(retrievability(card, card.due)).toBeLessThan(0.95);
  });

  it("matches ts-fsrs's own retrievability for the stored card", () => {
    const card = reviewCard();
    const now = at(card.lastReview!, days(4));
    expect(retrievability(card, now)).toBe(reference(DEFAULT_RETENTION).get_retrievability(toFsrsCard(card, now), now, false));
  });
});

describe("toFsrsCard / fromFsrsCard", () => {
  it("round-trips a stored state", () => {
    const card = reviewCard();
    expect(fromFsrsCard(toFsrsCard(card, t0))).toEqual(card);
    const fresh = toFsrsCard(null, t0);
    expect(fresh.state).toBe(State.New);
    expect(fresh.due).toEqual(t0);
    expect(fromFsrsCard(fresh).lastReview).toBeNull();
  });
});

describe("suggestRating", () => {
  it("suggests Good when a card has no points to count", () => {
    expect(suggestRating(0, 0)).toBe(3);
  });

  it("suggests Again below half, Hard below 80%, Good below all, Easy for all", () => {
    expect(suggestRating(0, 4)).toBe(1);
    expect(suggestRating(2, 5)).toBe(1); // 0.4
    expect(suggestRating(49, 100)).toBe(1);
    expect(suggestRating(1, 2)).toBe(2); // exactly 0.5
    expect(suggestRating(3, 5)).toBe(2); // 0.6
    expect(suggestRating(79, 100)).toBe(2);
    expect(suggestRating(4, 5)).toBe(3); // exactly 0.8
    expect(suggestRating(9, 10)).toBe(3);
    expect(suggestRating(99, 100)).toBe(3);
    expect(suggestRating(5, 5)).toBe(4);
    expect(suggestRating(1, 1)).toBe(4);
  });
});
