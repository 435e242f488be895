// The attempt lifecycle. The server clock is the only clock: the deadline is set
// at start; saves after deadline + grace are refused; an attempt past it is
// finalised with the responses saved in time by whichever request touches it
// first, or by the sweep. Finalising takes a row lock and checks the status, so
// an attempt is graded exactly once however many submits, tabs or sweeps race.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { answerKeySchema, questionPayloadSchema, type QuestionType } from "../content/question-data";
import { grade, parseResponse } from "../grading/grade";
import { definitionOf } from "../questions/types";
import { shuffled } from "../grading/shuffle";
import { fixedOrder, presentQuestion, randomSources } from "../grading/presentation";
import { scoreAttempt } from "../grading/score";
import { findAssignedExam, type AssignedExam, type Taker } from "./access";
import { cardQuestionCounts, EXAM_POOLS } from "./rules";

export const GRACE_MS = 5_000;

const isPastGrace = (deadline: Date, now: Date) => now.getTime() > deadline.getTime() + GRACE_MS;

type StartResult =
  | { status: "started"; attemptId: string; resumed: boolean }
  | { status: "not-found" | "not-yet-open" | "closed" | "no-attempts-left" | "no-questions" };

type PoolEntry = { id: string; cardId: string; position: number; cardPosition: number; cardWeight: number; seen: boolean };
type DrawnQuestion = { id: string; cardId: string; type: QuestionType; prompt: string; payload: unknown; answerKey: unknown; explanation: string; version: number };

/** `count` of `entries` at random, those the taker has not seen in this exam before the seen ones. */
function pick(entries: PoolEntry[], count: number) {
  const fresh = shuffled(entries.filter((entry) => !entry.seen), randomUUID());
  const seen = shuffled(entries.filter((entry) => entry.seen), randomUUID());
  return [...fresh, ...seen].slice(0, count);
}

/**
 * Draws from the exam's pool by ids and positions only; the drawn questions alone are read in
 * full. Each card gives its share of the draw (lib/exams/rules.ts); questions the taker met in
 * earlier attempts of the exam come back only when too few fresh ones remain.
 */
async function drawQuestions(exam: AssignedExam, userId: string, recheck: { cardIds: string[] } | null): Promise<DrawnQuestion[]> {
  // A re-check asks of each changed card what the whole exam asks of a card.
  const spread = recheck
    ? { ...exam, questionsPerCard: exam.questionsPerCard ?? Math.max(1, Math.ceil((exam.questionCount ?? 0) / Math.max(1, exam.cardCount))) }
    : exam;
  const pool = await db.$queryRaw<PoolEntry[]>`
    WITH seen AS (
      SELECT DISTINCT i."questionId" FROM "Attempt" a JOIN "AttemptItem" i ON i."attemptId" = a."id"
      WHERE a."userId" = ${userId} AND a."examId" = ${exam.id} AND i."questionId" IS NOT NULL
    )
    SELECT q."id", q."cardId", q."position", c."position" AS "cardPosition", seen."questionId" IS NOT NULL AS "seen",
      CASE WHEN ${exam.cardWeighting} = 'LENGTH' THEN char_length(c."back") ELSE ec."weight" END AS "cardWeight"
    FROM "Question" q
    JOIN "ExamCard" ec ON ec."cardId" = q."cardId" AND ec."examId" = ${exam.id}
    JOIN "Card" c ON c."id" = q."cardId"
    LEFT JOIN seen ON seen."questionId" = q."id"
    WHERE q."active" AND q."pool"::text = ANY(${[...EXAM_POOLS]}::text[])
      AND (${recheck === null} OR q."cardId" = ANY(${recheck?.cardIds ?? []}::text[]))
    ORDER BY c."position", c."id", q."position", q."id"`;
  const byCard = new Map<string, PoolEntry[]>();
  for (const entry of pool) {
    if (!byCard.has(entry.cardId)) byCard.set(entry.cardId, []);
    byCard.get(entry.cardId)!.push(entry);
  }
  const cards = [...byCard].map(([id, entries]) => ({ id, weight: entries[0].cardWeight, available: entries.length }));
  const counts = cardQuestionCounts(cards, spread);
  const picked = counts
    ? cards.flatMap((card) => pick(byCard.get(card.id)!, counts.get(card.id)!))
    : pick(pool, spread.questionCount ?? 0);
  const drawn = exam.shuffleQuestions
    ? shuffled(picked, randomUUID())
    : picked.sort((a, b) => a.cardPosition - b.cardPosition || a.position - b.position);
  if (drawn.length === 0) return [];
  const rows = await db.$queryRaw<DrawnQuestion[]>`
    SELECT "id", "cardId", "type"::text AS "type", "prompt", "payload", "answerKey", "explanation", "version"
    FROM "Question" WHERE "id" = ANY(${drawn.map((q) => q.id)}::text[])`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A question deleted between the two reads is simply not drawn.
  return drawn.flatMap((q) => byId.get(q.id) ?? []);
}

