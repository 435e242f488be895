import { z } from "zod";
import { defineQuestionType, idList, unique } from "./definition";
import { optionIds, options } from "./options";

export const multiple = defineQuestionType({
  type: "MULTIPLE",
  sourceType: "multiple",
  payloadSchema: options.payloadSchema,
  keySchema: z.object({ correct: z.array(z.string()).min(1) }),
  responseSchema: z.strictObject({
    choices: z.array(z.string()).refine(unique, { error: "must not contain the same id twice" }),
  }),
  fromSource: options.fromSource,
  toSource: (payload, key) => ({ type: "multiple", options: options.sourceOptions(payload, key) }),
  choiceLists: options.choiceLists,
  relabel: options.relabel,
  mapResponse: (response, to) => ({ choices: response.choices.map(to) }),
  responseProblem: (payload, response) => {
    const ids = optionIds(payload);
    const foreign = response.choices.filter((id) => !ids.has(id));
    return foreign.length ? `choices ${idList(foreign)} are not options` : null;
  },
  // ALL_OR_NOTHING: 1 only for exactly the correct set; PROPORTIONAL: (right − wrong) / correct, at least 0.
  points: (key, response, scoring) => {
    const correct = new Set(key.correct);
    const chosen = new Set(response.choices);
    const right = [...chosen].filter((id) => correct.has(id)).length;
    const wrong = chosen.size - right;
    if (scoring === "PROPORTIONAL" && correct.size > 0) return Math.max(0, (right - wrong) / correct.size);
    return right === correct.size && wrong === 0 ? 1 : 0;
  },
  describeKey: (payload, key) => ({ type: "MULTIPLE", ...options.describe(payload, key) }),
  present: options.present,
  alwaysShuffled: false,
  initialResponse: () => null,
  correctResponse: (_, key) => ({ choices: key.correct }),
  wrongResponse: () => ({ choices: [] }),
  someResponse: (payload) => ({ choices: [payload.options[0].id] }),
  content: options.content,
  form: {
    ...options.form,
    initial: (texts) => ({ options: [0, 1, 2].map((index) => ({ text: texts[index] ?? "", correct: index < 2 })) }),
    contentMessage: options.form.contentMessage((e) => e.multipleCorrect),
    fieldNames: {},
  },
});
