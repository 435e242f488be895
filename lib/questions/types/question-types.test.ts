// Every question type's definition against the seed content's questions of that
// type: a type added to the index is checked here without a new test.
import { describe, expect, it } from "vitest";
import { checkQuestion, toFormFields } from "../../admin/question-form";
import { loadContent } from "../../content/load";
import { describeKey, grade, parseResponse } from "../../grading/grade";
import { derivedSources, presentQuestion, storedResponse } from "../../grading/presentation";
import { definitionOf, QUESTION_TYPES, type AnswerKey, type QuestionPayload, type QuestionResponse } from ".";

const questions = loadContent().decks.flatMap((deck) => deck.cards.flatMap((card) => card.questions));

/** Every string in a value (object keys excluded). */
const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : typeof value === "object" && value ? Object.values(value).flatMap(strings) : [];

describe.each(QUESTION_TYPES)("the %s definition", (type) => {
  const definition = definitionOf(type);
  const examples = questions
    .filter((question) => question.type === type)
    .map((question) => ({
      ...question,
      payload: definition.payloadSchema.parse(question.payload) as QuestionPayload,
      answerKey: definition.keySchema.parse(question.answerKey) as AnswerKey,
    }));
  // The definition's responses, as grading takes them.
  const correctResponse = (payload: QuestionPayload, answerKey: AnswerKey) => definition.correctResponse(payload, answerKey) as QuestionResponse;

  it("has questions in the seed content to be checked against", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it("gives a correct response that is valid and earns full marks, and a wrong one that earns nothing", () => {
    for (const { payload, answerKey } of examples) {
      const correct = correctResponse(payload, answerKey);
      expect(parseResponse(type, correct, payload)).toEqual({ ok: true, response: correct });
      expect(grade(type, answerKey, correct).points).toBe(1);
      const wrong = definition.wrongResponse(payload, answerKey) as QuestionResponse;
      expect(parseResponse(type, wrong, payload).ok).toBe(true);
      expect(grade(type, answerKey, wrong).points).toBe(0);
    }
  });

  it("gives a valid response from what a taker sees", () => {
    for (const { payload } of examples) expect(parseResponse(type, definition.someResponse(payload), payload).ok).toBe(true);
  });

  it("presents a question without its key: no key field, no key text, no stored id", () => {
    for (const { payload, answerKey } of examples) {
      const shown = presentQuestion(type, payload, answerKey, derivedSources(`check:${type}`));
      const json = JSON.stringify(shown.payload);
      const shownIds = new Set(Object.keys(shown.toStored));
      for (const field of Object.keys(shown.answerKey)) expect(Object.keys(shown.payload)).not.toContain(field);
      for (const text of strings(shown.answerKey).filter((value) => !shownIds.has(value))) expect(json).not.toContain(JSON.stringify(text));
      for (const storedId of Object.values(shown.toStored)) expect(shownIds.has(storedId)).toBe(false);
      // The key in shown ids is the stored key: a correct response maps back to full marks.
      const response = storedResponse(type, correctResponse(shown.payload, shown.answerKey), shown.toStored);
      expect(grade(type, answerKey, response).points).toBe(1);
    }
  });

  it("describes its key with the payload's texts only", () => {
    const texts = (payload: unknown) => new Set(strings(payload));
    for (const { payload, answerKey } of examples) {
      const description = describeKey(type, payload, answerKey);
      expect(description.type).toBe(type);
      const known = texts(payload);
      if (known.size) for (const text of strings(description).filter((value) => value !== type)) expect(known.has(text)).toBe(true);
    }
  });

  it("turns a stored question into the editor's form and back unchanged", () => {
    for (const { payload, answerKey, prompt, explanation } of examples) {
      const checked = checkQuestion({ ...toFormFields(type, payload, answerKey), prompt, explanation, pool: "BOTH", active: true });
      expect(checked.ok && checked.question).toMatchObject({ type, payload, answerKey });
    }
  });
});
