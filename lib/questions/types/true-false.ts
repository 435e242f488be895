import { z } from "zod";
import { messages } from "../../i18n";
import { defineQuestionType, formErrors } from "./definition";

export const trueFalse = defineQuestionType({
  type: "TRUE_FALSE",
  sourceType: "true_false",
  payloadSchema: z.object({}),
  keySchema: z.object({ value: z.boolean() }),
  responseSchema: z.strictObject({ value: z.boolean() }),
  fromSource: (fields) => ({ payload: {}, answerKey: { value: fields.answer } }),
  toSource: (_, key) => ({ type: "true_false", answer: key.value }),
  choiceLists: () => [],
  relabel: (payload, answerKey) => ({ payload, answerKey }),
  mapResponse: (response) => response,
  responseProblem: () => null,
  points: (key, response) => (response.value === key.value ? 1 : 0),
  describeKey: (_, key) => ({ type: "TRUE_FALSE", value: key.value }),
  present: () => ({}),
  alwaysShuffled: false,
  initialResponse: () => null,
  correctResponse: (_, key) => ({ value: key.value }),
  wrongResponse: (_, key) => ({ value: !key.value }),
  someResponse: () => ({ value: true }),
  content: {
    keyPhrases: () => [],
    choices: () => [],
    shown: () => [],
    answerCells: (fields) => ["", fields.answer ? messages().study.trueLabel : messages().study.falseLabel],
  },
  form: {
    schema: z.object({ value: z.boolean({ error: () => formErrors().valueRequired }) }),
    fromSource: (fields) => ({ value: fields.answer }),
    toSource: (fields) => ({ answer: fields.value }),
    initial: () => ({ value: true }),
    texts: () => [],
    contentMessage: () => formErrors().invalid,
    fieldNames: { answer: "value" },
  },
});
