import { z } from "zod";
import { shuffled } from "../../grading/shuffle";
import {
  choice,
  choiceText,
  copyChoices,
  defineQuestionType,
  formErrors,
  idList,
  listIssueMessage,
  lines,
  placeholders,
  textById,
  textOf,
  unique,
} from "./definition";

export const matching = defineQuestionType({
  type: "MATCHING",
  sourceType: "matching",
  payloadSchema: z.object({ left: z.array(choice), right: z.array(choice) }),
  keySchema: z.object({ pairs: z.array(z.tuple([z.string(), z.string()])) }),
  // May be partial: unmapped left ids simply earn nothing.
  responseSchema: z.strictObject({
    pairs: z
      .record(z.string(), z.string())
      .refine((pairs) => unique(Object.values(pairs)), { error: "maps two left ids to the same right id" }),
  }),
  fromSource: (fields) => {
    const left = placeholders("l", fields.pairs.map((pair) => pair.left));
    const right = placeholders("r", fields.pairs.map((pair) => pair.right));
    return { payload: { left, right }, answerKey: { pairs: left.map((l, index): [string, string] => [l.id, right[index].id]) } };
  },
  toSource: (payload, key) => {
    const [lefts, rights] = [textById(payload.left), textById(payload.right)];
    return { type: "matching", pairs: key.pairs.map(([l, r]) => ({ left: lefts.get(l)!, right: rights.get(r)! })) };
  },
  choiceLists: (payload) => [payload.left, payload.right],
  relabel: (payload, key, relabel) => {
    const left = relabel(payload.left, 0);
    const right = relabel(payload.right, 1);
    return {
      payload: { left: left.choices, right: right.choices },
      answerKey: { pairs: key.pairs.map(([l, r]): [string, string] => [left.to(l), right.to(r)]) },
    };
  },
  mapResponse: (response, to) => ({ pairs: Object.fromEntries(Object.entries(response.pairs).map(([l, r]) => [to(l), to(r)])) }),
  responseProblem: (payload, response) => {
    const left = new Set(payload.left.map((l) => l.id));
    const right = new Set(payload.right.map((r) => r.id));
    const entries = Object.entries(response.pairs);
    const foreignLeft = entries.filter(([l]) => !left.has(l)).map(([l]) => l);
    if (foreignLeft.length) return `pairs use ${idList(foreignLeft)} as left ids, which are not left items`;
    const foreignRight = entries.filter(([, r]) => !right.has(r)).map(([, r]) => r);
    if (foreignRight.length) return `pairs use ${idList(foreignRight)} as right ids, which are not right items`;
    return null;
  },
  // The share of key pairs whose left id is mapped to its right id.
  points: (key, response) => {
    if (key.pairs.length === 0) return 0;
    const matched = key.pairs.filter(([left, right]) => Object.hasOwn(response.pairs, left) && response.pairs[left] === right);
    return matched.length / key.pairs.length;
  },
  describeKey: (payload, key) => ({
    type: "MATCHING",
    pairs: key.pairs.map(([l, r]): [left: string, right: string] => [textOf(payload.left, l, "left item"), textOf(payload.right, r, "right item")]),
  }),
  // The left side keeps its order: it is the list of questions, the right side the answers.
  present: (payload, seed) => ({ left: copyChoices(payload.left), right: copyChoices(shuffled(payload.right, seed)) }),
  alwaysShuffled: true,
  initialResponse: () => null,
  correctResponse: (_, key) => ({ pairs: Object.fromEntries(key.pairs) }),
  // Every left id mapped to the next pair's right id: no pair right.
  wrongResponse: (_, key) => ({
    pairs: Object.fromEntries(key.pairs.map(([left], index) => [left, key.pairs[(index + 1) % key.pairs.length][1]])),
  }),
  someResponse: (payload) => ({ pairs: Object.fromEntries(payload.left.map((left, index) => [left.id, payload.right[index].id])) }),
  content: {
    keyPhrases: () => [],
    choices: (fields) => fields.pairs.flatMap((pair) => [pair.left, pair.right]),
    shown: () => [],
    answerCells: (fields) => [lines(fields.pairs.map((pair) => pair.left)), lines(fields.pairs.map((pair) => `${pair.left} → ${pair.right}`))],
  },
  form: {
    schema: z.object({ pairs: z.array(z.object({ left: choiceText, right: choiceText }), { error: () => formErrors().invalid }) }),
    fromSource: (fields) => ({ pairs: fields.pairs }),
    toSource: (fields) => ({ pairs: fields.pairs }),
    initial: (texts) => ({ pairs: [0, 1, 2].map((index) => ({ left: texts[index] ?? "", right: "" })) }),
    texts: (fields) => fields.pairs.map((pair) => pair.left),
    contentMessage: (field, issue) => {
      const e = formErrors();
      if (field !== "pairs") return e.invalid;
      return listIssueMessage(issue, { empty: e.pairEmpty, count: e.pairsCount, other: () => e.pairsDistinct });
    },
    fieldNames: {},
  },
});
