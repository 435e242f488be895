// Question statistics for an exam: how hard each question was and how well it told
// strong takers from weak ones, so that HR can fix bad questions. Only finished
// attempts (submitted or expired) of active users count. The per-question figures
// come from one SQL query, whatever the number of attempts and questions.
//
// Definitions:
// - a response is every item drawn in a finished attempt, answered or not (an
//   unanswered item earns 0 points); `answered` counts those with a saved response;
// - facility = sum of points / sum of max points, in [0, 1];
// - discrimination = facility in the top third minus facility in the bottom third of
//   the N attempts counted (those of the exam, or of every exam when none is given;
//   when only some questions are asked for, those that drew one of them), ranked once
//   by the attempt's percent (ties broken by attempt id): each third is floor(N / 3)
//   attempts, and a question's facility in a third is over the items of the attempts
//   of that third that drew it (when every attempt draws the question, its thirds are
//   floor(n / 3) of its n responses each). Null below MIN_DISCRIMINATION_ATTEMPTS
//   responses, or when no attempt of the top or the bottom third drew the question;
// - the most chosen wrong answer counts every choice of a response short of full
//   points that is not in that item's key; an option's text is the one in the
//   snapshot of the newest attempt (by start, then id) that chose it;
// - items of a deleted question (questionId null) are left out: there is nothing
//   left to fix. Versions of one question count together; prompt and topic are the
//   question's current ones.
//
// Cost: one pass over the narrow columns of the counted items (the JSON of a response
// is only read for wrong choices), summed per question in a hash table, the wrong
// choices counted apart; attempts ranked once (not their items), and one snapshot read
// per question for the text of its wrong option.
import "server-only";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import type { QuestionType } from "../content/question-data";
import { withheldFrom } from "../exams/access";
import { coveredMembersSql, teamDepartments } from "./team-scope";

export const TOO_EASY_FACILITY = 0.9;
export const TOO_HARD_FACILITY = 0.3;
/** Flags need this many responses: fewer say nothing about the question. */
export const MIN_FLAG_RESPONSES = 5;
/** Discrimination needs this many responses: fewer say nothing about how strong and weak takers differ. */
export const MIN_DISCRIMINATION_ATTEMPTS = 6;

export const itemStatsQuerySchema = z.object({
  exam: z.string().max(64).optional().catch(undefined),
  department: z.string().max(64).optional().catch(undefined),
});

export type ItemFlag = "too-easy" | "too-hard" | "negative-discrimination";

/** The wrong answer chosen most often: an option's text, or the value of a true/false question. */
export type WrongAnswer = ({ text: string } | { value: boolean }) & { count: number };

export type QuestionStat = {
  questionId: string;
  prompt: string;
  type: QuestionType;
  cardFront: string;
  responses: number;
  answered: number;
  facility: number;
  discrimination: number | null;
  mostChosenWrong: WrongAnswer | null;
  flags: ItemFlag[];
};

export function itemFlags(stat: Pick<QuestionStat, "responses" | "facility" | "discrimination">): ItemFlag[] {
  if (stat.responses < MIN_FLAG_RESPONSES) return [];
  const flags: ItemFlag[] = [];
  if (stat.facility > TOO_EASY_FACILITY) flags.push("too-easy");
  if (stat.facility < TOO_HARD_FACILITY) flags.push("too-hard");
  if (stat.discrimination !== null && stat.discrimination < 0) flags.push("negative-discrimination");
  return flags;
}

type StatRow = {
  questionId: string;
  prompt: string;
  type: QuestionType;
  cardFront: string;
  responses: bigint;
  answered: bigint;
  facility: number;
  upperFacility: number | null;
  lowerFacility: number | null;
  wrongOption: string | null;
  wrongText: string | null;
  wrongCount: bigint | null;
};

function wrongAnswer(row: StatRow): WrongAnswer | null {
  if (row.wrongOption === null || row.wrongCount === null) return null;
  const count = Number(row.wrongCount);
  if (row.type === "TRUE_FALSE") return { value: row.wrongOption === "true", count };
  return row.wrongText === null ? null : { text: row.wrongText, count };
}

/**
 * Statistics per question over the finished attempts of users matching `userSql` (a
 * condition on "User" aliased `u`), optionally of one exam and of some questions only
 * (without an exam, attempts of every exam are ranked together by their percent).
 * Not scoped to a viewer: callers decide whose attempts count.
 */
