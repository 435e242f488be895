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
import { definitionOf } from "../questions/types";
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
    return { choices: shown, to: (id: string) => side.get(id) ?? id };
  };
  const ordered = presentPayload(type, payload, sources.order);
  const presented = definitionOf(type).relabel(ordered, answerKey, (choices) => relabel(choices));
  return { ...presented, toStored } as Presented<T>;
}

/** A response in presented ids, in the stored ids (for grading against the stored key). */
export function storedResponse<T extends QuestionType>(type: T, response: QuestionResponse<T>, toStored: IdMap): QuestionResponse<T> {
  const to = (id: string) => (Object.hasOwn(toStored, id) ? toStored[id] : id);
  return definitionOf(type).mapResponse(response, to) as QuestionResponse<T>;
}
