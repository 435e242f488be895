// The question editor's form: its natural shape per type (options with a
// "correct" mark, items in the right order, pairs, accepted variants), how it
// is checked — the form's own shape first, then the very rules a content file's
// question obeys (lib/content/schema.ts), reported in Russian per field — and
// how it turns into the stored payload and answer key and back. No database:
// the editor's preview uses it too.
import { z } from "zod";
import { questionSchema, type QuestionSource } from "../content/schema";
import { fromStoredQuestion, toStoredQuestion, type AnswerKey, type QuestionPayload, type QuestionType } from "../content/question-data";
import { messages } from "../i18n";
import type { QuestionPool } from "../generated/prisma/enums";
import type { FieldErrors } from "./result";

export const PROMPT_MAX = 2_000;
export const EXPLANATION_MAX = 5_000;
export const CHOICE_MAX = 500;

export const QUESTION_TYPES = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "ORDERING", "MATCHING", "SHORT_TEXT"] as const satisfies readonly QuestionType[];
/** The pools in the order the editor offers them. */
export const QUESTION_POOLS = ["BOTH", "PRACTICE", "EXAM"] as const satisfies readonly QuestionPool[];
export type { QuestionPool };

export type { FieldErrors } from "./result";

export type ChoiceOption = { text: string; correct: boolean };
export type QuestionFields =
  | { type: "SINGLE"; options: ChoiceOption[] }
  | { type: "MULTIPLE"; options: ChoiceOption[] }
  | { type: "TRUE_FALSE"; value: boolean }
  | { type: "ORDERING"; items: string[] }
  | { type: "MATCHING"; pairs: { left: string; right: string }[] }
  | { type: "SHORT_TEXT"; accepted: string[] };
export type QuestionCommon = { prompt: string; explanation: string; pool: QuestionPool; active: boolean };
export type QuestionForm = QuestionCommon & QuestionFields;

const t = () => messages().admin.questions.errors;

const choiceText = z
  .string({ error: () => t().invalid })
  .max(CHOICE_MAX, { error: () => t().choiceTooLong(CHOICE_MAX) });

const common = {
  prompt: z.string({ error: () => t().promptRequired }).max(PROMPT_MAX, { error: () => t().promptTooLong(PROMPT_MAX) }),
  explanation: z
    .string({ error: () => t().explanationRequired })
    .max(EXPLANATION_MAX, { error: () => t().explanationTooLong(EXPLANATION_MAX) }),
  pool: z.enum(QUESTION_POOLS, { error: () => t().poolInvalid }),
  active: z.boolean({ error: () => t().invalid }),
};
const options = z.array(z.object({ text: choiceText, correct: z.boolean({ error: () => t().invalid }) }), { error: () => t().invalid });

/** The form's shape; the content rules (counts, correct marks, duplicates) are checked after it. */
export const questionFieldsSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ ...common, type: z.literal("SINGLE"), options }),
    z.object({ ...common, type: z.literal("MULTIPLE"), options }),
    z.object({ ...common, type: z.literal("TRUE_FALSE"), value: z.boolean({ error: () => t().valueRequired }) }),
    z.object({ ...common, type: z.literal("ORDERING"), items: z.array(choiceText, { error: () => t().invalid }) }),
    z.object({
      ...common,
      type: z.literal("MATCHING"),
      pairs: z.array(z.object({ left: choiceText, right: choiceText }), { error: () => t().invalid }),
    }),
    z.object({ ...common, type: z.literal("SHORT_TEXT"), accepted: z.array(choiceText, { error: () => t().invalid }) }),
  ],
  { error: () => t().typeInvalid },
);

const sourceTypes = {
  SINGLE: "single",
  MULTIPLE: "multiple",
  TRUE_FALSE: "true_false",
  ORDERING: "ordering",
  MATCHING: "matching",
  SHORT_TEXT: "short_text",
} as const satisfies Record<QuestionType, QuestionSource["type"]>;

const sourcePools = { BOTH: "both", PRACTICE: "practice", EXAM: "exam" } as const satisfies Record<QuestionPool, string>;

/** The form as a content file's question (the id is a placeholder: the key is the database's business). */
export function toSource(form: QuestionForm): unknown {
  const base = { id: "question", pool: sourcePools[form.pool], prompt: form.prompt, explanation: form.explanation };
  switch (form.type) {
    case "SINGLE":
    case "MULTIPLE":
      return {
        ...base,
        type: sourceTypes[form.type],
        options: form.options.map((option) => (option.correct ? { text: option.text, correct: true } : { text: option.text })),
      };
    case "TRUE_FALSE":
      return { ...base, type: "true_false", answer: form.value };
    case "ORDERING":
      return { ...base, type: "ordering", items: form.items };
    case "MATCHING":
      return { ...base, type: "matching", pairs: form.pairs };
    case "SHORT_TEXT":
      return { ...base, type: "short_text", answers: form.accepted };
  }
}

