// What the portal knows about one question type, in one object: how it is stored
// (`payload`: what a taker may see, each choice with a stable id; `answerKey`: the
// correct answer in those ids), written in a content file, answered, graded,
// shown to a taker and edited. Pure and browser-safe: no database, no secrets.
import { z } from "zod";
import type { MultipleChoiceScoring, QuestionType } from "../../generated/prisma/enums";
import { messages } from "../../i18n";
import type { QuestionSource } from "../../content/schema";

export type Choice = { id: string; text: string };
export type SourceType = QuestionSource["type"];
type WithoutCommonFields<T> = T extends unknown ? Omit<T, "id" | "pool" | "prompt" | "explanation"> : never;
/** A content file question's type-specific fields (with its `type`). */
export type SourceFields<S extends SourceType = SourceType> = WithoutCommonFields<Extract<QuestionSource, { type: S }>>;

/** Gives one choice list new ids: the relabelled choices and the old id → new id map of that list. */
export type Relabel = (choices: Choice[], list: number) => { choices: Choice[]; to: (id: string) => string };

type Issue = z.core.$ZodIssue;

export interface QuestionTypeDefinition<T extends QuestionType, S extends SourceType, P, K, R, F extends object, D extends object> {
  type: T;
  /** The type's name in content files. */
  sourceType: S;
  payloadSchema: z.ZodType<P>;
  keySchema: z.ZodType<K>;
  /** What a taker may send; ids refer to the payload's choices (checked by `responseProblem`). */
  responseSchema: z.ZodType<R>;

  /** A content file's fields as payload and key, under placeholder ids in list order (a, b, … ; l…/r… for matching sides). */
  fromSource(fields: SourceFields<S>): { payload: P; answerKey: K };
  /** The inverse of fromSource. */
  toSource(payload: P, key: K): SourceFields<S>;
  /** The payload's choice lists, in the order `relabel` passes them. */
  choiceLists(payload: P): Choice[][];
  /** The payload and key with each choice list relabelled by `relabel`. */
  relabel(payload: P, key: K, relabel: Relabel): { payload: P; answerKey: K };
  /** The response with every id passed through `to`. */
  mapResponse(response: R, to: (id: string) => string): R;

  /** An English description of why a (well-formed) response does not fit the payload, or null if it does. */
  responseProblem(payload: P, response: R): string | null;
  /** Points in [0, 1] for a response (clamped by the caller). */
  points(key: K, response: R, scoring: MultipleChoiceScoring): number;
  /** The key in the payload's texts (in the key's order); throws if the key names an id the payload lacks. */
  describeKey(payload: P, key: K): { type: T } & D;
  /**
   * The payload as shown to a taker, choices in the order `seed` gives (every order
   * possible, the stored one too), a fresh object with ids and texts only.
   */
  present(payload: P, seed: string): P;
  /** Whether its choices are shuffled even in an exam that keeps options in order (their order is the question). */
  alwaysShuffled: boolean;
  /** What the answer controls start from before the taker touches them. */
  initialResponse(payload: P): R | null;

  /** A response that earns full marks (tests, the load seed). */
  correctResponse(payload: P, key: K): R;
  /** A valid response that earns nothing (tests, the load seed). */
  wrongResponse(payload: P, key: K): R;
  /** A valid response from what a taker sees (the exam benchmark). */
  someResponse(payload: P): R;

  /** What the bank linter and the question table read of a content file's question. */
  content: {
    /** The texts of its key (the correct options, the accepted answers); none when the key is not a text. */
    keyPhrases(fields: SourceFields<S>): string[];
    /** The choices a taker picks from (options, pair sides). */
    choices(fields: SourceFields<S>): string[];
    /** The texts a taker sees besides the prompt and the choices (ordering items, which all belong to the answer). */
    shown(fields: SourceFields<S>): string[];
    /** Its choices and its correct answer as two readable cells, one entry per line. */
    answerCells(fields: SourceFields<S>): [options: string, correct: string];
  };

  form: {
    /** The editor's type-specific fields, checked for shape (the content rules come after). */
    schema: z.ZodType<F>;
    fromSource(fields: SourceFields<S>): F;
    toSource(fields: F): Omit<SourceFields<S>, "type">;
    /** The fields a form switched to this type starts with, from the texts the previous type had. */
    initial(texts: string[]): F;
    /** The texts a form of this type carries over to another type. */
    texts(fields: F): string[];
    /** A content rule's violation on this type's field (`field`: the content file's name) in Russian. */
    contentMessage(field: string, issue: Issue): string;
    /** The form's names of content file fields that it names otherwise ("answers" → "accepted"). */
    fieldNames: Record<string, string>;
  };
}

export type AnyQuestionTypeDefinition = QuestionTypeDefinition<QuestionType, SourceType, unknown, unknown, unknown, object, object>;

/** Infers a definition's types from its schemas. */
export const defineQuestionType = <T extends QuestionType, S extends SourceType, P, K, R, F extends object, D extends object>(
  definition: QuestionTypeDefinition<T, S, P, K, R, F, D>,
) => definition;

// --- helpers the definitions share ---------------------------------------------

export const choice = z.object({ id: z.string(), text: z.string() });
export const CHOICE_MAX = 500;

const letters = "abcdefghijklmnopqrstuvwxyz";
/** Choices under placeholder ids in list order. */
export const placeholders = (prefix: string, texts: string[]): Choice[] =>
  texts.map((text, index) => ({ id: `${prefix}${letters[index]}`, text }));

export const copyChoices = (choices: Choice[]) => choices.map(({ id, text }) => ({ id, text }));

export const unique = (values: string[]) => new Set(values).size === values.length;

/** Ids for an error message. */
export const idList = (ids: string[]) => ids.map((id) => JSON.stringify(id)).join(", ");

export function textOf(choices: Choice[], id: string, what: string): string {
  const found = choices.find((entry) => entry.id === id);
  if (!found) throw new Error(`answer key refers to ${what} ${JSON.stringify(id)}, which the payload does not have`);
  return found.text;
}

export const textById = (choices: Choice[]) => new Map(choices.map((entry) => [entry.id, entry.text]));

/** The editor's error messages. */
export const formErrors = () => messages().admin.questions.errors;

export const choiceText = z
  .string({ error: () => formErrors().invalid })
  .max(CHOICE_MAX, { error: () => formErrors().choiceTooLong(CHOICE_MAX) });

export const textList = z.array(choiceText, { error: () => formErrors().invalid });

/** A list's count bound from a too_small/too_big issue. */
export function countBound(issue: Issue): { bound: number; tooMany: boolean } {
  const tooMany = issue.code === "too_big";
  const value = (issue as unknown as Record<string, unknown>)[tooMany ? "maximum" : "minimum"];
  return { bound: typeof value === "number" ? value : Number(value), tooMany };
}

export const lines = (texts: string[]) => texts.join("\n");

export const isCountIssue = (issue: Issue) => issue.code === "too_small" || issue.code === "too_big";

/** The editor's message for an issue of a list field: an empty entry, too few or too many entries, or any other. */
export function listIssueMessage(issue: Issue, messages: { empty: string; count: (bound: number, tooMany: boolean) => string; other: () => string }) {
  if (typeof issue.path[1] === "number") return messages.empty;
  if (!isCountIssue(issue)) return messages.other();
  const { bound, tooMany } = countBound(issue);
  return messages.count(bound, tooMany);
}
