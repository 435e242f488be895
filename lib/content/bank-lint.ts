// The bank linter: checks a deck's questions (and its cards, and the exams that draw
// from it) for items that measure test-wiseness rather than knowledge. It runs in
// `content:import` and the portal's import (errors block, warnings are shown), in
// the question editor (the findings of the question being edited) and over content/
// in a unit test. Pure: callers bring the deck; the messages are the UI's (lib/i18n/ru).
import "server-only";
import { inExamPool, poolShortfalls, repeatShortfalls, type CardWeighting } from "../exams/rules";
import { messages } from "../i18n";
import type { Content, ContentQuestion } from "./load";
import { definitionOf } from "../questions/types";
import { fromStoredQuestion, typeOfSource, type QuestionAnswerFields } from "./question-data";

/** Every threshold of the rules, in one place (each has a test in bank-lint.test.ts). */
export const LINT_THRESHOLDS = {
  /** A key phrase is distinctive (worth looking for in other questions) with at least this many letters, or as a percentage («98%»): a bare number («10») is not. */
  keyPhraseMinLetters: 3,
  /** A choice question's key counts as "the longest" when its shortest correct option is at least this many times the longest wrong one (a character or two is no cue). */
  longestKeyMinRatio: 1.05,
  /** The deck is warned when the key is the longest in more than this share of its single/multiple-choice questions (chance is about 1 in 4 for a single choice of 4, far less for a multiple choice). */
  longestKeyMaxShare: 0.25,
  /** Two prompts whose similarity (Sørensen–Dice over character bigrams) reaches this are near-duplicates. */
  nearDuplicateMinSimilarity: 0.85,
} as const;

/** Negative words a prompt must mark (upper case or Markdown emphasis) so a reader does not miss them. */
export const NEGATIVE_WORDS = ["не", "нельзя", "кроме"] as const;

export const LINT_RULES = [
  "key-leak",
  "longest-key",
  "all-but-one-correct",
  "near-duplicate",
  "unmarked-negative",
  "quote-not-in-card",
  "exam-pool",
] as const;
export type LintRule = (typeof LINT_RULES)[number];
export type LintSeverity = "error" | "warning";

export type LintFinding = {
  severity: LintSeverity;
  rule: LintRule;
  /** The questions the finding is about (for a leak: the question whose key shows, then the one showing it). */
  questionKeys: string[];
  /** The cards it is about when it concerns a card rather than its questions (exam pools). */
  cardKeys: string[];
  message: string;
};

export type LintQuestion = {
  key: string;
  pool: "PRACTICE" | "EXAM" | "BOTH";
  prompt: string;
  explanation: string;
  fields: QuestionAnswerFields;
};
export type LintCard = { key: string; front: string; back: string; questions: LintQuestion[] };
export type LintExam = {
  key: string;
  title: string;
  cardKeys: string[];
  questionsPerCard: number | null;
  questionCount: number | null;
  cardWeighting: CardWeighting;
  /** CUSTOM: each chosen card's weight by card key (1 when absent). */
  cardWeights: Record<string, number>;
  /** Null means unlimited (no count of attempts to draw fresh questions for). */
  attemptsAllowed: number | null;
};
/** A deck's active questions by card, and the exams that draw from it. */
export type LintDeck = { cards: LintCard[]; exams: LintExam[] };

const t = () => messages().admin.bankLint;

// --- text ----------------------------------------------------------------------

const QUOTE_MARKS = /[«»„“”"]/g;
const LETTER = /\p{L}/gu;

/**
 * Text as the rules compare it: lower case, ё as е, no quote marks or Markdown
 * emphasis, one kind of dash, «98 %» as «98%», single spaces, no end punctuation.
 */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(QUOTE_MARKS, " ")
    .replace(/[*_]/g, "")
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/(\d)\s+%/g, "$1%")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[\s.,;:!?-]+|[\s.,;:!?-]+$/g, "");
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Finds a normalised phrase in normalised text as whole words. */
const phrasePattern = (phrase: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, "u");

/** A key phrase worth looking for elsewhere: long enough not to occur by chance. */
const PERCENTAGE = /\d+(?:[.,]\d+)?%/g;

function distinctive(phrase: string): boolean {
  return (phrase.match(LETTER)?.length ?? 0) >= LINT_THRESHOLDS.keyPhraseMinLetters || /\d%/.test(phrase);
}

// --- what a question shows and what its key is ----------------------------------

const contentOf = (fields: QuestionAnswerFields) => definitionOf(typeOfSource(fields.type)).content;

