// The linter over content/: the seeded bank has no errors, and every warning is one
// accepted in seeded-bank-warnings.ts (with its reason). When the bank changes, the
// failure message lists the ids to add to or remove from that list.
import { describe, expect, it } from "vitest";
import { describeFinding, lintContent, type DeckFinding } from "./bank-lint";
import { loadContent } from "./load";
import { ACCEPTED_WARNINGS, findingId } from "./seeded-bank-warnings";

const findings: DeckFinding[] = lintContent(loadContent());

describe("the seeded bank (content/)", () => {
  it("has no bank lint errors", () => {
    expect(findings.filter((f) => f.severity === "error").map((f) => describeFinding(f.deckSlug, f))).toEqual([]);
  });

  it("has exactly the accepted warnings", () => {
    const warnings = findings.filter((f) => f.severity === "warning");
    const accepted = new Set(ACCEPTED_WARNINGS.map((warning) => warning.id));
    expect(warnings.filter((f) => !accepted.has(findingId(f))).map((f) => `${findingId(f)}  ← ${f.message}`), "warnings not accepted").toEqual([]);
    const found = new Set(warnings.map(findingId));
    expect([...accepted].filter((id) => !found.has(id)), "accepted warnings no longer found").toEqual([]);
  });
});
