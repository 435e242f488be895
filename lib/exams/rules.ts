// The rules an exam's settings must follow, wherever they come from: a content file
// (lib/content/load.ts) or HR's exam editor (lib/admin/exams.ts). Each caller words
// the problems in its own language; what counts as a problem is decided only here.

export const EXAM_TITLE_MAX = 200;
export const EXAM_DESCRIPTION_MAX = 2000;
export const EXAM_TIME_LIMIT_MAX_MINUTES = 600;

/** The pools an exam draws its questions from (only active questions are drawn). */
export const EXAM_POOLS = ["EXAM", "BOTH"] as const;

export const inExamPool = (pool: string) => (EXAM_POOLS as readonly string[]).includes(pool);

type QuestionCounts = { questionsPerCard?: number | null; questionCount?: number | null };

/** When a full review is shown (lib/exams/results.ts); AFTER_CLOSE needs a window end. */
export const REVIEW_TIMINGS = ["AFTER_EACH_ATTEMPT", "AFTER_LAST_ATTEMPT", "AFTER_CLOSE"] as const;
export type ReviewTiming = (typeof REVIEW_TIMINGS)[number];

type CrossFieldSettings = QuestionCounts & { opensAt?: Date | null; closesAt?: Date | null; reviewTiming: ReviewTiming };

export type CrossFieldIssue =
  | { field: "questionCount" | "questionsPerCard"; problem: "both-counts" | "no-count" }
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
