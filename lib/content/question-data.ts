// How a question is stored: `payload` is what a taker may see (each choice with
// a stable id), `answerKey` the correct answer in terms of those ids. Each type's
// rules are its definition's (lib/questions/types).
import { definitionOf, QUESTION_TYPES, schemasByType, type AnswerKey, type QuestionPayload, type QuestionType } from "../questions/types";
import type { SourceFields } from "../questions/types/definition";
import type { QuestionSource } from "./schema";

export type { AnswerKey, QuestionPayload, QuestionType };

export const questionPayloadSchema = schemasByType("payloadSchema");
export const answerKeySchema = schemasByType("keySchema");

/** The stored type of a content file's type name. */
export const typeOfSource = (sourceType: QuestionSource["type"]): QuestionType =>
  QUESTION_TYPES.find((type) => definitionOf(type).sourceType === sourceType)!;

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
  const type = typeOfSource(source.type);
  const { payload, answerKey } = definitionOf(type).fromSource(source);
  return { type, payload: payload as QuestionPayload, answerKey: answerKey as AnswerKey };
}

/** A content file question's type and its type-specific fields. */
export type QuestionAnswerFields = SourceFields;

/** The inverse of toStoredQuestion: a stored question as a content file writes it. */
export function fromStoredQuestion(type: QuestionType, payload: unknown, answerKey: unknown): QuestionAnswerFields {
  const definition = definitionOf(type);
  return definition.toSource(definition.payloadSchema.parse(payload), definition.keySchema.parse(answerKey));
}
