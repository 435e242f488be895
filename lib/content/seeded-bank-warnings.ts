// The bank linter's warnings accepted in the seeded bank (content/), each with a
// one-line reason. seeded-bank.test.ts fails on a warning missing here and on an
// entry no longer found, listing the ids to copy.
import type { DeckFinding } from "./bank-lint";

/**
 * "<deck> <rule> <question or card keys…>": stable while the same questions raise the same rule.
 * The deck-wide longest-key warning is "<deck> longest-key" (its list of questions changes with any edit).
 */
export const findingId = (finding: DeckFinding) =>
  [finding.deckSlug, finding.rule, ...(finding.rule === "longest-key" ? [] : [...finding.questionKeys, ...finding.cardKeys])].join(" ");

export const ACCEPTED_WARNINGS: { id: string; reason: string }[] = [];
