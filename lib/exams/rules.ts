// The rules an exam's settings must follow, wherever they come from: a content file
// (lib/content/load.ts) or HR's exam editor (lib/admin/exams.ts). Each caller words
// the problems in its own language; what counts as a problem is decided only here.
import type { CardWeighting, ReviewTiming } from "../generated/prisma/enums";

export const EXAM_TITLE_MAX = 200;
export const EXAM_DESCRIPTION_MAX = 2000;
export const EXAM_TIME_LIMIT_MAX_MINUTES = 600;
/** The most days an exam may give to re-confirm after a substantive card change (lib/exams/rechecks.ts). */
export const RECHECK_DAYS_MAX = 365;

/** The pools an exam draws its questions from (only active questions are drawn). */
export const EXAM_POOLS = ["EXAM", "BOTH"] as const;

export const inExamPool = (pool: string) => (EXAM_POOLS as readonly string[]).includes(pool);

type QuestionCounts = { questionsPerCard?: number | null; questionCount?: number | null };

/**
 * How an exam with a total question count spreads it over its cards (Prisma's enum): POOL
 * draws from all their questions at random (a card with more questions tends to get more),
 * LENGTH in proportion to the length of each card's text, CUSTOM by a weight set per card.
 * An exam with a number per card gives every card that number.
 */
export type { CardWeighting };
export const CARD_WEIGHT_MAX = 20;

/**
 * How many of `total` questions each card gets in proportion to its weight: whole shares
 * first, then one more to the largest remainders (the earlier card on a tie), never more
 * than a card holds; what a card cannot give is spread over the others the same way.
 */
export function spreadByWeight<Id>(total: number, cards: { id: Id; weight: number; available: number }[]): Map<Id, number> {
  const counts = new Map(cards.map((card) => [card.id, 0]));
  const room = (card: (typeof cards)[number]) => card.available - counts.get(card.id)!;
  let left = Math.min(total, cards.reduce((sum, card) => sum + (card.weight > 0 ? card.available : 0), 0));
  for (let open = cards.filter((card) => card.weight > 0 && room(card) > 0); left > 0 && open.length > 0; open = open.filter((card) => room(card) > 0)) {
    const weights = open.reduce((sum, card) => sum + card.weight, 0);
    const shares = open.map((card) => ({ card, share: (left * card.weight) / weights }));
    let given = 0;
    for (const { card, share } of shares) {
      const whole = Math.min(Math.floor(share), room(card));
      counts.set(card.id, counts.get(card.id)! + whole);
      given += whole;
    }
    const byRemainder = shares.toSorted((a, b) => (b.share % 1) - (a.share % 1));
    for (const { card } of byRemainder) {
      if (given === left) break;
      if (room(card) === 0) continue;
      counts.set(card.id, counts.get(card.id)! + 1);
      given++;
    }
    left -= given;
  }
  return counts;
}

/** When a full review is shown (Prisma's enum; lib/exams/results.ts); AFTER_CLOSE needs a window end. */
export type { ReviewTiming };

type CrossFieldSettings = QuestionCounts & { opensAt?: Date | null; closesAt?: Date | null; reviewTiming: ReviewTiming; cardWeighting?: CardWeighting };

export type CrossFieldIssue =
  | { field: "questionCount" | "questionsPerCard"; problem: "both-counts" | "no-count" }
  | { field: "cardWeighting"; problem: "weighting-without-total" }
  | { field: "closesAt"; problem: "closes-before-opens" }
  | { field: "reviewTiming"; problem: "review-after-close-without-close" };

/** Exactly one of per card / total; the window closes after it opens; a review after close needs a close. */
export function crossFieldIssues(exam: CrossFieldSettings): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const perCard = exam.questionsPerCard != null;
  const total = exam.questionCount != null;
  if (perCard && total) issues.push({ field: "questionCount", problem: "both-counts" });
  if (!perCard && !total) issues.push({ field: "questionsPerCard", problem: "no-count" });
  if (exam.opensAt && exam.closesAt && exam.closesAt.getTime() <= exam.opensAt.getTime()) {
    issues.push({ field: "closesAt", problem: "closes-before-opens" });
  }
  if (exam.reviewTiming === "AFTER_CLOSE" && !exam.closesAt) issues.push({ field: "reviewTiming", problem: "review-after-close-without-close" });
  if (exam.cardWeighting && exam.cardWeighting !== "POOL" && perCard) issues.push({ field: "cardWeighting", problem: "weighting-without-total" });
  return issues;
}

export type PoolShortfall<Card> =
  | { field: "questionsPerCard"; card: Card; available: number; needed: number }
  | { field: "questionCount"; available: number; needed: number };

/**
 * Where the chosen cards lack exam-pool questions: per card when the exam draws a
 * number per card, in total otherwise. `available` counts a card's active questions
 * in the exam pool.
 */
export function poolShortfalls<Card>(
  cards: { card: Card; available: number }[],
  count: QuestionCounts,
): PoolShortfall<Card>[] {
  if (count.questionsPerCard != null) {
    const needed = count.questionsPerCard;
    return cards
      .filter(({ available }) => available < needed)
      .map(({ card, available }) => ({ field: "questionsPerCard", card, available, needed }));
  }
  if (count.questionCount != null) {
    const available = cards.reduce((sum, { available: n }) => sum + n, 0);
    if (available < count.questionCount) return [{ field: "questionCount", available, needed: count.questionCount }];
  }
  return [];
}

type Spread = QuestionCounts & { cardWeighting: CardWeighting };

/** How many questions each card gives an attempt; null when the exam draws from all their questions at random. */
export function cardQuestionCounts<Id>(cards: { id: Id; weight: number; available: number }[], spread: Spread): Map<Id, number> | null {
  if (spread.questionsPerCard != null) return new Map(cards.map((card) => [card.id, Math.min(spread.questionsPerCard!, card.available)]));
  if (spread.cardWeighting === "POOL") return null;
  return spreadByWeight(spread.questionCount ?? 0, cards);
}

export type RepeatShortfall<Card> = { card: Card | null; available: number; needed: number };

/**
 * Where the allowed attempts cannot all draw questions their taker has not seen before: what
 * a card gives each attempt (the whole draw, for an exam drawing from the pool at random)
 * times the attempts, against the exam-pool questions it holds (`card` null for the whole
 * pool). A warning, not an error: later attempts then repeat questions seen before.
 */
export function repeatShortfalls<Card>(
  cards: { card: Card; weight: number; available: number }[],
  spread: Spread,
  attemptsAllowed: number | null,
): RepeatShortfall<Card>[] {
  if (attemptsAllowed === null || attemptsAllowed < 2) return [];
  const counts = cardQuestionCounts(cards.map(({ weight, available }, id) => ({ id, weight, available })), spread);
  if (counts === null) {
    const available = cards.reduce((sum, card) => sum + card.available, 0);
    const needed = (spread.questionCount ?? 0) * attemptsAllowed;
    return available < needed ? [{ card: null, available, needed }] : [];
  }
  return cards.flatMap(({ card, available }, id) => {
    const needed = counts.get(id)! * attemptsAllowed;
    return available < needed ? [{ card, available, needed }] : [];
  });
}