const inProgress = (userId: string, examId: string) =>
  db.attempt.findFirst({ where: { userId, examId, status: "IN_PROGRESS" }, select: { id: true, deadline: true } });

/**
 * Starts an attempt, or returns the one in progress (double clicks and tabs get the same one). With an open
 * re-check (lib/exams/rechecks.ts) the attempt is the re-check's: its changed cards only, beyond the attempts allowed.
 */
export async function startAttempt(user: Taker, examId: string, now = new Date()): Promise<StartResult> {
  const exam = await findAssignedExam(user, examId);
  if (!exam) return { status: "not-found" };

  const current = await inProgress(user.id, exam.id);
  if (current && !isPastGrace(current.deadline, now)) return { status: "started", attemptId: current.id, resumed: true };
  if (current) await finalizeAttempt(current.id, now);

  if (exam.opensAt && now < exam.opensAt) return { status: "not-yet-open" };
  if (exam.closesAt && now >= exam.closesAt) return { status: "closed" };
  const recheck = await db.recheck.findFirst({ where: { userId: user.id, examId: exam.id, passedAt: null }, select: { id: true, cardIds: true } });
  const questions = await drawQuestions(exam, user.id, recheck);
  if (questions.length === 0) return { status: "no-questions" };
  const attemptId = randomUUID();
  const limitEnd = now.getTime() + exam.timeLimitSeconds * 1000;
  const deadline = new Date(exam.closesAt ? Math.min(limitEnd, exam.closesAt.getTime()) : limitEnd);
  const items = questions.map((question, position) => {
    const type = question.type;
    // Fresh ids, and an order no one can replay: without shuffleOptions one order per
    // question for every taker, never simply the stored one (that order is the key's).
    const sources = randomSources();
    if (!exam.shuffleOptions && !definitionOf(type).alwaysShuffled) sources.order = fixedOrder(question.id);
    const shown = presentQuestion(type, questionPayloadSchema[type].parse(question.payload), answerKeySchema[type].parse(question.answerKey), sources);
    return { position, question, type, shown };
  });

  // Starts of one user on one exam take turns (a transaction-scoped lock), so the attempts
  // limit is counted and the attempt with its items created as one step, in one statement
  // after the lock; the unique index on attempts in progress stays the last line of defence.
  const [, [outcome]] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${user.id}:${exam.id}`}, 0))`,
    db.$queryRaw<{ running: string | null; created: string | null }[]>`
      WITH running AS (
        SELECT "id" FROM "Attempt" WHERE "userId" = ${user.id} AND "examId" = ${exam.id} AND "status" = 'IN_PROGRESS'
      ), created AS (
        INSERT INTO "Attempt" ("id", "userId", "examId", "startedAt", "deadline", "recheckId", "updatedAt")
        SELECT ${attemptId}, ${user.id}, ${exam.id}, ${now}, ${deadline}, ${recheck?.id ?? null}, ${now}
        WHERE NOT EXISTS (SELECT 1 FROM running)
          AND (${exam.attemptsAllowed}::int IS NULL OR ${recheck !== null}
               OR (SELECT count(*) FROM "Attempt" WHERE "userId" = ${user.id} AND "examId" = ${exam.id} AND "recheckId" IS NULL) < ${exam.attemptsAllowed}::int)
        RETURNING "id"
      ), items AS (
        INSERT INTO "AttemptItem" ("id", "attemptId", "position", "questionId", "questionVersion", "cardId", "type", "prompt", "payload", "answerKey", "storedIds", "explanation")
        SELECT item."id", created."id", item."position", item."questionId", item."questionVersion", item."cardId", item."type"::"QuestionType",
               item."prompt", item."payload", item."answerKey", item."storedIds", item."explanation"
        FROM created, unnest(
          ${items.map(() => randomUUID())}::text[], ${items.map((item) => item.position)}::int[],
          ${items.map((item) => item.question.id)}::text[], ${items.map((item) => item.question.version)}::int[],
          ${items.map((item) => item.question.cardId)}::text[], ${items.map((item) => item.type)}::text[],
          ${items.map((item) => item.question.prompt)}::text[], ${items.map((item) => JSON.stringify(item.shown.payload))}::jsonb[],
          ${items.map((item) => JSON.stringify(item.shown.answerKey))}::jsonb[], ${items.map((item) => JSON.stringify(item.shown.toStored))}::jsonb[],
          ${items.map((item) => item.question.explanation)}::text[]
        ) AS item("id", "position", "questionId", "questionVersion", "cardId", "type", "prompt", "payload", "answerKey", "storedIds", "explanation")
        RETURNING 1
      )
      SELECT (SELECT "id" FROM running) AS "running", (SELECT "id" FROM created) AS "created"`,
  ]);
  if (outcome.running) return { status: "started", attemptId: outcome.running, resumed: true };
  if (!outcome.created) return { status: "no-attempts-left" };
  return { status: "started", attemptId, resumed: false };
}

