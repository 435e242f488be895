import { describe, expect, it } from "vitest";
import { cardQuestionCounts, repeatShortfalls, spreadByWeight } from "./rules";

const counts = (map: Map<string, number> | null) => (map ? Object.fromEntries(map) : null);

describe("spreadByWeight", () => {
  it("gives each card its share of the total by weight", () => {
    const cards = [
      { id: "a", weight: 3, available: 10 },
      { id: "b", weight: 1, available: 10 },
    ];
    expect(counts(spreadByWeight(8, cards))).toEqual({ a: 6, b: 2 });
  });

  it("gives what whole shares leave to the largest remainders, the earlier card on a tie", () => {
    const even = ["a", "b", "c"].map((id) => ({ id, weight: 1, available: 10 }));
    expect(counts(spreadByWeight(4, even))).toEqual({ a: 2, b: 1, c: 1 });
    const uneven = [
      { id: "a", weight: 1, available: 10 },
      { id: "b", weight: 2, available: 10 },
    ];
    // 5 × 1/3 = 1.67, 5 × 2/3 = 3.33: the one left goes to a.
    expect(counts(spreadByWeight(5, uneven))).toEqual({ a: 2, b: 3 });
  });

  it("never gives a card more than it holds, and spreads the rest over the others", () => {
    const cards = [
      { id: "a", weight: 10, available: 2 },
      { id: "b", weight: 1, available: 10 },
      { id: "c", weight: 1, available: 10 },
    ];
    expect(counts(spreadByWeight(10, cards))).toEqual({ a: 2, b: 4, c: 4 });
    expect(counts(spreadByWeight(100, cards))).toEqual({ a: 2, b: 10, c: 10 });
  });

  it("gives nothing to a card without questions", () => {
    expect(counts(spreadByWeight(3, [{ id: "a", weight: 5, available: 0 }, { id: "b", weight: 1, available: 3 }]))).toEqual({ a: 0, b: 3 });
  });
});

describe("cardQuestionCounts", () => {
  const cards = [
    { id: "a", weight: 1, available: 5 },
    { id: "b", weight: 3, available: 1 },
  ];
  it("gives every card the number per card, or all it has when fewer", () => {
    expect(counts(cardQuestionCounts(cards, { questionsPerCard: 2, cardWeighting: "POOL" }))).toEqual({ a: 2, b: 1 });
  });
  it("is null for a total drawn from the pool at random, a spread by weight otherwise", () => {
    expect(cardQuestionCounts(cards, { questionCount: 4, cardWeighting: "POOL" })).toBeNull();
    expect(counts(cardQuestionCounts(cards, { questionCount: 4, cardWeighting: "CUSTOM" }))).toEqual({ a: 3, b: 1 });
  });
});

describe("repeatShortfalls", () => {
  const card = (name: string, available: number, weight = 1) => ({ card: name, available, weight });

  it("names the cards that cannot give every allowed attempt fresh questions", () => {
    const cards = [card("short", 3), card("long", 9)];
    expect(repeatShortfalls(cards, { questionsPerCard: 2, cardWeighting: "POOL" }, 3)).toEqual([{ card: "short", available: 3, needed: 6 }]);
    expect(repeatShortfalls(cards, { questionsPerCard: 2, cardWeighting: "POOL" }, 1)).toEqual([]);
    expect(repeatShortfalls(cards, { questionsPerCard: 2, cardWeighting: "POOL" }, null)).toEqual([]);
  });

  it("weighs a total by the cards' shares, or counts the whole pool when it is drawn at random", () => {
    const cards = [card("short", 3, 1), card("long", 9, 3)];
    expect(repeatShortfalls(cards, { questionCount: 4, cardWeighting: "CUSTOM" }, 3)).toEqual([]);
    expect(repeatShortfalls(cards, { questionCount: 8, cardWeighting: "CUSTOM" }, 2)).toEqual([
      { card: "short", available: 3, needed: 4 },
      { card: "long", available: 9, needed: 12 },
    ]);
    expect(repeatShortfalls(cards, { questionCount: 5, cardWeighting: "POOL" }, 3)).toEqual([{ card: null, available: 12, needed: 15 }]);
  });
});