export async function questionStats(filter: { userSql: Prisma.Sql; examId?: string; questionIds?: string[] }): Promise<QuestionStat[]> {
  const examSql = filter.examId ? Prisma.sql`AND a."examId" = ${filter.examId}` : Prisma.empty;
  // Some questions only: their items, read once (through the question index), tell which attempts count.
  const picked = filter.questionIds
    ? Prisma.sql`picked AS MATERIALIZED (
        SELECT "attemptId", "questionId", "type", "response", "answerKey", "storedIds", "points", "maxPoints" FROM "AttemptItem"
        WHERE "questionId" = ANY(${filter.questionIds}::text[])
      ),`
    : Prisma.empty;
  const pickedSql = filter.questionIds ? Prisma.sql`AND a."id" IN (SELECT "attemptId" FROM picked)` : Prisma.empty;
  const items = filter.questionIds ? Prisma.sql`picked` : Prisma.sql`"AttemptItem"`;
  const rows = await db.$queryRaw<StatRow[]>`
    WITH ${picked}
    attempt AS MATERIALIZED (
      SELECT a."id",
        row_number() OVER (ORDER BY a."percent" DESC NULLS LAST, a."id") AS "rank",
        count(*) OVER () AS "total",
        row_number() OVER (ORDER BY a."startedAt" DESC, a."id" DESC) AS "recency"
      FROM "Attempt" a
      JOIN "User" u ON u."id" = a."userId"
      WHERE a."status" IN ('SUBMITTED', 'EXPIRED') AND ${filter.userSql} ${examSql} ${pickedSql}
    ),
    -- The counted items, narrow: a response's JSON is only read for a choice question
    -- short of full points, as the wrong choice (single, true/false) or the wrong
    -- choices (multiple), in the question's stored ids (each attempt shows its own).
    item AS (
      SELECT i."questionId", i."response" IS NOT NULL AS "answered", attempt."recency",
        coalesce(i."points", 0) AS "points", i."maxPoints",
        attempt."rank" <= attempt."total" / 3 AS "upper",
        attempt."rank" > attempt."total" - attempt."total" / 3 AS "lower",
        CASE WHEN coalesce(i."points", 0) < i."maxPoints" THEN CASE i."type"
          WHEN 'SINGLE' THEN CASE WHEN NOT i."answerKey"->'correct' ? (i."response"->>'choice')
            THEN coalesce(i."storedIds"->>(i."response"->>'choice'), i."response"->>'choice') END
          WHEN 'TRUE_FALSE' THEN CASE WHEN i."response"->>'value' <> i."answerKey"->>'value' THEN i."response"->>'value' END
        END END AS "choice",
        CASE WHEN coalesce(i."points", 0) < i."maxPoints" AND i."type" = 'MULTIPLE' THEN (
          SELECT jsonb_agg(stored."id" ORDER BY stored."id")
          FROM jsonb_array_elements_text(i."response"->'choices') AS listed("choice")
          CROSS JOIN LATERAL (SELECT coalesce(i."storedIds"->>listed."choice", listed."choice") AS "id") AS stored
          WHERE NOT i."answerKey"->'correct' ? listed."choice"
        ) END AS "wrongChoices"
      FROM attempt
      JOIN ${items} i ON i."attemptId" = attempt."id"
      WHERE i."questionId" IS NOT NULL
    ),
    stat AS (
      SELECT "questionId",
        count(*) AS "responses",
        count(*) FILTER (WHERE "answered") AS "answered",
        (sum("points") / sum("maxPoints"))::float8 AS "facility",
        (sum("points") FILTER (WHERE "upper") / sum("maxPoints") FILTER (WHERE "upper"))::float8 AS "upperFacility",
        (sum("points") FILTER (WHERE "lower") / sum("maxPoints") FILTER (WHERE "lower"))::float8 AS "lowerFacility"
      FROM item
      GROUP BY "questionId"
    ),
    -- Per question, each wrong choice with how many responses chose it, the most chosen first.
    wrong AS (
      SELECT DISTINCT ON ("questionId") "questionId", "choice", "count", "recency"
      FROM (
        SELECT item."questionId", chosen."choice", count(*) AS "count", min(item."recency") AS "recency"
        FROM item
        CROSS JOIN LATERAL (
          SELECT item."choice" WHERE item."choice" IS NOT NULL
          UNION ALL
          SELECT listed."choice" FROM jsonb_array_elements_text(item."wrongChoices") AS listed("choice")
        ) AS chosen("choice")
        WHERE item."choice" IS NOT NULL OR item."wrongChoices" IS NOT NULL
        GROUP BY item."questionId", chosen."choice"
      ) counted
      ORDER BY "questionId", "count" DESC, "choice"
    )
    SELECT stat.*, q."prompt", q."type"::text AS "type", c."front" AS "cardFront",
      wrong."choice" AS "wrongOption", wrong."count" AS "wrongCount",
      (SELECT shown->>'text'
        FROM "AttemptItem" seen
        CROSS JOIN LATERAL jsonb_array_elements(seen."payload"->'options') AS shown
        WHERE seen."attemptId" = newest."id" AND seen."questionId" = wrong."questionId"
          AND coalesce(seen."storedIds"->>(shown->>'id'), shown->>'id') = wrong."choice"
        LIMIT 1) AS "wrongText"
    FROM stat
    JOIN "Question" q ON q."id" = stat."questionId"
    JOIN "Card" c ON c."id" = q."cardId"
    LEFT JOIN wrong ON wrong."questionId" = stat."questionId"
    LEFT JOIN attempt newest ON newest."recency" = wrong."recency"`;

  return rows.map((row) => {
    const responses = Number(row.responses);
    const discrimination =
      responses >= MIN_DISCRIMINATION_ATTEMPTS && row.upperFacility !== null && row.lowerFacility !== null
        ? row.upperFacility - row.lowerFacility
        : null;
    const stat = {
      questionId: row.questionId,
      prompt: row.prompt,
      type: row.type,
      cardFront: row.cardFront,
      responses,
      answered: Number(row.answered),
      facility: row.facility,
      discrimination,
      mostChosenWrong: wrongAnswer(row),
    };
    return { ...stat, flags: itemFlags(stat) };
  });
}

