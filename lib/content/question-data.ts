// How a question is stored: `payload` is what a taker may see (each choice with
// a stable id), `answerKey` the correct answer in terms of those ids.
import { z } from "zod";
import type { QuestionSource } from "./schema";

const choice = z.object({ id: z.string(), text: z.string() });

export const questionPayloadSchema = {
  SINGLE: z.object({ options: z.array(choice) }),
  MULTIPLE: z.object({ options: z.array(choice) }),
  TRUE_FALSE: z.object({}),
  ORDERING: z.object({ items: z.array(choice) }),
  MATCHING: z.object({ left: z.array(choice), right: z.array(choice) }),
  SHORT_TEXT: z.object({}),
};

export const answerKeySchema = {
  SINGLE: z.object({ correct: z.array(z.string()).length(1) }),
  MULTIPLE: z.object({ correct: z.array(z.string()).min(1) }),
  TRUE_FALSE: z.object({ value: z.boolean() }),
  ORDERING: z.object({ order: z.array(z.string()) }),
  MATCHING: z.object({ pairs: z.array(z.tuple([z.string(), z.string()])) }),
  SHORT_TEXT: z.object({ accepted: z.array(z.string()).min(1) }),
};

export type QuestionType = keyof typeof questionPayloadSchema;
export type QuestionPayload<T extends QuestionType = QuestionType> = z.infer<(typeof questionPayloadSchema)[T]>;
export type AnswerKey<T extends QuestionType = QuestionType> = z.infer<(typeof answerKeySchema)[T]>;

const letters = "abcdefghijklmnopqrstuvwxyz";
const ids = (prefix: string, texts: string[]) => texts.map((text, index) => ({ id: `${prefix}${letters[index]}`, text }));

/**
 * Turns a content file's question into its stored type, payload and answer key.
 * Its ids (a, b, … ; l…/r… for matching sides) are placeholders in list order:
 * a write stores choices under lib/content/choice-ids.ts's ids.
 */
export function toStoredQuestion(source: QuestionSource): {
  type: QuestionType;
  payload: QuestionPayload;
  answerKey: AnswerKey;
} {
  switch (source.type) {
    case "single":
    case "multiple": {
      const options = ids("", source.options.map((o) => o.text));
      const correct = options.filter((_, index) => source.options[index].correct).map((o) => o.id);
      return { type: source.type === "single" ? "SINGLE" : "MULTIPLE", payload: { options }, answerKey: { correct } };
    }
    case "true_false":
      return { type: "TRUE_FALSE", payload: {}, answerKey: { value: source.answer } };
    case "ordering": {
      const items = ids("", source.items);
      return { type: "ORDERING", payload: { items }, answerKey: { order: items.map((item) => item.id) } };
    }
    case "matching": {
      const left = ids("l", source.pairs.map((p) => p.left));
      const right = ids("r", source.pairs.map((p) => p.right));
      return {
        type: "MATCHING",
        payload: { left, right },
        answerKey: { pairs: left.map((l, index) => [l.id, right[index].id] as [string, string]) },
      };
    }
    case "short_text":
      return { type: "SHORT_TEXT", payload: {}, answerKey: { accepted: source.answers } };
  }
}

type WithoutCommonFields<T> = T extends unknown ? Omit<T, "id" | "pool" | "prompt" | "explanation"> : never;
/** A content file question's type and its type-specific fields. */
export type QuestionAnswerFields = WithoutCommonFields<QuestionSource>;

/** The inverse of toStoredQuestion: a stored question as a content file writes it. */
export function fromStoredQuestion(type: QuestionType, payload: unknown, answerKey: unknown): QuestionAnswerFields {
  const textById = (choices: { id: string; text: string }[]) => new Map(choices.map((c) => [c.id, c.text]));
  switch (type) {
    case "SINGLE":
    case "MULTIPLE": {
      const { options } = questionPayloadSchema[type].parse(payload);
      const { correct } = answerKeySchema[type].parse(answerKey);
      const sourceOptions = options.map((o): { text: string; correct?: true } =>
        correct.includes(o.id) ? { text: o.text, correct: true } : { text: o.text },
      );
      return type === "SINGLE" ? { type: "single", options: sourceOptions } : { type: "multiple", options: sourceOptions };
    }
    case "TRUE_FALSE":
      return { type: "true_false", answer: answerKeySchema.TRUE_FALSE.parse(answerKey).value };
    case "ORDERING": {
      const items = textById(questionPayloadSchema.ORDERING.parse(payload).items);
      return { type: "ordering", items: answerKeySchema.ORDERING.parse(answerKey).order.map((id) => items.get(id)!) };
    }
    case "MATCHING": {
      const { left, right } = questionPayloadSchema.MATCHING.parse(payload);
      const [lefts, rights] = [textById(left), textById(right)];
      const { pairs } = answerKeySchema.MATCHING.parse(answerKey);
      return { type: "matching", pairs: pairs.map(([l, r]) => ({ left: lefts.get(l)!, right: rights.get(r)! })) };
    }
    case "SHORT_TEXT":
      return { type: "short_text", answers: answerKeySchema.SHORT_TEXT.parse(answerKey).accepted };
  }
}
