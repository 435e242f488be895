// Grading of a taker's answer to a stored question (see lib/content/question-data.ts
// for how a question is stored: `payload` is what the taker sees, `answerKey` the
// correct answer in terms of the payload's ids). Pure functions, no database.
import { z } from "zod";
import type { AnswerKey, QuestionPayload, QuestionType } from "../content/question-data";
import type { MultipleChoiceScoring } from "../generated/prisma/enums";
import { shuffled } from "./shuffle";

const unique = (values: string[]) => new Set(values).size === values.length;

/**
 * What a taker may send per question type. Ids refer to the payload's choices; they
 * are checked against a payload by `parseResponse(type, value, payload)`. Id lists
 * must not repeat an id, and a MATCHING response must not use a right id twice.
 * A MATCHING response may be partial (unmapped left ids simply earn nothing).
 */
export const responseSchema = {
  SINGLE: z.strictObject({ choice: z.string() }),
  MULTIPLE: z.strictObject({
    choices: z.array(z.string()).refine(unique, { error: "must not contain the same id twice" }),
  }),
  TRUE_FALSE: z.strictObject({ value: z.boolean() }),
  ORDERING: z.strictObject({
    order: z.array(z.string()).refine(unique, { error: "must not contain the same id twice" }),
  }),
  MATCHING: z.strictObject({
    pairs: z
      .record(z.string(), z.string())
      .refine((pairs) => unique(Object.values(pairs)), { error: "maps two left ids to the same right id" }),
  }),
  SHORT_TEXT: z.strictObject({ text: z.string().max(500) }),
} satisfies Record<QuestionType, z.ZodType>;

export type QuestionResponse<T extends QuestionType = QuestionType> = z.infer<(typeof responseSchema)[T]>;

export type ParseResponseResult<T extends QuestionType = QuestionType> =
  | { ok: true; response: QuestionResponse<T> }
  | { ok: false; error: string };

// The same value, tagged with its type, so that a `switch` narrows all parts at once.
type WithPayload = {
  [K in QuestionType]: { type: K; response: QuestionResponse<K>; payload: QuestionPayload<K> };
}[QuestionType];
type WithKey = { [K in QuestionType]: { type: K; key: AnswerKey<K>; response: QuestionResponse<K> } }[QuestionType];
type KeyWithPayload = { [K in QuestionType]: { type: K; key: AnswerKey<K>; payload: QuestionPayload<K> } }[QuestionType];
type PayloadOf = { [K in QuestionType]: { type: K; payload: QuestionPayload<K> } }[QuestionType];

const list = (ids: string[]) => ids.map((id) => JSON.stringify(id)).join(", ");

/** An English description of why `response` does not fit `payload`, or null if it does. */
function payloadProblem(input: WithPayload): string | null {
  switch (input.type) {
    case "SINGLE": {
      const ids = new Set(input.payload.options.map((o) => o.id));
      return ids.has(input.response.choice) ? null : `choice ${JSON.stringify(input.response.choice)} is not an option`;
    }
    case "MULTIPLE": {
      const ids = new Set(input.payload.options.map((o) => o.id));
      const foreign = input.response.choices.filter((id) => !ids.has(id));
      return foreign.length ? `choices ${list(foreign)} are not options` : null;
    }
    case "ORDERING": {
      const ids = new Set(input.payload.items.map((item) => item.id));
      const { order } = input.response;
      const foreign = order.filter((id) => !ids.has(id));
      if (foreign.length) return `order contains ${list(foreign)}, which are not items`;
      // Distinct (checked by the schema) and all known: a permutation iff the lengths agree.
      if (order.length !== ids.size) return `order must list each of the ${ids.size} items exactly once`;
      return null;
    }
    case "MATCHING": {
      const left = new Set(input.payload.left.map((l) => l.id));
      const right = new Set(input.payload.right.map((r) => r.id));
      const entries = Object.entries(input.response.pairs);
      const foreignLeft = entries.filter(([l]) => !left.has(l)).map(([l]) => l);
      if (foreignLeft.length) return `pairs use ${list(foreignLeft)} as left ids, which are not left items`;
      const foreignRight = entries.filter(([, r]) => !right.has(r)).map(([, r]) => r);
      if (foreignRight.length) return `pairs use ${list(foreignRight)} as right ids, which are not right items`;
      return null;
    }
    case "TRUE_FALSE":
    case "SHORT_TEXT":
      return null;
  }
}

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
  const schema: z.ZodType = responseSchema[type];
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const error = parsed.error.issues
      .map((issue) => `${issue.path.length ? issue.path.join(".") : "response"}: ${issue.message}`)
      .join("; ");
    return { ok: false, error: `invalid ${type} response: ${error}` };
  }
  const response = parsed.data as QuestionResponse<T>;
  if (payload) {
    const problem = payloadProblem({ type, response, payload } as WithPayload);
    if (problem) return { ok: false, error: `invalid ${type} response: ${problem}` };
  }
  return { ok: true, response };
}

/**
 * The form in which SHORT_TEXT answers and accepted variants are compared. Steps,
 * in this order:
 * 1. Unicode NFC (so a decomposed «ё» is one character);
 * 2. lower case with `toLowerCase()` (locale-independent);
 * 3. «ё» → «е»;
 * 4. every run of whitespace → one space, then trim;
 * 5. no space between a digit and «%» («98 %» → «98%»);
 * 6. strip quotes «»"'“”„ at the start, and quotes plus the punctuation . , ! ? ; :
 *    at the end (repeatedly, spaces between them too, e.g. `«Ответ».` → `ответ`).
 * Quotes and punctuation inside the text are kept. Both the answer and every
 * accepted variant go through the same steps, so the comparison is symmetric.
 */
