// What single and multiple choice share: options, each marked correct or not.
import { z } from "zod";
import { shuffled } from "../../grading/shuffle";
import {
  choice,
  choiceText,
  copyChoices,
  formErrors,
  listIssueMessage,
  lines,
  placeholders,
  textOf,
  type Choice,
  type Relabel,
} from "./definition";

export const optionsPayloadSchema = z.object({ options: z.array(choice) });
export type OptionsPayload = z.infer<typeof optionsPayloadSchema>;
type OptionsKey = { correct: string[] };
type SourceOption = { text: string; correct?: true };

export type ChoiceOption = { text: string; correct: boolean };
export type OptionsFields = { options: ChoiceOption[] };

export const optionsFormSchema = z.object({
  options: z.array(z.object({ text: choiceText, correct: z.boolean({ error: () => formErrors().invalid }) }), {
    error: () => formErrors().invalid,
  }),
});

export const options = {
  payloadSchema: optionsPayloadSchema,
  fromSource: (fields: { options: SourceOption[] }) => {
    const shown = placeholders("", fields.options.map((option) => option.text));
    return {
      payload: { options: shown },
      answerKey: { correct: shown.filter((_, index) => fields.options[index].correct).map((option) => option.id) },
    };
  },
  sourceOptions: (payload: OptionsPayload, key: OptionsKey): SourceOption[] =>
    payload.options.map((option) => (key.correct.includes(option.id) ? { text: option.text, correct: true } : { text: option.text })),
  choiceLists: (payload: OptionsPayload) => [payload.options],
  relabel: <K extends OptionsKey>(payload: OptionsPayload, key: K, relabel: Relabel) => {
    const { choices, to } = relabel(payload.options, 0);
    return { payload: { options: choices }, answerKey: { correct: key.correct.map(to) } as K };
  },
  describe: (payload: OptionsPayload, key: OptionsKey) => ({ texts: key.correct.map((id) => textOf(payload.options, id, "option")) }),
  present: (payload: OptionsPayload, seed: string) => ({ options: copyChoices(shuffled(payload.options, seed)) }),
  content: {
    keyPhrases: (fields: { options: SourceOption[] }) => fields.options.filter((option) => option.correct).map((option) => option.text),
    choices: (fields: { options: SourceOption[] }) => fields.options.map((option) => option.text),
    shown: () => [],
    answerCells: (fields: { options: SourceOption[] }): [string, string] => [
      lines(fields.options.map((option) => option.text)),
      lines(fields.options.filter((option) => option.correct).map((option) => option.text)),
    ],
  },
  form: {
    schema: optionsFormSchema,
    fromSource: (fields: { options: SourceOption[] }): OptionsFields => ({
      options: fields.options.map((option) => ({ text: option.text, correct: option.correct === true })),
    }),
    toSource: (fields: OptionsFields) => ({
      options: fields.options.map((option): SourceOption => (option.correct ? { text: option.text, correct: true } : { text: option.text })),
    }),
    texts: (fields: OptionsFields) => fields.options.map((option) => option.text),
    /** `correctMessage`: the type's rule on correct marks. */
    contentMessage: (correctMessage: (e: ReturnType<typeof formErrors>) => string) => (field: string, issue: z.core.$ZodIssue) => {
      const e = formErrors();
      if (field !== "options") return e.invalid;
      return listIssueMessage(issue, { empty: e.optionEmpty, count: e.optionsCount, other: () => correctMessage(e) });
    },
  },
};

export const optionIds = (payload: OptionsPayload) => new Set(payload.options.map((option: Choice) => option.id));
