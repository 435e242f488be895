import { z } from "zod";
import { countBound, defineQuestionType, formErrors, lines, textList } from "./definition";

/**
 * The form in which SHORT_TEXT answers and accepted variants are compared. Steps,
 * in this order:
 * 1. Unicode NFC (so a decomposed «ё» is one character);
 * 2. lower case with `toLowerCase()` (locale-independent);
 * 3. «ё» → «е»;
 * 4. every run of whitespace → one space, then trim;
 * 5. no space between a digit and «%» («98 %» → «98%»);
 * 6. strip quotes «»"'“”„ at the start, and quotes plus the punctuation . , ! ? ; :
 *    at the end (repeatedly, spaces between them too, e.g. `«Ответ».` → `ответ`).
 * Quotes and punctuation inside the text are kept. Both the answer and every
 * accepted variant go through the same steps, so the comparison is symmetric.
 */
export function normalizeShortText(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\s+/g, " ")
    .replace(/(\d) %/g, "$1%")
    .replace(/^[\s«»"'“”„]+/, "")
    .replace(/[\s«»"'“”„.,!?;:]+$/, "");
}

export const shortText = defineQuestionType({
  type: "SHORT_TEXT",
  sourceType: "short_text",
  payloadSchema: z.object({}),
  keySchema: z.object({ accepted: z.array(z.string()).min(1) }),
  responseSchema: z.strictObject({ text: z.string().max(500) }),
  fromSource: (fields) => ({ payload: {}, answerKey: { accepted: fields.answers } }),
  toSource: (_, key) => ({ type: "short_text", answers: key.accepted }),
  choiceLists: () => [],
  relabel: (payload, answerKey) => ({ payload, answerKey }),
  mapResponse: (response) => response,
  responseProblem: () => null,
  // 1 if the normalized text is non-empty and equals a normalized accepted variant.
  points: (key, response) => {
    const answer = normalizeShortText(response.text);
    if (!answer) return 0;
    return key.accepted.some((variant) => normalizeShortText(variant) === answer) ? 1 : 0;
  },
  describeKey: (_, key) => ({ type: "SHORT_TEXT", accepted: [...key.accepted] }),
  present: () => ({}),
  alwaysShuffled: false,
  initialResponse: () => null,
  correctResponse: (_, key) => ({ text: key.accepted[0] }),
  wrongResponse: () => ({ text: "заведомо неверный ответ" }),
  someResponse: () => ({ text: "ответ" }),
  content: {
    keyPhrases: (fields) => fields.answers,
    choices: () => [],
    shown: () => [],
    answerCells: (fields) => ["", lines(fields.answers)],
  },
  form: {
    schema: z.object({ accepted: textList }),
    fromSource: (fields) => ({ accepted: fields.answers }),
    toSource: (fields) => ({ answers: fields.accepted }),
    initial: (texts) => ({ accepted: [texts[0] ?? ""] }),
    texts: (fields) => fields.accepted,
    contentMessage: (field, issue) => {
      const e = formErrors();
      if (field !== "answers") return e.invalid;
      if (typeof issue.path[1] === "number") return e.acceptedEmpty;
      const { bound, tooMany } = countBound(issue);
      return e.acceptedCount(bound, tooMany);
    },
    fieldNames: { answers: "accepted" },
  },
});