/** A stored question's type-specific fields in the form's shape. */
export function toFormFields(type: QuestionType, payload: unknown, answerKey: unknown): QuestionFields {
  const source = fromStoredQuestion(type, payload, answerKey);
  switch (source.type) {
    case "single":
    case "multiple":
      return {
        type: source.type === "single" ? "SINGLE" : "MULTIPLE",
        options: source.options.map((option) => ({ text: option.text, correct: option.correct === true })),
      };
    case "true_false":
      return { type: "TRUE_FALSE", value: source.answer };
    case "ordering":
      return { type: "ORDERING", items: source.items };
    case "matching":
      return { type: "MATCHING", pairs: source.pairs };
    case "short_text":
      return { type: "SHORT_TEXT", accepted: source.answers };
  }
}

/** Where a field's error is shown: "prompt", "options", "options.2", "pairs.0", "accepted.1"… */
function fieldOf(path: readonly PropertyKey[]): string {
  const [head, index] = path;
  const field = head === "answers" ? "accepted" : head === "answer" ? "value" : String(head ?? "form");
  return typeof index === "number" ? `${field}.${index}` : field;
}

type Issue = z.core.$ZodIssue;

function bound(issue: Issue, key: "minimum" | "maximum"): number {
  const value = (issue as unknown as Record<string, unknown>)[key];
  return typeof value === "number" ? value : Number(value);
}

/** A content rule's violation in Russian, per field. */
function contentMessage(type: QuestionType, issue: Issue): string {
  const e = t();
  const [head, index] = issue.path;
  const item = typeof index === "number";
  switch (head) {
    case "prompt":
      return e.promptRequired;
    case "explanation":
      return e.explanationRequired;
    case "options":
      if (item) return e.optionEmpty;
      if (issue.code === "too_small" || issue.code === "too_big") return e.optionsCount(bound(issue, issue.code === "too_small" ? "minimum" : "maximum"), issue.code === "too_big");
      return type === "SINGLE" ? e.singleCorrect : e.multipleCorrect;
    case "items":
      if (item) return e.itemEmpty;
      if (issue.code === "too_small" || issue.code === "too_big") return e.itemsCount(bound(issue, issue.code === "too_small" ? "minimum" : "maximum"), issue.code === "too_big");
      return e.itemsDistinct;
    case "pairs":
      if (item) return e.pairEmpty;
      if (issue.code === "too_small" || issue.code === "too_big") return e.pairsCount(bound(issue, issue.code === "too_small" ? "minimum" : "maximum"), issue.code === "too_big");
      return e.pairsDistinct;
    case "answers":
      if (item) return e.acceptedEmpty;
      return e.acceptedCount(bound(issue, issue.code === "too_small" ? "minimum" : "maximum"), issue.code === "too_big");
    default:
      return e.invalid;
  }
}

function collect(issues: readonly Issue[], message: (issue: Issue) => string): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    const text = message(issue);
    const list = (errors[field] ??= []);
    if (!list.includes(text)) list.push(text);
  }
  return errors;
}

export type CheckedQuestion = {
  form: QuestionForm;
  type: QuestionType;
  payload: QuestionPayload;
  answerKey: AnswerKey;
};

/**
 * Checks a form: its shape, then the content file rules (lib/content/schema.ts).
 * On success, the trimmed form and the payload and key under toStoredQuestion's
 * placeholder ids (saving gives them their stored ids).
 */
export function checkQuestion(input: unknown): { ok: true; question: CheckedQuestion } | { ok: false; fieldErrors: FieldErrors } {
  const shape = questionFieldsSchema.safeParse(input);
  if (!shape.success) return { ok: false, fieldErrors: collect(shape.error.issues, (issue) => issue.message) };
  const form = shape.data as QuestionForm;
  const content = questionSchema.safeParse(toSource(form));
  if (!content.success) return { ok: false, fieldErrors: collect(content.error.issues, (issue) => contentMessage(form.type, issue)) };
  const stored = toStoredQuestion(content.data);
  const trimmed: QuestionForm = {
    ...toFormFields(stored.type, stored.payload, stored.answerKey),
    prompt: content.data.prompt,
    explanation: content.data.explanation,
    pool: form.pool,
    active: form.active,
  };
  return { ok: true, question: { form: trimmed, ...stored } };
}

/** What the preview shows for a form being typed: its payload and key, however incomplete. */
export function draftStored(form: QuestionForm): { payload: QuestionPayload; answerKey: AnswerKey } {
  const stored = toStoredQuestion(toSource(form) as QuestionSource);
  return { payload: stored.payload, answerKey: stored.answerKey };
}
