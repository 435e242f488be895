// A seeded, deterministic shuffle: the same items and seed always give the same order, so
// an order can be derived again instead of stored (a reload shows the same question).

/** A 32-bit FNV-1a hash of the string's UTF-16 code units. */
function hash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function mulberry32(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic Fisher–Yates shuffle: the same items and seed always give the same
 * order (so a reload shows the same question). Returns a new array.
 */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  const random = mulberry32(hash(seed));
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
