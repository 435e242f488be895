// The ids a question's options, items and sides are stored under. A content file
// or the editor's form has no ids (lib/content/question-data.ts gives placeholders
// in list order, which the content format makes follow the key), so every choice
// a write brings is given its stored id here: an unchanged text keeps the id it
// had, so that attempts and statistics keep pointing at the same option; any
// other gets a random id that says nothing about the key.
import { randomBytes } from "node:crypto";
import { definitionOf } from "../questions/types";
import type { AnswerKey, QuestionPayload, QuestionType } from "./question-data";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** 8 base32 characters from the first 5 bytes (40 bits). */
export function choiceId(bytes: Buffer): string {
  let value = bytes.readUIntBE(0, 5);
  let id = "";
  for (let i = 0; i < 8; i++) {
    id = ALPHABET[value % 32] + id;
    value = Math.floor(value / 32);
  }
  return id;
}

type Choice = { id: string; text: string };
type Stamped = { payload: QuestionPayload; answerKey: AnswerKey };

/** Placeholder id → stored id for the new choices of one list; `used` holds every id of the question. */
function stamp(previous: Choice[], next: Choice[], used: Set<string>, map: Map<string, string>) {
  const byText = new Map<string, string[]>();
  for (const choice of previous) byText.set(choice.text, [...(byText.get(choice.text) ?? []), choice.id]);
  for (const choice of next) {
    let id = byText.get(choice.text)?.shift();
    while (!id || used.has(id)) id = choiceId(randomBytes(5));
    used.add(id);
    map.set(choice.id, id);
  }
}

/**
 * The question's payload and key (ids as toStoredQuestion gives them) under
 * stored ids: kept from the stored payload (null for a new question) by text,
 * random for the rest.
 */
export function withStoredIds(type: QuestionType, payload: QuestionPayload, answerKey: AnswerKey, storedPayload: unknown): Stamped {
  const definition = definitionOf(type);
  const before = definition.payloadSchema.safeParse(storedPayload);
  const previous = before.success ? definition.choiceLists(before.data) : [];
  const used = new Set<string>();
  const stamped = definition.relabel(payload, answerKey, (choices, list) => {
    const map = new Map<string, string>();
    stamp(previous[list] ?? [], choices, used, map);
    const to = (id: string) => map.get(id)!;
    return { choices: choices.map((choice) => ({ id: to(choice.id), text: choice.text })), to };
  });
  return stamped as Stamped;
}
