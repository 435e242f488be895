// Every question type's definition, by type. A new type is a module beside these,
// its entry here, its content file schema (lib/content/schema.ts), its labels
// (lib/i18n) and its components (components/questions/types).
import type { z } from "zod";
import type { QuestionType } from "../../generated/prisma/enums";
import type { AnyQuestionTypeDefinition } from "./definition";
import { matching } from "./matching";
import { multiple } from "./multiple";
import { ordering } from "./ordering";
import { shortText } from "./short-text";
import { single } from "./single";
import { trueFalse } from "./true-false";

export const questionTypes = {
  SINGLE: single,
  MULTIPLE: multiple,
  TRUE_FALSE: trueFalse,
  ORDERING: ordering,
  MATCHING: matching,
  SHORT_TEXT: shortText,
} satisfies { [T in QuestionType]: { type: T } };

type Definitions = typeof questionTypes;

/** The types in the order the editor offers them. */
export const QUESTION_TYPES = Object.keys(questionTypes) as QuestionType[];

export type { QuestionType };
export type QuestionPayload<T extends QuestionType = QuestionType> = z.infer<Definitions[T]["payloadSchema"]>;
export type AnswerKey<T extends QuestionType = QuestionType> = z.infer<Definitions[T]["keySchema"]>;
export type QuestionResponse<T extends QuestionType = QuestionType> = z.infer<Definitions[T]["responseSchema"]>;
/** The correct answer in the payload's words, for showing after answering. */
export type KeyDescription<T extends QuestionType = QuestionType> = { [K in T]: ReturnType<Definitions[K]["describeKey"]> }[T];
/** The editor's type-specific fields. */
export type QuestionFields<T extends QuestionType = QuestionType> = { [K in T]: { type: K } & z.infer<Definitions[K]["form"]["schema"]> }[T];

/** A type's definition with its payload, key and response types erased, for code that handles every type alike. */
export const definitionOf = (type: QuestionType): AnyQuestionTypeDefinition =>
  // TypeScript measures the source type as invariant; every definition fits the erased shape.
  questionTypes[type] as unknown as AnyQuestionTypeDefinition;

/** One schema of every type, by type (e.g. every payload schema). */
export const schemasByType = <N extends "payloadSchema" | "keySchema" | "responseSchema">(name: N) =>
  Object.fromEntries(QUESTION_TYPES.map((type) => [type, questionTypes[type][name]])) as { [T in QuestionType]: Definitions[T][N] };