/** The attempt as its taker sees it while answering: no keys, no explanations. */
export async function takerAttempt(user: Taker, attemptId: string, now = new Date()) {
  const attempt = await db.attempt.findFirst({
    where: { id: attemptId, userId: user.id },
    select: {
      id: true,
      status: true,
      deadline: true,
      cursor: true,
      exam: { select: { id: true, title: true, navigation: true } },
      items: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, type: true, prompt: true, payload: true, response: true, responseSeq: true, flagged: true, savedAt: true },
      },
    },
  });
  if (!attempt) return null;
  if (attempt.status === "IN_PROGRESS" && isPastGrace(attempt.deadline, now)) {
    await finalizeAttempt(attempt.id, now);
    const { status } = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { status: true } });
    return { ...attempt, status, items: [], remainingMs: 0 };
  }
  // Sequential navigation: questions after the current one are not sent yet.
  const items =
    attempt.exam.navigation === "SEQUENTIAL"
      ? attempt.items.map((item) => (item.position > attempt.cursor ? { ...item, prompt: "", payload: {} } : item))
      : attempt.items;
  return { ...attempt, items, remainingMs: Math.max(0, attempt.deadline.getTime() - now.getTime()) };
}

export const saveInputSchema = z.object({
  response: z.unknown(),
  /** The client's counter for this item: a save older than the stored one is ignored. */
  seq: z.number().int().min(1).max(1_000_000_000),
});

export type SaveResult =
  | { status: "saved" | "stale"; savedAt: Date | null; remainingMs: number }
  | { status: "invalid"; error: string }
  | { status: "not-found" | "finished" | "late" | "closed-item" };

type LockedAttempt = { status: string; deadline: Date; cursor: number; navigation: string };

async function lockAttemptForAnswer(tx: Prisma.TransactionClient, attemptId: string, userId: string) {
  // FOR SHARE: answers may be saved side by side, but never while the attempt is being finalised.
  const [attempt] = await tx.$queryRaw<LockedAttempt[]>`
    SELECT a."status", a."deadline", a."cursor", e."navigation"
    FROM "Attempt" a JOIN "Exam" e ON e."id" = a."examId"
    WHERE a."id" = ${attemptId} AND a."userId" = ${userId}
    FOR SHARE OF a`;
  return attempt ?? null;
}

// An item's type and payload never change after the start, so each server reads them once per
// item for the taker's saves (its ~30 saves then need one statement each, not two).
const KEPT_ITEMS = 50_000;
const itemShapes = new Map<string, { type: QuestionType; payload: Prisma.JsonValue }>();

async function itemShape(userId: string, attemptId: string, itemId: string) {
  const key = `${userId}/${attemptId}/${itemId}`;
  const known = itemShapes.get(key);
  if (known) return known;
  const item = await db.attemptItem.findFirst({
    where: { id: itemId, attemptId, attempt: { userId } },
    select: { type: true, payload: true },
  });
  if (!item) return null;
  if (itemShapes.size >= KEPT_ITEMS) itemShapes.delete(itemShapes.keys().next().value!);
  itemShapes.set(key, item);
  return item;
}

