import { describe, expect, it } from "vitest";
import { seedsDemoOnFirstRun } from "./first-run";

describe("seedsDemoOnFirstRun", () => {
  it("seeds the demo on the embedded default, with or without --demo", () => {
    expect(seedsDemoOnFirstRun({ embedded: true }, { demo: false })).toBe(true);
    expect(seedsDemoOnFirstRun({ embedded: true }, { demo: true })).toBe(true);
  });

  it("never seeds the demo on a server given by DATABASE_URL unless --demo is given", () => {
    expect(seedsDemoOnFirstRun({ embedded: false }, { demo: false })).toBe(false);
    expect(seedsDemoOnFirstRun({ embedded: false }, { demo: true })).toBe(true);
  });
});