export function normalizeShortText(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\s+/g, " ")
    .replace(/(\d) %/g, "$1%")
    .replace(/^[\s«»"'“”„]+/, "")
    .replace(/[\s«»"'“”„.,!?;:]+$/, "");
}

export type GradeOptions = { multipleScoring?: MultipleChoiceScoring };
export type GradeResult = { points: number; maxPoints: 1; correct: boolean };

const result = (points: number): GradeResult => {
  const clamped = Math.min(1, Math.max(0, points));
  return { points: clamped, maxPoints: 1, correct: clamped === 1 };
};

function points(input: WithKey, scoring: MultipleChoiceScoring): number {
  switch (input.type) {
    case "SINGLE":
      return input.key.correct.length === 1 && input.response.choice === input.key.correct[0] ? 1 : 0;
    case "MULTIPLE": {
      const correct = new Set(input.key.correct);
      const chosen = new Set(input.response.choices);
      const right = [...chosen].filter((id) => correct.has(id)).length;
      const wrong = chosen.size - right;
      if (scoring === "PROPORTIONAL" && correct.size > 0) return Math.max(0, (right - wrong) / correct.size);
      return right === correct.size && wrong === 0 ? 1 : 0;
    }
    case "TRUE_FALSE":
      return input.response.value === input.key.value ? 1 : 0;
    case "ORDERING": {
      const { order } = input.response;
      const key = input.key.order;
      return order.length === key.length && key.every((id, index) => order[index] === id) ? 1 : 0;
    }
    case "MATCHING": {
      const { pairs } = input.response;
      if (input.key.pairs.length === 0) return 0;
      const matched = input.key.pairs.filter(([left, right]) => Object.hasOwn(pairs, left) && pairs[left] === right);
      return matched.length / input.key.pairs.length;
    }
    case "SHORT_TEXT": {
      const answer = normalizeShortText(input.response.text);
      if (!answer) return 0;
      return input.key.accepted.some((variant) => normalizeShortText(variant) === answer) ? 1 : 0;
    }
  }
}

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
  if (response === null || response === undefined) return result(0);
  return result(points({ type, key: answerKey, response } as WithKey, options.multipleScoring ?? "ALL_OR_NOTHING"));
}

/** The correct answer in the payload's words, for showing after answering. */
export type KeyDescription =
  | { type: "SINGLE"; texts: string[] }
  | { type: "MULTIPLE"; texts: string[] }
  | { type: "TRUE_FALSE"; value: boolean }
  | { type: "ORDERING"; texts: string[] }
  | { type: "MATCHING"; pairs: [left: string, right: string][] }
  | { type: "SHORT_TEXT"; accepted: string[] };

function textOf(choices: { id: string; text: string }[], id: string, what: string): string {
  const found = choices.find((choice) => choice.id === id);
  if (!found) throw new Error(`answer key refers to ${what} ${JSON.stringify(id)}, which the payload does not have`);
  return found.text;
}

/**
 * Describes the answer key with the payload's texts (in the key's order). Throws if
 * the key refers to an id the payload does not have (the stored question is broken).
 */
export function describeKey<T extends QuestionType>(
  type: T,
  payload: QuestionPayload<T>,
  answerKey: AnswerKey<T>,
): Extract<KeyDescription, { type: T }> {
  return describe({ type, payload, key: answerKey } as KeyWithPayload) as Extract<KeyDescription, { type: T }>;
}

function describe(input: KeyWithPayload): KeyDescription {
  switch (input.type) {
    case "SINGLE":
    case "MULTIPLE": {
      const { options } = input.payload;
      return { type: input.type, texts: input.key.correct.map((id) => textOf(options, id, "option")) };
    }
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: input.key.value };
    case "ORDERING":
      return { type: "ORDERING", texts: input.key.order.map((id) => textOf(input.payload.items, id, "item")) };
    case "MATCHING":
      return {
        type: "MATCHING",
        pairs: input.key.pairs.map(([l, r]) => [
          textOf(input.payload.left, l, "left item"),
          textOf(input.payload.right, r, "right item"),
        ]),
      };
    case "SHORT_TEXT":
      return { type: "SHORT_TEXT", accepted: [...input.key.accepted] };
  }
}

const copyChoices = (choices: { id: string; text: string }[]) => choices.map(({ id, text }) => ({ id, text }));

/**
 * The payload as shown to a taker: SINGLE/MULTIPLE options, ORDERING items and the
 * MATCHING right side shuffled by `seed` (the MATCHING left side keeps its order;
 * TRUE_FALSE/SHORT_TEXT have nothing to shuffle). Every order is possible, the stored
 * one too: an order that avoided it would tell something about the key (two ORDERING
 * items would always come reversed). Builds a fresh object with only the payload's
 * fields (ids and texts), so nothing else stored alongside leaks. The ids stay the
 * stored ones: lib/grading/presentation.ts gives a taker fresh ones.
 */
export function presentPayload<T extends QuestionType>(
  type: T,
  payload: QuestionPayload<T>,
  seed: string,
): QuestionPayload<T> {
  return present({ type, payload } as PayloadOf, seed) as QuestionPayload<T>;
}

function present(input: PayloadOf, seed: string): QuestionPayload {
  switch (input.type) {
    case "SINGLE":
    case "MULTIPLE":
      return { options: copyChoices(shuffled(input.payload.options, seed)) };
    case "ORDERING":
      return { items: copyChoices(shuffled(input.payload.items, seed)) };
    case "MATCHING":
      return { left: copyChoices(input.payload.left), right: copyChoices(shuffled(input.payload.right, seed)) };
    case "TRUE_FALSE":
    case "SHORT_TEXT":
      return {};
  }
}
