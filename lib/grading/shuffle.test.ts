import { describe, expect, it } from "vitest";
import { shuffled } from "./shuffle";

describe("shuffled", () => {
  const items = Array.from({ length: 10 }, (_, index) => index);

  it("is deterministic per seed and does not mutate its input", () => {
    const copy = [...items];
    expect(shuffled(items, "attempt-1:q-1")).toEqual(shuffled(items, "attempt-1:q-1"));
    expect(items).toEqual(copy);
  });

  it("returns a permutation", () => {
    for (const seed of ["", "a", "b", "попытка", "attempt-1:q-1"]) {
      expect([...shuffled(items, seed)].sort((x, y) => x - y)).toEqual(items);
    }
    expect(shuffled([], "a")).toEqual([]);
    expect(shuffled(["x"], "a")).toEqual(["x"]);
  });

  it("gives different orders for different seeds", () => {
    const orders = new Set(["a", "b", "c", "d", "e"].map((seed) => shuffled(items, seed).join(",")));
    expect(orders.size).toBeGreaterThan(1);
    expect(orders.has(items.join(","))).toBe(false);
  });
});