/** The texts of a question's key: the correct options, the accepted short answers. True/false, ordering and matching keys are not texts. */
const keyPhrases = (fields: QuestionAnswerFields) => contentOf(fields).keyPhrases(fields);

/** The choices a taker picks from (an option, a side of a pair): one of them equal to another question's key gives nothing away. */
const choices = (fields: QuestionAnswerFields) => contentOf(fields).choices(fields);

/** Every text a taker sees besides the choices: the prompt, and an ordering question's items (all of them belong to the answer). */
function shownTexts(question: LintQuestion): string[] {
  return [question.prompt, ...contentOf(question.fields).shown(question.fields)];
}

// --- the rules --------------------------------------------------------------------

type Located = LintQuestion & { card: LintCard };

/**
 * A distinctive key phrase of one question in another's prompt, ordering items,
 * options or pair sides. For a choice question, an option or side equal to its key is
 * the same choice offered again and gives nothing away; a short answer shown anywhere
 * does. An error when either
 * question is exam-only (an exam-only item must neither be answered elsewhere nor
 * answer another), a warning otherwise.
 */
function keyLeaks(questions: Located[]): LintFinding[] {
  const findings: LintFinding[] = [];
  // Shown texts joined by a line break, which no phrase spans: one search per question.
  const texts = new Map(questions.map((q) => [q, { shown: shownTexts(q).map(normaliseText).join("\n"), offered: choices(q.fields).map(normaliseText) }]));
  for (const owner of questions) {
    const keys = keyPhrases(owner.fields).map(normaliseText);
    const ownerChooses = owner.fields.type === "single" || owner.fields.type === "multiple";
    // A percentage inside a longer key is a distinctive part of it on its own.
    const parts = keys.flatMap((key) => key.match(PERCENTAGE) ?? []);
    const phrases = [...new Set([...keys, ...parts])].filter(distinctive).map((phrase) => ({ phrase, pattern: phrasePattern(phrase) }));
    if (phrases.length === 0) continue;
    for (const other of questions) {
      if (other === owner) continue;
      const { shown, offered } = texts.get(other)!;
      const leaked = phrases
        .filter(
          ({ phrase, pattern }) =>
            pattern.test(shown) ||
            offered.some((text) => !(ownerChooses && (text === phrase || keys.includes(text))) && pattern.test(text)),
        )
        .map(({ phrase }) => phrase);
      if (leaked.length === 0) continue;
      findings.push({
        severity: owner.pool === "EXAM" || other.pool === "EXAM" ? "error" : "warning",
        rule: "key-leak",
        questionKeys: [owner.key, other.key],
        cardKeys: [],
        message: t().keyLeak(owner.key, other.key, leaked),
      });
    }
  }
  return findings;
}

/** How many times the shortest correct option is as long as the longest wrong one. */
function keyLengthRatio(fields: QuestionAnswerFields): number | null {
  if (fields.type !== "single" && fields.type !== "multiple") return null;
  const length = (text: string) => text.trim().length;
  const correct = fields.options.filter((option) => option.correct).map((option) => length(option.text));
  const wrong = fields.options.filter((option) => !option.correct).map((option) => length(option.text));
  if (correct.length === 0 || wrong.length === 0) return null;
  return Math.min(...correct) / Math.max(1, ...wrong);
}

/** One deck-wide warning when the key is the longest option, by far, in too many choice questions. */
function longestKeys(questions: Located[]): LintFinding[] {
  const ratios = questions.flatMap((question) => {
    const ratio = keyLengthRatio(question.fields);
    return ratio === null ? [] : [{ key: question.key, ratio }];
  });
  const longest = ratios.filter(({ ratio }) => ratio >= LINT_THRESHOLDS.longestKeyMinRatio).sort((a, b) => b.ratio - a.ratio);
  const share = ratios.length ? longest.length / ratios.length : 0;
  if (share <= LINT_THRESHOLDS.longestKeyMaxShare) return [];
  return [
    {
      severity: "warning",
      rule: "longest-key",
      questionKeys: longest.map(({ key }) => key),
      cardKeys: [],
      message: t().longestKey(longest.length, ratios.length, share, longest.map(({ key, ratio }) => t().longestKeyItem(key, ratio))),
    },
  ];
}

function allButOneCorrect(question: Located): LintFinding[] {
  if (question.fields.type !== "multiple") return [];
  const total = question.fields.options.length;
  const correct = question.fields.options.filter((option) => option.correct).length;
  if (correct !== total - 1) return [];
  return [{ severity: "warning", rule: "all-but-one-correct", questionKeys: [question.key], cardKeys: [], message: t().allButOneCorrect(correct, total) }];
}

type Bigrams = { counts: Map<string, number>; total: number };

