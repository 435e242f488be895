// Word-level differences between two texts, for showing what changed in a card. jsdiff's own word
// tokenizer treats Cyrillic letters as punctuation (it marks «каж|дого» → «сле|дующего» letter by
// letter), so words are cut by Intl.Segmenter, which knows Russian.
import { diffWords } from "diff";

export type DiffPart = { text: string; change: "same" | "added" | "removed" };

const segmenter = new Intl.Segmenter("ru", { granularity: "word" });

/** The parts of `before` and `after` in order: unchanged, removed (only in before) and added (only in after). */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter }).map((part) => ({
    text: part.value,
    change: part.added ? "added" : part.removed ? "removed" : "same",
  }));
}
