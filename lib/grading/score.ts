// An attempt's result from its graded items: the points, the percent shown, whether it
// passed, and the per-card (topic) breakdown. Pure: finalizeAttempt stores what it returns.

export type GradedItem = { cardId: string | null; points: number; maxPoints: number };

/** Per card: the points earned of the points possible. Items of a deleted card are kept under "". */
export type Breakdown = { cardId: string; points: number; maxPoints: number }[];

export type AttemptScore = { score: number; maxScore: number; percent: number; passed: boolean; breakdown: Breakdown };

export function scoreAttempt(items: GradedItem[], passPercent: number): AttemptScore {
  const score = items.reduce((sum, item) => sum + item.points, 0);
  const maxScore = items.reduce((sum, item) => sum + item.maxPoints, 0);
  const share = maxScore ? score / maxScore : 0;
  const byCard = new Map<string, { points: number; maxPoints: number }>();
  for (const item of items) {
    const entry = byCard.get(item.cardId ?? "") ?? { points: 0, maxPoints: 0 };
    entry.points += item.points;
    entry.maxPoints += item.maxPoints;
    byCard.set(item.cardId ?? "", entry);
  }
  return {
    score,
    maxScore,
    percent: Math.round(share * 1000) / 10,
    // From the exact share, not the rounded percent (79.96 % must not pass at 80 %); the
    // tolerance absorbs floating point (0.1 + 0.7 is a hair under 0.8).
    passed: share * 100 >= passPercent - 1e-9,
    breakdown: [...byCard].map(([cardId, entry]) => ({ cardId, ...entry })),
  };
}
