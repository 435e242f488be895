import { describe, expect, it } from "vitest";
import { scoreAttempt } from "./score";

const item = (cardId: string | null, points: number, maxPoints = 1) => ({ cardId, points, maxPoints });

describe("scoreAttempt", () => {
  it("sums points, rounds the percent to one decimal and breaks it down per card in first-seen order", () => {
    expect(scoreAttempt([item("a", 1), item("b", 0.5), item("a", 0), item("b", 1, 2)], 50)).toEqual({
      score: 2.5,
      maxScore: 5,
      percent: 50,
      passed: true,
      breakdown: [
        { cardId: "a", points: 1, maxPoints: 2 },
        { cardId: "b", points: 1.5, maxPoints: 3 },
      ],
    });
    expect(scoreAttempt([item("a", 2, 3)], 0).percent).toBe(66.7);
  });

  it("passes on the exact share, not the rounded percent: 79.96 % fails at 80 %, 80 % passes", () => {
    const share = (points: number, max: number) => scoreAttempt([item("a", points, max)], 80);
    expect(share(7996, 10_000)).toMatchObject({ percent: 80, passed: false });
    expect(share(8, 10)).toMatchObject({ percent: 80, passed: true });
    // A share that floating point puts a hair under 80 % still passes.
    expect(scoreAttempt([item("a", 0.1, 0.5), item("a", 0.7, 0.5)], 80).passed).toBe(true);
  });

  it("gives an attempt without items 0 % (passing only a pass mark of 0), and keeps items of deleted cards together", () => {
    expect(scoreAttempt([], 80)).toEqual({ score: 0, maxScore: 0, percent: 0, passed: false, breakdown: [] });
    expect(scoreAttempt([], 0).passed).toBe(true);
    expect(scoreAttempt([item(null, 1), item(null, 0)], 50).breakdown).toEqual([{ cardId: "", points: 1, maxPoints: 2 }]);
  });
});