function bigrams(text: string): Bigrams {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const bigram = text.slice(i, i + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return { counts, total: Math.max(0, text.length - 1) };
}

function dice(x: Bigrams, y: Bigrams): number {
  if (x.total + y.total === 0) return 1;
  let shared = 0;
  for (const [bigram, n] of x.counts) shared += Math.min(n, y.counts.get(bigram) ?? 0);
  return (2 * shared) / (x.total + y.total);
}

/** Sørensen–Dice coefficient over the character bigrams (with repeats) of the normalised texts: 1 for equal texts, 0 for nothing in common. */
export function promptSimilarity(a: string, b: string): number {
  return dice(bigrams(normaliseText(a)), bigrams(normaliseText(b)));
}

function nearDuplicates(questions: Located[]): LintFinding[] {
  const findings: LintFinding[] = [];
  const counts = questions.map((question) => bigrams(normaliseText(question.prompt)));
  questions.forEach((a, index) => {
    for (const [offset, b] of questions.slice(index + 1).entries()) {
      const similarity = dice(counts[index], counts[index + 1 + offset]);
      if (similarity < LINT_THRESHOLDS.nearDuplicateMinSimilarity) continue;
      findings.push({
        severity: "warning",
        rule: "near-duplicate",
        questionKeys: [a.key, b.key],
        cardKeys: [],
        message: t().nearDuplicate(b.key, similarity),
      });
    }
  });
  return findings;
}

/** Quoted passages «…» (outermost, nested ones inside), “…” or "…". */
export function quotesIn(text: string): string[] {
  const quotes: string[] = [];
  let outside = "";
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "«") {
      if (depth++ === 0) start = i + 1;
    } else if (text[i] === "»" && depth > 0) {
      if (--depth === 0) quotes.push(text.slice(start, i));
    } else if (depth === 0) outside += text[i];
  }
  // Outside «…» only: „…“ nested in one closes with “.
  for (const match of outside.matchAll(/“([^”]+)”|"([^"]+)"/g)) quotes.push(match[1] ?? match[2]);
  return quotes;
}

const NEGATIVE = new RegExp(`(?<![\\p{L}*_])(${NEGATIVE_WORDS.join("|")})(?![\\p{L}*_])`, "giu");

/** «не», «нельзя», «кроме» outside quotes, neither in upper case nor emphasised (**не**, *не*, _не_). */
function unmarkedNegatives(question: Located): LintFinding[] {
  let unquoted = question.prompt;
  for (const quote of quotesIn(question.prompt)) unquoted = unquoted.replace(quote, " ");
  const words = [...unquoted.matchAll(NEGATIVE)].map((match) => match[1]).filter((word) => word !== word.toUpperCase());
  if (words.length === 0) return [];
  return [
    {
      severity: "warning",
      rule: "unmarked-negative",
      questionKeys: [question.key],
      cardKeys: [],
      message: t().unmarkedNegative([...new Set(words.map((word) => word.toLowerCase()))]),
    },
  ];
}