/** Saves one response (null clears it), unless late, finished or older than the stored one. */
export async function saveResponse(
  user: Taker,
  attemptId: string,
  itemId: string,
  input: z.infer<typeof saveInputSchema>,
  now = new Date(),
): Promise<SaveResult> {
  const item = await itemShape(user.id, attemptId, itemId);
  if (!item) return { status: "not-found" };
  let response: string | null = null;
  if (input.response !== null && input.response !== undefined) {
    const payload = questionPayloadSchema[item.type].parse(item.payload);
    const parsed = parseResponse(item.type, input.response, payload);
    if (!parsed.ok) return { status: "invalid", error: parsed.error };
    response = JSON.stringify(parsed.response);
  }
  // One statement, so one round trip: it takes a share lock on the attempt (a
  // finalisation in progress holds the exclusive one, so they never interleave),
  // and writes only while the attempt runs, before deadline + grace, on an open
  // item, and when this save is newer than the stored one.
  const notBefore = new Date(now.getTime() - GRACE_MS);
  const [outcome] = await db.$queryRaw<{ status: string; deadline: Date; cursor: number; navigation: string; position: number; written: number }[]>`
    WITH attempt AS (
      SELECT a."id", a."status", a."deadline", a."cursor", e."navigation"
      FROM "Attempt" a JOIN "Exam" e ON e."id" = a."examId"
      WHERE a."id" = ${attemptId} AND a."userId" = ${user.id}
      FOR SHARE OF a
    ), written AS (
      UPDATE "AttemptItem" AS item
      SET "response" = ${response}::jsonb, "responseSeq" = ${input.seq}, "savedAt" = ${now}
      FROM attempt
      WHERE item."id" = ${itemId} AND item."attemptId" = attempt."id"
        AND attempt."status" = 'IN_PROGRESS' AND attempt."deadline" >= ${notBefore}
        AND (attempt."navigation" = 'FREE' OR item."position" = attempt."cursor")
        AND item."responseSeq" < ${input.seq}
      RETURNING item."id"
    )
    SELECT attempt."status", attempt."deadline", attempt."cursor", attempt."navigation",
           (SELECT "position" FROM "AttemptItem" WHERE "id" = ${itemId}) AS "position",
           (SELECT count(*)::int FROM written) AS "written"
    FROM attempt`;
  if (!outcome) return { status: "not-found" };
  const remainingMs = Math.max(0, outcome.deadline.getTime() - now.getTime());
  if (outcome.written === 1) return { status: "saved", savedAt: now, remainingMs };
  if (outcome.status !== "IN_PROGRESS") return { status: "finished" };
  if (isPastGrace(outcome.deadline, now)) {
    await finalizeAttempt(attemptId, now);
    return { status: "late" };
  }
  if (outcome.navigation === "SEQUENTIAL" && outcome.position !== outcome.cursor) return { status: "closed-item" };
  return { status: "stale", savedAt: null, remainingMs };
}

/** Marks or unmarks an item for review; allowed while the attempt runs. */
export async function flagItem(user: Taker, attemptId: string, itemId: string, flagged: boolean, now = new Date()) {
  return db.$transaction(async (tx) => {
    const attempt = await lockAttemptForAnswer(tx, attemptId, user.id);
    if (!attempt) return { status: "not-found" as const };
    if (attempt.status !== "IN_PROGRESS" || isPastGrace(attempt.deadline, now)) return { status: "finished" as const };
    const updated = await tx.attemptItem.updateMany({ where: { id: itemId, attemptId }, data: { flagged } });
    return { status: updated.count ? ("ok" as const) : ("not-found" as const) };
  });
}

/** Sequential navigation: closes the current item and opens the next one. */
export async function advanceCursor(user: Taker, attemptId: string, fromPosition: number, now = new Date()) {
  const updated = await db.attempt.updateMany({
    where: {
      id: attemptId,
      userId: user.id,
      status: "IN_PROGRESS",
      cursor: fromPosition,
      deadline: { gte: new Date(now.getTime() - GRACE_MS) },
      items: { some: { position: fromPosition + 1 } },
    },
    data: { cursor: { increment: 1 } },
  });
  return { status: updated.count ? ("ok" as const) : ("stale" as const) };
}

