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

export const ACCEPTED_WARNINGS: { id: string; reason: string }[] = [
  {
    id: "attestation-prep key-leak company-structure-sps-subunits company-structure-system-engineers-deploy",
    reason: "the prompt names the unit «системные инженеры», not where it belongs, which is what sps-subunits asks",
  },
  {
    id: "attestation-prep key-leak company-structure-implementation-staff company-structure-client-development-staff",
    reason: "«аналитики» is a wrong option there: seeing it says nothing about which unit has analysts",
  },
  ...["communication-principles-readiness-phrase", "email-subject-example", "requests-handling-why-find-out", "requests-transfer-wrong-address"].map((other) => ({
    id: `attestation-prep key-leak communication-principles-problem-replacement ${other}`,
    reason: "«вопрос» in its everyday sense, not as the word recommended instead of «проблема»",
  })),
  {
    id: "attestation-prep key-leak support-principles-imperative support-principles-order-last-four",
    reason: "the practice ordering item lists the principles' names, which every choice item of the card offers as options anyway",
  },
  {
    id: "attestation-prep key-leak support-principles-informative support-principles-order-first-four",
    reason: "the practice ordering item lists the principles' names, which every choice item of the card offers as options anyway",
  },
  {
    id: "attestation-prep near-duplicate support-principles-order-first-four support-principles-order-last-four",
    reason: "the two halves of one list: the same wording, different items",
  },
  { id: "attestation-prep unmarked-negative communication-principles-distractions", reason: "«не» inside the statement's condition, not a negated question" },
  { id: "attestation-prep unmarked-negative outgoing-calls-unknown-organization", reason: "«не» describes the situation, the question itself is positive" },
  { id: "attestation-prep unmarked-negative requests-handling-response-deadline", reason: "«не определён» is the condition asked about, not a negated question" },
  { id: "attestation-prep unmarked-negative requests-transfer-several-times", reason: "«не» inside the statement's condition, not a negated question" },
];
