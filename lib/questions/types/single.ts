import { z } from "zod";
import { defineQuestionType } from "./definition";
import { optionIds, options } from "./options";

export const single = defineQuestionType({
  type: "SINGLE",
  sourceType: "single",
  payloadSchema: options.payloadSchema,
  keySchema: z.object({ correct: z.array(z.string()).length(1) }),
  responseSchema: z.strictObject({ choice: z.string() }),
  fromSource: options.fromSource,
  toSource: (payload, key) => ({ type: "single", options: options.sourceOptions(payload, key) }),
  choiceLists: options.choiceLists,
  relabel: options.relabel,
  mapResponse: (response, to) => ({ choice: to(response.choice) }),
  responseProblem: (payload, response) =>
    optionIds(payload).has(response.choice) ? null : `choice ${JSON.stringify(response.choice)} is not an option`,
  points: (key, response) => (key.correct.length === 1 && response.choice === key.correct[0] ? 1 : 0),
  describeKey: (payload, key) => ({ type: "SINGLE", ...options.describe(payload, key) }),
  present: options.present,
  alwaysShuffled: false,
  initialResponse: () => null,
  correctResponse: (_, key) => ({ choice: key.correct[0] }),
  wrongResponse: (payload, key) => ({ choice: payload.options.find((option) => !key.correct.includes(option.id))!.id }),
  someResponse: (payload) => ({ choice: payload.options[0].id }),
  content: options.content,
  form: {
    ...options.form,
    initial: (texts) => ({ options: [0, 1, 2].map((index) => ({ text: texts[index] ?? "", correct: index === 0 })) }),
    contentMessage: options.form.contentMessage((e) => e.singleCorrect),
    fieldNames: {},
  },
});
