// The question editor's form: its natural shape per type (its definition's form
// fields, lib/questions/types), how it is checked — the form's own shape first,
// then the very rules a content file's question obeys (lib/content/schema.ts),
// reported in Russian per field — and how it turns into the stored payload and
// answer key and back. No database: the editor's preview uses it too.
import { z } from "zod";
import { questionSchema, type QuestionSource } from "../content/schema";
import { fromStoredQuestion, toStoredQuestion, type AnswerKey, type QuestionPayload, type QuestionType } from "../content/question-data";
import { definitionOf, QUESTION_TYPES, type QuestionFields } from "../questions/types";
import type { QuestionPool } from "../generated/prisma/enums";
import type { FieldErrors } from "./result";
import { formErrors as t, type SourceFields } from "../questions/types/definition";

export { CHOICE_MAX } from "../questions/types/definition";
export const PROMPT_MAX = 2_000;
export const EXPLANATION_MAX = 5_000;

export { QUESTION_TYPES };
/** The pools in the order the editor offers them. */
export const QUESTION_POOLS = ["BOTH", "PRACTICE", "EXAM"] as const satisfies readonly QuestionPool[];
export type { QuestionPool };

export type { FieldErrors } from "./result";

export type { ChoiceOption } from "../questions/types/options";
export type { QuestionFields };
export type QuestionCommon = { prompt: string; explanation: string; pool: QuestionPool; active: boolean };
export type QuestionForm = QuestionCommon & QuestionFields;

const commonSchema = z.object({
  prompt: z.string({ error: () => t().promptRequired }).max(PROMPT_MAX, { error: () => t().promptTooLong(PROMPT_MAX) }),
  explanation: z
    .string({ error: () => t().explanationRequired })
    .max(EXPLANATION_MAX, { error: () => t().explanationTooLong(EXPLANATION_MAX) }),
  pool: z.enum(QUESTION_POOLS, { error: () => t().poolInvalid }),
  active: z.boolean({ error: () => t().invalid }),
});
const typeSchema = z.object({ type: z.enum(QUESTION_TYPES, { error: () => t().typeInvalid }) });

type Issue = z.core.$ZodIssue;

/** The form's shape (common fields and its type's fields); the content rules (counts, correct marks, duplicates) are checked after it. */
function parseShape(input: unknown): { ok: true; form: QuestionForm } | { ok: false; issues: Issue[] } {
  const typed = typeSchema.safeParse(input);
  if (!typed.success) return { ok: false, issues: typed.error.issues };
  const common = commonSchema.safeParse(input);
  const fields = definitionOf(typed.data.type).form.schema.safeParse(input);
  if (!common.success || !fields.success) return { ok: false, issues: [...(common.error?.issues ?? []), ...(fields.error?.issues ?? [])] };
  return { ok: true, form: { ...common.data, ...fields.data, type: typed.data.type } as QuestionForm };
}

const sourcePools = { BOTH: "both", PRACTICE: "practice", EXAM: "exam" } as const satisfies Record<QuestionPool, string>;

/** The form as a content file's question (the id is a placeholder: the key is the database's business). */
export function toSource(form: QuestionForm): unknown {
  const definition = definitionOf(form.type);
  return {
    id: "question",
    pool: sourcePools[form.pool],
    prompt: form.prompt,
    explanation: form.explanation,
    type: definition.sourceType,
    ...definition.form.toSource(form),
  };
}

/** A stored question's type-specific fields in the form's shape. */
export function toFormFields(type: QuestionType, payload: unknown, answerKey: unknown): QuestionFields {
  const source = fromStoredQuestion(type, payload, answerKey);
  return { type, ...definitionOf(type).form.fromSource(source) } as QuestionFields;
}

/** Where a field's error is shown: "prompt", "options", "options.2", "pairs.0", "accepted.1"… */
function fieldOf(type: QuestionType | undefined, path: readonly PropertyKey[]): string {
  const [head, index] = path;
  const name = String(head ?? "form");
  const field = (type && definitionOf(type).form.fieldNames[name]) || name;
  return typeof index === "number" ? `${field}.${index}` : field;
}

/** A content rule's violation in Russian, per field. */
function contentMessage(type: QuestionType, issue: Issue): string {
  const [head] = issue.path;
  if (head === "prompt") return t().promptRequired;
  if (head === "explanation") return t().explanationRequired;
  return definitionOf(type).form.contentMessage(String(head), issue);
}

function collect(type: QuestionType | undefined, issues: readonly Issue[], message: (issue: Issue) => string): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = fieldOf(type, issue.path);
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
  const shape = parseShape(input);
  if (!shape.ok) return { ok: false, fieldErrors: collect(undefined, shape.issues, (issue) => issue.message) };
  const { form } = shape;
  const content = questionSchema.safeParse(toSource(form));
  if (!content.success) return { ok: false, fieldErrors: collect(form.type, content.error.issues, (issue) => contentMessage(form.type, issue)) };
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

/** The same form's fields for another type, carrying over what texts fit (the editor's type switch). */
export function fieldsFor(type: QuestionType, from: QuestionForm): QuestionFields {
  return { type, ...definitionOf(type).form.initial(definitionOf(from.type).form.texts(from)) } as QuestionFields;
}

/** Only the form's own fields (a stored question also has an id, key and version), as a fresh copy. */
export function formOf(question: QuestionForm): QuestionForm {
  const { prompt, explanation, pool, active, type } = question;
  const { form, sourceType } = definitionOf(type);
  // Through the content file's fields and back: what the form has of its type, copied.
  const fields = form.fromSource({ type: sourceType, ...form.toSource(question) } as SourceFields);
  return { prompt, explanation, pool, active, type, ...fields } as QuestionForm;
}