/**
 * Grades and closes an attempt once: SUBMITTED when finished in time, EXPIRED when
 * finalised after the deadline (with the responses saved in time). Returns false
 * when it was already final.
 */
export async function finalizeAttempt(attemptId: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [attempt] = await tx.$queryRaw<{ status: string; deadline: Date; examId: string; recheckId: string | null }[]>`
      SELECT "status", "deadline", "examId", "recheckId" FROM "Attempt" WHERE "id" = ${attemptId} FOR UPDATE`;
    if (!attempt || attempt.status !== "IN_PROGRESS") return false;
    const exam = await tx.exam.findUniqueOrThrow({
      where: { id: attempt.examId },
      select: { passPercent: true, multipleScoring: true },
    });
    const items = await tx.attemptItem.findMany({
      where: { attemptId },
      select: { id: true, type: true, answerKey: true, response: true, maxPoints: true, cardId: true },
    });
    const graded = items.map((item) => {
      const key = answerKeySchema[item.type].parse(item.answerKey);
      const response = item.response === null ? null : parseResponse(item.type, item.response);
      const result = grade(item.type, key, response?.ok ? response.response : null, { multipleScoring: exam.multipleScoring });
      return { ...item, points: result.points * item.maxPoints, correct: result.correct };
    });
    if (graded.length) {
      await tx.$executeRaw`
        UPDATE "AttemptItem" AS item SET "points" = graded.points, "correct" = graded.correct
        FROM unnest(${graded.map((g) => g.id)}::text[], ${graded.map((g) => g.points)}::float8[], ${graded.map((g) => g.correct)}::bool[])
          AS graded(id, points, correct)
        WHERE item."id" = graded.id`;
    }
    const result = scoreAttempt(graded, exam.passPercent);
    const expired = isPastGrace(attempt.deadline, now);
    await tx.attempt.update({
      where: { id: attemptId },
      data: {
        status: expired ? "EXPIRED" : "SUBMITTED",
        submittedAt: expired ? attempt.deadline : now,
        ...result,
        breakdown: result.breakdown as Prisma.InputJsonValue,
      },
    });
    if (attempt.recheckId && result.passed) {
      // Confirms the cards this attempt asked about. A card added to the re-check while it ran (and that
      // has questions to ask) stays to be confirmed; with none left the re-check is passed.
      await tx.$executeRaw`
        UPDATE "Recheck" SET "cardIds" = left_over.ids,
          "passedAt" = CASE WHEN cardinality(left_over.ids) = 0 THEN ${expired ? attempt.deadline : now}::timestamp END
        FROM (
          SELECT coalesce(array_agg(card."id"), '{}') AS ids
          FROM unnest((SELECT "cardIds" FROM "Recheck" WHERE "id" = ${attempt.recheckId})) AS card("id")
          WHERE card."id" NOT IN (SELECT "cardId" FROM "AttemptItem" WHERE "attemptId" = ${attemptId})
            AND EXISTS (SELECT 1 FROM "Question" q WHERE q."cardId" = card."id" AND q."active" AND q."pool"::text = ANY(${[...EXAM_POOLS]}::text[]))
        ) AS left_over
        WHERE "id" = ${attempt.recheckId} AND "passedAt" IS NULL`;
    }
    return true;
  });
}

/** The taker's submit: exactly one submission; repeats get the stored result. */
export async function submitAttempt(user: Taker, attemptId: string, now = new Date()) {
  const attempt = await db.attempt.findFirst({ where: { id: attemptId, userId: user.id }, select: { id: true } });
  if (!attempt) return { status: "not-found" as const };
  const finalizedNow = await finalizeAttempt(attempt.id, now);
  const stored = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { status: true, percent: true, passed: true } });
  return { status: "finished" as const, finalizedNow, attemptStatus: stored.status, percent: stored.percent, passed: stored.passed };
}

/** Finalises every attempt past its deadline. Safe to run twice, or on two servers at once. */
export async function sweepExpiredAttempts(now = new Date()) {
  const due = await db.attempt.findMany({
    where: { status: "IN_PROGRESS", deadline: { lt: new Date(now.getTime() - GRACE_MS) } },
    select: { id: true },
  });
  let finalized = 0;
  for (const { id } of due) if (await finalizeAttempt(id, now)) finalized++;
  return finalized;
}