/** A card's back as plain text: no headings' #, list markers or emphasis. */
function cardText(back: string): string {
  return normaliseText(back.replace(/^\s*(#+|[-*+]|\d+[.)])\s+/gm, "").replace(/\n+/g, " "));
}

const QUOTE_PARTS = /…|\.\.\.|;|\.\s|\s[—–-]\s|\s→\s/;
const LIST_NUMBER = /(^|\s)\d+[.)]\s/g;

/**
 * Each quote of the explanation must occur on its card: a quote is «…», “…” or "…";
 * it may join several card lines (with their list numbers) with «;», «—», «→» or
 * sentence ends and skip words with «…», and each part must occur in the card's
 * back. A quote equal to a card's front names a card.
 */
function quotesNotInCard(question: Located, fronts: Set<string>, backs: Map<LintCard, string>): LintFinding[] {
  const back = backs.get(question.card)!;
  const missing = quotesIn(question.explanation).filter((quote) => {
    if (fronts.has(normaliseText(quote))) return false;
    return quote
      .replace(LIST_NUMBER, "$1")
      .split(QUOTE_PARTS)
      .map(normaliseText)
      .some((part) => part.length > 0 && !back.includes(part));
  });
  if (missing.length === 0) return [];
  const shorten = (quote: string) => (quote.length > 80 ? `${quote.slice(0, 77)}…` : quote);
  return [
    {
      severity: "warning",
      rule: "quote-not-in-card",
      questionKeys: [question.key],
      cardKeys: [],
      message: t().quoteNotInCard(question.card.front, missing.map(shorten)),
    },
  ];
}

/**
 * For each exam, by the draw's own rules (lib/exams/rules.ts): one attempt's draw must fit
 * the exam pool (an error), and so must every allowed attempt drawing fresh questions (a
 * warning: questions would repeat). Per card, or over all chosen cards for a total drawn
 * from the pool at random.
 */
function examPools(deck: LintDeck): LintFinding[] {
  const findings: LintFinding[] = [];
  const cardsByKey = new Map(deck.cards.map((card) => [card.key, card]));
  for (const exam of deck.exams) {
    const chosen = exam.cardKeys.flatMap((key) => cardsByKey.get(key) ?? []);
    const cards = chosen.map((card) => ({
      card,
      available: card.questions.filter((q) => inExamPool(q.pool)).length,
      weight: exam.cardWeighting === "LENGTH" ? [...card.back].length : (exam.cardWeights[card.key] ?? 1),
    }));
    const finding = (severity: LintSeverity, card: LintCard | null, message: string): LintFinding => ({
      rule: "exam-pool",
      severity,
      questionKeys: [],
      cardKeys: card ? [card.key] : chosen.map((each) => each.key),
      message,
    });
    const short = poolShortfalls(cards, exam);
    for (const shortfall of short) {
      const card = shortfall.field === "questionsPerCard" ? shortfall.card : null;
      findings.push(finding("error", card, t().poolTooSmallForDraw(exam.title, card?.front ?? null, shortfall.available, shortfall.needed)));
    }
    if (short.length) continue;
    for (const shortfall of repeatShortfalls(cards, exam, exam.attemptsAllowed)) {
      const message = t().poolTooSmallForAttempts(exam.title, shortfall.card?.front ?? null, shortfall.available, shortfall.needed, exam.attemptsAllowed!);
      findings.push(finding("warning", shortfall.card, message));
    }
  }
  return findings;
}

/** Every finding of the deck: errors first, then by rule in LINT_RULES order. */
export function lintDeck(deck: LintDeck): LintFinding[] {
  const questions: Located[] = deck.cards.flatMap((card) => card.questions.map((question) => ({ ...question, card })));
  const fronts = new Set(deck.cards.map((card) => normaliseText(card.front)));
  const backs = new Map(deck.cards.map((card) => [card, cardText(card.back)]));
  const findings = [
    ...keyLeaks(questions),
    ...longestKeys(questions),
    ...questions.flatMap(allButOneCorrect),
    ...nearDuplicates(questions),
    ...questions.flatMap(unmarkedNegatives),
    ...questions.flatMap((question) => quotesNotInCard(question, fronts, backs)),
    ...examPools(deck),
  ];
  const rank = (finding: LintFinding) => (finding.severity === "error" ? 0 : 1) * LINT_RULES.length + LINT_RULES.indexOf(finding.rule);
  return findings.sort((a, b) => rank(a) - rank(b));
}

/** The findings that concern one question of the deck (it, or the exam pool of its card). */
export function findingsFor(findings: LintFinding[], questionKey: string, cardKey: string): LintFinding[] {
  return findings.filter((finding) => finding.questionKeys.includes(questionKey) || finding.cardKeys.includes(cardKey));
}

/** A finding on one line for the command line and the import report: where, which rule, what. */
export function describeFinding(deckSlug: string, finding: LintFinding): string {
  const where = finding.questionKeys.length
    ? `${finding.questionKeys.length === 1 ? "question" : "questions"} ${finding.questionKeys.join(", ")}`
    : `${finding.cardKeys.length === 1 ? "card" : "cards"} ${finding.cardKeys.join(", ")}`;
  return `decks/${deckSlug}: ${where}, rule "${finding.rule}" (${finding.severity}): ${finding.message}`;
}

/** A stored (or loaded) question as the linter reads it. */
export function lintQuestionOf(
  question: Pick<ContentQuestion, "key" | "pool" | "prompt" | "explanation" | "type"> & { payload: unknown; answerKey: unknown },
): LintQuestion {
  const { key, pool, prompt, explanation } = question;
  return { key, pool, prompt, explanation, fields: fromStoredQuestion(question.type, question.payload, question.answerKey) };
}

export type DeckFinding = LintFinding & { deckSlug: string };

/** The findings of every deck of loaded content, against the content's own exams. */
export function lintContent(content: Content): DeckFinding[] {
  return content.decks.flatMap((deck) =>
    lintDeck({
      cards: deck.cards.map(({ key, front, back, questions }) => ({ key, front, back, questions: questions.map(lintQuestionOf) })),
      exams: content.exams.filter((exam) => exam.deckSlug === deck.slug),
    }).map((finding) => ({ ...finding, deckSlug: deck.slug })),
  );
}
