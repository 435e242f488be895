// Substantive changes of cards (a fact changed): the people who knew the old version learn the new one.
// HR's card editor and the content import both call recordCardChange in the transaction that writes the
// new text; an editorial change (wording, typos) is only audited. Not marked server-only: the seed
// (plain tsx, lib/content/apply.ts) imports it.
import { db, type Tx } from "../db";
import { openRechecks } from "../exams/rechecks";

type CardText = { front: string; back: string };

/**
 * Keeps the change and puts the card back in the review queue, due `at`, of everyone who studied it
 * (a card state or a review) or passed an exam containing it; who had no card state gets a new one.
 * `changedAt` keeps the first unseen change, so study mode compares with the version the person knew. Exams that
 * require re-confirmation get a re-check for whoever passed them (lib/exams/rechecks.ts).
 */
export async function recordCardChange(
  tx: Tx,
  change: { cardId: string; before: CardText; after: CardText; actorId: string | null; at?: Date },
): Promise<void> {
  const { cardId, before, after, actorId, at = new Date() } = change;
  await tx.cardChange.create({
    data: { cardId, oldFront: before.front, oldBack: before.back, newFront: after.front, newBack: after.back, actorId, createdAt: at },
  });
  await tx.$executeRaw`
    INSERT INTO "CardState" ("userId", "cardId", due, stability, difficulty, "scheduledDays", "learningSteps", reps, lapses, state, "changedAt", "updatedAt")
    SELECT knew."userId", ${cardId}, ${at}, 0, 0, 0, 0, 0, 0, 0, ${at}, ${at}
    FROM (
      SELECT "userId" FROM "CardState" WHERE "cardId" = ${cardId}
      UNION SELECT "userId" FROM "ReviewLog" WHERE "cardId" = ${cardId}
      UNION SELECT a."userId" FROM "Attempt" a JOIN "ExamCard" ec ON ec."examId" = a."examId" WHERE ec."cardId" = ${cardId} AND a.passed
    ) knew
    ON CONFLICT ("userId", "cardId") DO UPDATE
    SET due = EXCLUDED.due, "changedAt" = COALESCE("CardState"."changedAt", EXCLUDED."changedAt"), "updatedAt" = EXCLUDED."updatedAt"`;
  await openRechecks(tx, cardId, at);
}

export type UnseenChange = { since: Date; oldBack: string; newBack: string };

/** What changed in the card since the person last rated it (the back they knew and the current one); null when nothing did. */
export async function unseenChange(userId: string, cardId: string): Promise<UnseenChange | null> {
  const state = await db.cardState.findUnique({
    where: { userId_cardId: { userId, cardId } },
    select: { changedAt: true, card: { select: { back: true } } },
  });
  if (!state?.changedAt) return null;
  const first = await db.cardChange.findFirst({
    where: { cardId, createdAt: { gte: state.changedAt } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { oldBack: true, createdAt: true },
  });
  return first && { since: first.createdAt, oldBack: first.oldBack, newBack: state.card.back };
}

export type ChangeNews = { cardId: string; front: string; deckSlug: string; deckTitle: string; changedAt: Date };

/**
 * The cards of published decks changed substantively since the person last dismissed this list (or since their
 * account was made), each once with its latest change, newest first: at most `limit`, and how many there are.
 */
export async function changesSinceLastVisit(userId: string, limit = 10): Promise<{ items: ChangeNews[]; total: number }> {
  const rows = await db.$queryRaw<(ChangeNews & { total: bigint })[]>`
    SELECT c.id AS "cardId", c.front, d.slug AS "deckSlug", d.title AS "deckTitle", MAX(ch."createdAt") AS "changedAt", COUNT(*) OVER () AS total
    FROM "CardChange" ch
    JOIN "Card" c ON c.id = ch."cardId"
    JOIN "Deck" d ON d.id = c."deckId"
    JOIN "User" u ON u.id = ${userId}
    WHERE ch."createdAt" > COALESCE(u."changesSeenAt", u."createdAt") AND d.published AND NOT d.archived
    GROUP BY c.id, d.id
    ORDER BY MAX(ch."createdAt") DESC, c.id
    LIMIT ${limit}`;
  const items = rows.map((row) => ({ cardId: row.cardId, front: row.front, deckSlug: row.deckSlug, deckTitle: row.deckTitle, changedAt: row.changedAt }));
  return { items, total: Number(rows[0]?.total ?? 0) };
}

/** The person has seen the list up to `until` (the newest change it showed, at most now); a stale, older one moves nothing back. */
export async function dismissChanges(userId: string, shown: Date, now = new Date()): Promise<void> {
  const until = shown < now ? shown : now;
  await db.user.updateMany({
    where: { id: userId, OR: [{ changesSeenAt: null }, { changesSeenAt: { lt: until } }] },
    data: { changesSeenAt: until },
  });
}
