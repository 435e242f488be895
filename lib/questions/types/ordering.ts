import { z } from "zod";
import { shuffled } from "../../grading/shuffle";
import {
  choice,
  copyChoices,
  defineQuestionType,
  formErrors,
  idList,
  listIssueMessage,
  lines,
  placeholders,
  textById,
  textList,
  textOf,
  unique,
} from "./definition";

export const ordering = defineQuestionType({
  type: "ORDERING",
  sourceType: "ordering",
  payloadSchema: z.object({ items: z.array(choice) }),
  keySchema: z.object({ order: z.array(z.string()) }),
  responseSchema: z.strictObject({
    order: z.array(z.string()).refine(unique, { error: "must not contain the same id twice" }),
  }),
  fromSource: (fields) => {
    const items = placeholders("", fields.items);
    return { payload: { items }, answerKey: { order: items.map((item) => item.id) } };
  },
  toSource: (payload, key) => {
    const items = textById(payload.items);
    return { type: "ordering", items: key.order.map((id) => items.get(id)!) };
  },
  choiceLists: (payload) => [payload.items],
  relabel: (payload, key, relabel) => {
    const { choices, to } = relabel(payload.items, 0);
    return { payload: { items: choices }, answerKey: { order: key.order.map(to) } };
  },
  mapResponse: (response, to) => ({ order: response.order.map(to) }),
  responseProblem: (payload, response) => {
    const ids = new Set(payload.items.map((item) => item.id));
    const foreign = response.order.filter((id) => !ids.has(id));
    if (foreign.length) return `order contains ${idList(foreign)}, which are not items`;
    // Distinct (checked by the schema) and all known: a permutation iff the lengths agree.
    if (response.order.length !== ids.size) return `order must list each of the ${ids.size} items exactly once`;
    return null;
  },
  points: (key, response) =>
    response.order.length === key.order.length && key.order.every((id, index) => response.order[index] === id) ? 1 : 0,
  describeKey: (payload, key) => ({ type: "ORDERING", texts: key.order.map((id) => textOf(payload.items, id, "item")) }),
  present: (payload, seed) => ({ items: copyChoices(shuffled(payload.items, seed)) }),
  alwaysShuffled: true,
  initialResponse: (payload) => ({ order: payload.items.map((item) => item.id) }),
  correctResponse: (_, key) => ({ order: key.order }),
  wrongResponse: (_, key) => ({ order: [...key.order].reverse() }),
  someResponse: (payload) => ({ order: payload.items.map((item) => item.id) }),
  content: {
    keyPhrases: () => [],
    choices: () => [],
    shown: (fields) => fields.items,
    answerCells: (fields) => [lines(fields.items), lines(fields.items.map((item, index) => `${index + 1}. ${item}`))],
  },
  form: {
    schema: z.object({ items: textList }),
    fromSource: (fields) => ({ items: fields.items }),
    toSource: (fields) => ({ items: fields.items }),
    initial: (texts) => ({ items: [0, 1, 2].map((index) => texts[index] ?? "") }),
    texts: (fields) => fields.items,
    contentMessage: (field, issue) => {
      const e = formErrors();
      if (field !== "items") return e.invalid;
      return listIssueMessage(issue, { empty: e.itemEmpty, count: e.itemsCount, other: () => e.itemsDistinct });
    },
    fieldNames: {},
  },
});
