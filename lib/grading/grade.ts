// Grading of a taker's answer to a stored question (see lib/content/question-data.ts
// for how a question is stored: `payload` is what the taker sees, `answerKey` the
// correct answer in terms of the payload's ids). Each type's rules are its
// definition's (lib/questions/types); these apply them to any type. No database.
import {
  definitionOf,
  schemasByType,
  type AnswerKey,
  type KeyDescription,
  type QuestionPayload,
  type QuestionResponse,
  type QuestionType,
} from "../questions/types";
import type { MultipleChoiceScoring } from "../generated/prisma/enums";

export { normalizeShortText } from "../questions/types/short-text";
export type { KeyDescription, QuestionResponse };

/**
 * What a taker may send per question type. Ids refer to the payload's choices; they
 * are checked against a payload by `parseResponse(type, value, payload)`. Id lists
 * must not repeat an id, and a MATCHING response must not use a right id twice.
 * A MATCHING response may be partial (unmapped left ids simply earn nothing).
 */
export const responseSchema = schemasByType("responseSchema");

export type ParseResponseResult<T extends QuestionType = QuestionType> =
  | { ok: true; response: QuestionResponse<T> }
  | { ok: false; error: string };

/**
 * Validates a taker's response (e.g. a request body) for a question type. With a
 * payload it also checks that every id belongs to that question: a SINGLE/MULTIPLE
 * choice must be an option id, an ORDERING order a permutation of the item ids, and
 * a MATCHING pairs map must go from left ids to right ids (no right id used twice).
 */
export function parseResponse<T extends QuestionType>(
  type: T,
  value: unknown,
  payload?: QuestionPayload<T>,
): ParseResponseResult<T> {
  const definition = definitionOf(type);
  const parsed = definition.responseSchema.safeParse(value);
  if (!parsed.success) {
    const error = parsed.error.issues
      .map((issue) => `${issue.path.length ? issue.path.join(".") : "response"}: ${issue.message}`)
      .join("; ");
    return { ok: false, error: `invalid ${type} response: ${error}` };
  }
  const response = parsed.data as QuestionResponse<T>;
  if (payload) {
    const problem = definition.responseProblem(payload, response);
    if (problem) return { ok: false, error: `invalid ${type} response: ${problem}` };
  }
  return { ok: true, response };
}

export type GradeOptions = { multipleScoring?: MultipleChoiceScoring };
export type GradeResult = { points: number; maxPoints: 1; correct: boolean };

/**
 * Grades a (validated) response against the answer key; points ∈ [0, 1], `correct`
 * only for full points. A missing response (null/undefined) earns 0.
 * - SINGLE, TRUE_FALSE, ORDERING (exact order): all or nothing;
 * - MULTIPLE: ALL_OR_NOTHING (default) — 1 only for exactly the correct set;
 *   PROPORTIONAL — (correctly chosen − wrongly chosen) / number of correct, at least 0;
 * - MATCHING: the share of key pairs whose left id is mapped to its right id;
 * - SHORT_TEXT: 1 if the normalized text (see normalizeShortText) is non-empty and
 *   equals a normalized accepted variant.
 */
export function grade<T extends QuestionType>(
  type: T,
  answerKey: AnswerKey<T>,
  response: QuestionResponse<T> | null | undefined,
  options: GradeOptions = {},
): GradeResult {
  const points =
    response === null || response === undefined
      ? 0
      : definitionOf(type).points(answerKey, response, options.multipleScoring ?? "ALL_OR_NOTHING");
  const clamped = Math.min(1, Math.max(0, points));
  return { points: clamped, maxPoints: 1, correct: clamped === 1 };
}

/**
 * Describes the answer key with the payload's texts (in the key's order). Throws if
 * the key refers to an id the payload does not have (the stored question is broken).
 */
export function describeKey<T extends QuestionType>(type: T, payload: QuestionPayload<T>, answerKey: AnswerKey<T>): KeyDescription<T> {
  return definitionOf(type).describeKey(payload, answerKey) as KeyDescription<T>;
}

/**
 * The payload as shown to a taker: SINGLE/MULTIPLE options, ORDERING items and the
 * MATCHING right side shuffled by `seed` (the MATCHING left side keeps its order;
 * TRUE_FALSE/SHORT_TEXT have nothing to shuffle). Every order is possible, the stored
 * one too: an order that avoided it would tell something about the key (two ORDERING
 * items would always come reversed). Builds a fresh object with only the payload's
 * fields (ids and texts), so nothing else stored alongside leaks. The ids stay the
 * stored ones: lib/grading/presentation.ts gives a taker fresh ones.
 */
export function presentPayload<T extends QuestionType>(type: T, payload: QuestionPayload<T>, seed: string): QuestionPayload<T> {
  return definitionOf(type).present(payload, seed) as QuestionPayload<T>;
}
