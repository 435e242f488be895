// Re-checks: after a substantive change of a card, whoever passed an exam that contains it and requires
// re-confirmation (Exam.recheckDays) must pass a short re-check on the changed cards, due in that many days.
// It is an ordinary attempt of the exam (lib/exams/attempts.ts) with the re-check's id: it draws from the
// changed cards only and does not count against the attempts allowed; passing it closes the re-check.
import type { Tx } from "../db";
import { db } from "../db";

/**
 * In the transaction of a substantive change of `cardId` (lib/study/card-changes.ts): opens a re-check, or adds the
 * card to the open one, for everyone who passed an exam requiring it that contains the card; the due date moves to
 * `at` + the exam's days.
 */
export async function openRechecks(tx: Tx, cardId: string, at: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Recheck" ("id", "userId", "examId", "cardIds", "dueAt", "createdAt")
    SELECT gen_random_uuid()::text, passed."userId", e."id", ARRAY[${cardId}::text], ${at}::timestamp + make_interval(days => e."recheckDays"), ${at}
    FROM "Exam" e
    JOIN "ExamCard" ec ON ec."examId" = e."id" AND ec."cardId" = ${cardId}
    JOIN (SELECT DISTINCT "userId", "examId" FROM "Attempt" WHERE "passed") passed ON passed."examId" = e."id"
    WHERE e."recheckDays" IS NOT NULL
    ON CONFLICT ("userId", "examId") WHERE "passedAt" IS NULL DO UPDATE
    SET "cardIds" = CASE WHEN ${cardId}::text = ANY("Recheck"."cardIds") THEN "Recheck"."cardIds" ELSE array_append("Recheck"."cardIds", ${cardId}::text) END,
        "dueAt" = GREATEST("Recheck"."dueAt", EXCLUDED."dueAt")`;
}

export type OpenRecheck = { id: string; dueAt: Date; cards: { id: string; front: string }[] };

/** The user's open re-check of the exam with its cards in deck order, or null. */
export async function openRecheck(user: { id: string }, examId: string): Promise<OpenRecheck | null> {
  const recheck = await db.recheck.findFirst({ where: { userId: user.id, examId, passedAt: null }, select: { id: true, dueAt: true, cardIds: true } });
  if (!recheck) return null;
  const cards = await db.card.findMany({ where: { id: { in: recheck.cardIds } }, orderBy: { position: "asc" }, select: { id: true, front: true } });
  return { id: recheck.id, dueAt: recheck.dueAt, cards };
}

/** The members' open re-checks: user id → exam id → the changed cards' fronts in deck order. */
export async function openRechecksOf(userIds: string[]): Promise<Map<string, Map<string, string[]>>> {
  const rows = await db.$queryRaw<{ userId: string; examId: string; fronts: string[] }[]>`
    SELECT r."userId", r."examId", array_agg(c."front" ORDER BY c."position", c."id") AS "fronts"
    FROM "Recheck" r JOIN "Card" c ON c."id" = ANY(r."cardIds")
    WHERE r."passedAt" IS NULL AND r."userId" = ANY(${userIds}::text[])
    GROUP BY r."id", r."userId", r."examId"`;
  const byUser = new Map<string, Map<string, string[]>>();
  for (const row of rows) {
    if (!byUser.has(row.userId)) byUser.set(row.userId, new Map());
    byUser.get(row.userId)!.set(row.examId, row.fronts);
  }
  return byUser;
}