/** Exams a team view offers: those with finished attempts by covered members, or assigned to them. */
async function offeredExams(membersSql: Prisma.Sql) {
  return db.$queryRaw<{ id: string; title: string }[]>`
    WITH RECURSIVE member AS (
      SELECT u."id", u."departmentId" FROM "User" u WHERE ${membersSql}
    ),
    -- A department assignment reaches the members of its whole subtree.
    reached AS (
      SELECT DISTINCT "departmentId" AS "id" FROM member WHERE "departmentId" IS NOT NULL
      UNION
      SELECT d."parentId" FROM "Department" d JOIN reached ON reached."id" = d."id" WHERE d."parentId" IS NOT NULL
    )
    SELECT e."id", e."title" FROM "Exam" e
    WHERE EXISTS (
        SELECT 1 FROM "Attempt" a JOIN member ON member."id" = a."userId"
        WHERE a."examId" = e."id" AND a."status" IN ('SUBMITTED', 'EXPIRED')
      )
      OR (e."published" AND EXISTS (
        SELECT 1 FROM "Assignment" s
        WHERE s."examId" = e."id" AND (s."userId" IN (SELECT "id" FROM member) OR s."departmentId" IN (SELECT "id" FROM reached))
      ))
    ORDER BY e."title", e."id"`;
}

const collator = new Intl.Collator("ru");

/** A question's statistics as a team view shows them: `withheld` ones lack their answers. */
export type TeamQuestionStat = Omit<QuestionStat, "prompt"> & { prompt: string | null; withheld: boolean };

/**
 * What a viewer who may still take an exam drawing the question must not read: the most
 * chosen wrong answer (for true/false, the key) and, for an exam-only question, its prompt.
 */
async function withholdAnswers(viewer: CurrentUser, questions: QuestionStat[], now: Date): Promise<TeamQuestionStat[]> {
  const { questions: ahead } = await withheldFrom(viewer, now);
  return questions.map((question) => {
    const hidden = ahead.get(question.questionId);
    if (!hidden) return { ...question, withheld: false };
    return { ...question, prompt: hidden.examOnly ? null : question.prompt, mostChosenWrong: null, withheld: true };
  });
}

/**
 * Question statistics of an exam over the finished attempts of the members `viewer`
 * covers (narrowed to `departmentId` and its subtree when given): flagged questions
 * first, then the hardest first. Without `examId`, the first exam offered (`exam` is
 * null when none is). Null when the department is outside the viewer's scope or the
 * exam does not exist. Answers of questions the viewer may still be asked are withheld.
 */
export async function examItemStats(viewer: CurrentUser, examId: string | undefined, departmentId?: string, now = new Date()) {
  const covered = await teamDepartments(viewer, departmentId);
  if (!covered) return null;
  const membersSql = coveredMembersSql(covered, "u");
  const exams = await offeredExams(membersSql);
  const exam = examId ? await db.exam.findUnique({ where: { id: examId }, select: { id: true, title: true } }) : (exams[0] ?? null);
  if (examId && !exam) return null;
  const departments = covered.pickable;
  if (!exam) return { exam, exams, departments, attempts: 0, questions: [] as TeamQuestionStat[] };

  const [[{ attempts }], stats] = await Promise.all([
    db.$queryRaw<{ attempts: bigint }[]>`
      SELECT count(*) AS "attempts" FROM "Attempt" a JOIN "User" u ON u."id" = a."userId"
      WHERE a."examId" = ${exam.id} AND a."status" IN ('SUBMITTED', 'EXPIRED') AND ${membersSql}`,
    questionStats({ userSql: membersSql, examId: exam.id }),
  ]);
  const questions = await withholdAnswers(viewer, stats, now);
  const sorted = questions.toSorted(
    (a, b) =>
      Number(b.flags.length > 0) - Number(a.flags.length > 0) ||
      a.facility - b.facility ||
      collator.compare(a.prompt ?? "", b.prompt ?? "") ||
      a.questionId.localeCompare(b.questionId),
  );
  return { exam, exams, departments, attempts: Number(attempts), questions: sorted };
}
