// What a taker is shown of a question must not encode its key: stored option ids
// follow the key (the content format stores correct options first and ordering
// items in the key's order), so every presented option, item and side gets a fresh
// id, and the order comes from a seed the taker cannot know. The server keeps the
// map back to the stored ids.
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { env } from "../env";
import { choiceId } from "../content/choice-ids";
import type { AnswerKey, QuestionPayload, QuestionType } from "../content/question-data";
import { presentPayload, type QuestionResponse } from "./grade";

/** Presented id → stored id, for one presented question. */
export type IdMap = Record<string, string>;

type Presented<T extends QuestionType> = { payload: QuestionPayload<T>; answerKey: AnswerKey<T>; toStored: IdMap };

type Sources = { order: string; nextId: () => string };

function secret(): string {
  const value = env().AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set: option presentation needs it");
  return value;
}

const hmac = (purpose: string, value: string) => createHmac("sha256", secret()).update(`${purpose}:${value}`).digest();

/** Fresh random ids and order, for a snapshot stored with the attempt. */
export const randomSources = (): Sources => ({ order: randomBytes(16).toString("hex"), nextId: () => choiceId(randomBytes(5)) });

/** Ids and order that the same seed always gives again and no one without the server's secret can foresee. */
export function derivedSources(seed: string): Sources {
  let counter = 0;
  return { order: hmac("order", seed).toString("hex"), nextId: () => choiceId(hmac("id", `${seed}:${counter++}`)) };
}

/** An order per question, the same for every taker, that is not the stored order's to reveal (for exams without shuffleOptions). */
export const fixedOrder = (questionId: string) => hmac("fixed-order", questionId).toString("hex");

/**
 * The question as a taker sees it: choices in the order `sources.order` gives, each
 * under a fresh id, the key in those ids, and the map back to the stored ids.
 */
export function presentQuestion<T extends QuestionType>(
  type: T,
  payload: QuestionPayload<T>,
  answerKey: AnswerKey<T>,
  sources: Sources,
): Presented<T> {
  const toStored: IdMap = {};
  const relabel = (choices: { id: string; text: string }[]) => {
    const side = new Map<string, string>();
    const shown = choices.map(({ id, text }) => {
      let fresh = sources.nextId();
      while (Object.hasOwn(toStored, fresh)) fresh = sources.nextId();
      toStored[fresh] = id;
      side.set(id, fresh);
      return { id: fresh, text };
    });
    return { shown, to: (id: string) => side.get(id) ?? id };
  };
  const ordered = presentPayload(type, payload, sources.order) as QuestionPayload;
  const key = answerKey as AnswerKey;
  let presented: { payload: QuestionPayload; answerKey: AnswerKey };
  switch (type as QuestionType) {
    case "SINGLE":
    case "MULTIPLE": {
      const options = relabel((ordered as QuestionPayload<"SINGLE">).options);
      presented = { payload: { options: options.shown }, answerKey: { correct: (key as AnswerKey<"SINGLE">).correct.map(options.to) } };
      break;
    }
    case "ORDERING": {
      const items = relabel((ordered as QuestionPayload<"ORDERING">).items);
      presented = { payload: { items: items.shown }, answerKey: { order: (key as AnswerKey<"ORDERING">).order.map(items.to) } };
      break;
    }
    case "MATCHING": {
      const left = relabel((ordered as QuestionPayload<"MATCHING">).left);
      const right = relabel((ordered as QuestionPayload<"MATCHING">).right);
      const pairs = (key as AnswerKey<"MATCHING">).pairs.map(([l, r]): [string, string] => [left.to(l), right.to(r)]);
      presented = { payload: { left: left.shown, right: right.shown }, answerKey: { pairs } };
      break;
    }
    default:
      presented = { payload: ordered, answerKey: key };
  }
  return { ...presented, toStored } as Presented<T>;
}

/** A response in presented ids, in the stored ids (for grading against the stored key). */
export function storedResponse<T extends QuestionType>(type: T, response: QuestionResponse<T>, toStored: IdMap): QuestionResponse<T> {
  const to = (id: string) => (Object.hasOwn(toStored, id) ? toStored[id] : id);
  const value = response as QuestionResponse;
  switch (type as QuestionType) {
    case "SINGLE":
      return { choice: to((value as QuestionResponse<"SINGLE">).choice) } as QuestionResponse<T>;
    case "MULTIPLE":
      return { choices: (value as QuestionResponse<"MULTIPLE">).choices.map(to) } as QuestionResponse<T>;
    case "ORDERING":
      return { order: (value as QuestionResponse<"ORDERING">).order.map(to) } as QuestionResponse<T>;
    case "MATCHING": {
      const pairs = Object.entries((value as QuestionResponse<"MATCHING">).pairs).map(([l, r]) => [to(l), to(r)]);
      return { pairs: Object.fromEntries(pairs) } as QuestionResponse<T>;
    }
    default:
      return response;
  }
}
