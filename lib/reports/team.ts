// The heads' view of their team. Every query is limited to the viewer's
// department scope (lib/org/scope.ts); an id from outside it is "not found".
// Figures come from a fixed number of queries, whatever the team's size.
import "server-only";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { recordIdSchema } from "../access/ids";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { departmentScope, memberWhere } from "../org/scope";
import { withheldFrom } from "../exams/access";
import { openRechecksOf } from "../exams/rechecks";
import { loadAttemptResult } from "../exams/results";
import { overallReadiness, readinessOfUsers } from "../study/readiness";
import { coveredMembersWhere, teamDepartments } from "./team-scope";

export const EXAM_STATUSES = ["not-started", "in-progress", "passed", "recheck", "failed", "overdue"] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];
export const TEAM_PAGE_SIZE = 50;

export const teamQuerySchema = z.object({
  department: recordIdSchema.or(z.literal("")).optional().catch(undefined),
  // PostgreSQL text cannot hold a NUL byte.
  q: z.string().trim().max(100).refine((q) => !q.includes("\0")).optional().catch(undefined),
  status: z.enum(EXAM_STATUSES).optional().catch(undefined),
  sort: z.enum(["name", "department", "readiness", "best", "activity"]).default("name").catch("name"),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
export type TeamQuery = z.infer<typeof teamQuerySchema>;

export type ExamSummary = {
  examId: string;
  title: string;
  status: ExamStatus;
  dueAt: Date | null;
  attempts: number;
  best: number | null;
  last: number | null;
  /** When the last attempt started. */
  lastAt: Date | null;
  /** The changed cards of an open re-check (lib/exams/rechecks.ts): passed, but to be confirmed. */
  recheckCards: string[];
};

/** A span of time, `from` included, `to` excluded. */
export type Period = { from: Date; to: Date };

export type TeamMember = {
  id: string;
  name: string;
  email: string;
  position: string;
  departmentName: string;
  exams: ExamSummary[];
  readiness: number;
  lastActivity: Date | null;
};

/** A member's attempts on one exam, summed up in SQL. */
export type AttemptsSummary = { attempts: number; passed: boolean; inProgress: boolean; best: number | null; last: number | null; lastAt: Date | null };

const noAttempts: AttemptsSummary = { attempts: 0, passed: false, inProgress: false, best: null, last: null, lastAt: null };

/** The status of one member on one assigned exam (`recheck`: whether a re-check of it is open). */
export function examStatus(
  summary: Pick<AttemptsSummary, "attempts" | "passed" | "inProgress">,
  dueAt: Date | null,
  now: Date,
  recheck = false,
): ExamStatus {
  if (summary.passed) return recheck ? "recheck" : "passed";
  if (summary.inProgress) return "in-progress";
  if (dueAt && dueAt < now) return "overdue";
  return summary.attempts ? "failed" : "not-started";
}

/**
 * Per member and exam: attempts used, best and last score, passed, running; and each
 * member's last start; only the attempts started within `period` when given. One row per
 * member (exams as JSON), so that a company-wide view moves 2,000 rows rather than 2,000 × exams.
 */
async function attemptSummaries(memberIds: string[], period?: Period) {
  type ExamRow = [examId: string, attempts: number, passed: boolean, inProgress: boolean, best: number | null, last: number | null, lastAt: string];
  const rows = await db.$queryRaw<{ userId: string; lastStarted: Date; exams: ExamRow[] }[]>`
    SELECT "userId", max("lastStarted") AS "lastStarted",
      json_agg(json_build_array("examId", "attempts", "passed", "inProgress", "best", "last", "lastStarted" AT TIME ZONE 'UTC')) AS "exams"
    FROM (
      SELECT "userId", "examId", count(*)::int AS "attempts", bool_or(coalesce("passed", false)) AS "passed",
        bool_or("status" = 'IN_PROGRESS') AS "inProgress", max("percent") AS "best",
        (array_agg("percent" ORDER BY "startedAt" DESC) FILTER (WHERE "percent" IS NOT NULL))[1] AS "last",
        max("startedAt") AS "lastStarted"
      FROM "Attempt" JOIN unnest(${memberIds}::text[]) AS member("id") ON member."id" = "Attempt"."userId"
      ${period ? Prisma.sql`WHERE "startedAt" >= ${period.from} AND "startedAt" < ${period.to}` : Prisma.empty}
      GROUP BY "userId", "examId"
    ) per_exam
    GROUP BY "userId"`;
  return new Map(
    rows.map((row) => [
      row.userId,
      {
        lastStarted: row.lastStarted,
        exams: new Map<string, AttemptsSummary>(
          row.exams.map(([examId, attempts, passed, inProgress, best, last, lastAt]) => [
            examId,
            { attempts, passed, inProgress, best, last, lastAt: new Date(lastAt) },
          ]),
        ),
      },
    ]),
  );
}

async function studyCardIds() {
  const cards = await db.card.findMany({ where: { deck: { published: true, archived: false } }, select: { id: true } });
  return cards.map((card) => card.id);
}

type Member = { id: string; name: string; email: string; position: string; departmentId: string | null; departmentName: string; ancestry: Set<string> };

/** The members a team view covers (the chosen department, default: the whole scope), matching the search or the one id. */
async function teamMembers(viewer: CurrentUser, query: Pick<TeamQuery, "department" | "q"> & { memberId?: string }) {
  const covered = await teamDepartments(viewer, query.department);
  if (!covered) return null;
  const departments = await db.department.findMany({ select: { id: true, name: true, parentId: true } });
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  const nameOf = new Map(departments.map((d) => [d.id, d.name]));
  const ancestry = (id: string | null) => {
    const chain = new Set<string>();
    for (let current = id; current; current = parentOf.get(current) ?? null) chain.add(current);
    return chain;
  };

  const search = query.q ? { contains: query.q, mode: "insensitive" as const } : undefined;
  const members = await db.user.findMany({
    where: {
      ...coveredMembersWhere(covered),
      ...(search ? { OR: [{ name: search }, { email: search }, { position: search }] } : {}),
      ...(query.memberId ? { id: query.memberId } : {}),
    },
    select: { id: true, name: true, email: true, position: true, departmentId: true },
  });
  return {
    departments: covered.pickable,
    members: members.map(
      (member): Member => ({
        ...member,
        departmentName: member.departmentId ? (nameOf.get(member.departmentId) ?? "") : "",
        ancestry: ancestry(member.departmentId),
      }),
    ),
  };
}

/**
 * The members' figures: exams assigned to them with statuses and scores (from the attempts
 * started within `period` when given), readiness, last activity.
 */
async function withFigures(members: Member[], now: Date, period?: Period): Promise<TeamMember[]> {
  const memberIds = members.map((member) => member.id);
  const [assignments, attempts, readiness, reviews, practice, rechecks] = await Promise.all([
    db.assignment.findMany({
      where: { exam: { published: true } },
      select: { examId: true, departmentId: true, userId: true, dueAt: true, exam: { select: { title: true } } },
    }),
    attemptSummaries(memberIds, period),
    overallReadiness(memberIds, await studyCardIds(), now),
    db.reviewLog.groupBy({ by: ["userId"], where: { userId: { in: memberIds } }, _max: { reviewedAt: true } }),
    db.practiceAnswer.groupBy({ by: ["userId"], where: { userId: { in: memberIds } }, _max: { answeredAt: true } }),
    openRechecksOf(memberIds),
  ]);
  const lastReview = new Map(reviews.map((row) => [row.userId, row._max.reviewedAt]));
  const lastPractice = new Map(practice.map((row) => [row.userId, row._max.answeredAt]));

  return members.map(({ id, name, email, position, departmentName, ancestry }) => {
    const member = { id, name, email, position, departmentName };
    const assigned = new Map<string, { title: string; dueAt: Date | null }>();
    for (const assignment of assignments) {
      const applies = assignment.userId === member.id || (assignment.departmentId !== null && ancestry.has(assignment.departmentId));
      if (!applies) continue;
      const known = assigned.get(assignment.examId);
      const dueAt = known?.dueAt && assignment.dueAt ? (known.dueAt < assignment.dueAt ? known.dueAt : assignment.dueAt) : (known?.dueAt ?? assignment.dueAt);
      assigned.set(assignment.examId, { title: assignment.exam.title, dueAt });
    }
    const own = attempts.get(member.id);
    const exams = [...assigned.entries()].map(([examId, exam]): ExamSummary => {
      const { attempts: used, best, last, lastAt, ...summary } = own?.exams.get(examId) ?? noAttempts;
      const recheckCards = rechecks.get(member.id)?.get(examId) ?? [];
      const status = examStatus({ attempts: used, ...summary }, exam.dueAt, now, recheckCards.length > 0);
      return { examId, title: exam.title, dueAt: exam.dueAt, status, attempts: used, best, last, lastAt, recheckCards };
    });
    const activity = [lastReview.get(member.id), lastPractice.get(member.id), own?.lastStarted].filter(
      (date): date is Date => date instanceof Date,
    );
    return {
      ...member,
      exams,
      readiness: readiness.get(member.id) ?? 0,
      lastActivity: activity.length ? new Date(Math.max(...activity.map((date) => date.getTime()))) : null,
    };
  });
}

const collator = new Intl.Collator("ru");
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
const byDepartment = (a: { departmentName: string; name: string }, b: { departmentName: string; name: string }) =>
  collator.compare(a.departmentName, b.departmentName) || byName(a, b);
const byReadiness = (a: { readiness: number; name: string }, b: { readiness: number; name: string }) => a.readiness - b.readiness || byName(a, b);
const bestScore = (row: TeamMember) => Math.max(-1, ...row.exams.map((exam) => exam.best ?? -1));

/** Sort orders and the status filter that need every member's figures, not only the page's. */
const needsFigures = (query: Pick<TeamQuery, "sort" | "status">) => query.status !== undefined || ["best", "activity"].includes(query.sort);

/** The members in the order of `query.sort` (name, department or readiness), before their figures. */
async function sortedMembers(members: Member[], query: Pick<TeamQuery, "sort">, now: Date) {
  if (query.sort !== "readiness") return members.toSorted(query.sort === "department" ? byDepartment : byName);
  const readiness = await overallReadiness(members.map((member) => member.id), await studyCardIds(), now);
  return members
    .map((member) => ({ member, name: member.name, readiness: readiness.get(member.id)! }))
    .sort(byReadiness)
    .map(({ member }) => member);
}

function filterAndSort(rows: TeamMember[], query: Pick<TeamQuery, "sort" | "status">) {
  const filtered = query.status ? rows.filter((row) => row.exams.some((exam) => exam.status === query.status)) : rows;
  return filtered.toSorted((a, b) => {
    switch (query.sort) {
      case "department":
        return byDepartment(a, b);
      case "readiness":
        return byReadiness(a, b);
      case "best":
        return bestScore(a) - bestScore(b) || byName(a, b);
      case "activity":
        return (a.lastActivity?.getTime() ?? 0) - (b.lastActivity?.getTime() ?? 0) || byName(a, b);
      default:
        return byName(a, b);
    }
  });
}

/**
 * Every member of the team overview for `viewer` (the chosen department, default: the
 * whole scope) with their exams, readiness and last activity; filtered and sorted, not
 * paged (the export and the protocol take them all); exam figures from the attempts started
 * within `period` when given. Null when the chosen department is outside the scope.
 */
export async function teamOverviewRows(viewer: CurrentUser, query: Omit<TeamQuery, "page">, now = new Date(), period?: Period) {
  const team = await teamMembers(viewer, query);
  if (!team) return null;
  return { members: filterAndSort(await withFigures(team.members, now, period), query), departments: team.departments };
}

/**
 * One page of the team overview; null when the chosen department is outside the viewer's
 * scope. Sorted by name, department or readiness without a status filter, only the page's
 * members' figures are computed (by readiness, everyone's readiness first); the other
 * orders and the filter need everyone's figures.
 */
export async function teamOverview(viewer: CurrentUser, query: TeamQuery, now = new Date()) {
  const team = await teamMembers(viewer, query);
  if (!team) return null;
  const pageOf = <T>(rows: T[]) => {
    const pages = Math.max(1, Math.ceil(rows.length / TEAM_PAGE_SIZE));
    const page = Math.min(query.page, pages);
    return { rows: rows.slice((page - 1) * TEAM_PAGE_SIZE, page * TEAM_PAGE_SIZE), total: rows.length, page, pages };
  };
  if (needsFigures(query)) {
    const { rows, ...paging } = pageOf(filterAndSort(await withFigures(team.members, now), query));
    return { members: rows, ...paging, departments: team.departments };
  }
  const { rows, ...paging } = pageOf(await sortedMembers(team.members, query, now));
  return { members: filterAndSort(await withFigures(rows, now), query), ...paging, departments: team.departments };
}

/** One member of the viewer's scope with the overview's figures (exams from `period` when given); null outside the scope. */
export async function teamMemberRow(viewer: CurrentUser, memberId: string, now = new Date(), period?: Period) {
  const team = await teamMembers(viewer, { memberId });
  if (!team || team.members.length === 0) return null;
  return (await withFigures(team.members, now, period))[0];
}

/** A member of the viewer's scope with their attempts and per-card readiness; null outside the scope. */
export async function teamMember(viewer: CurrentUser, memberId: string, now = new Date()) {
  assertCan(viewer, "viewTeam");
  const scope = await departmentScope(viewer);
  const member = await db.user.findFirst({
    where: { id: memberId, active: true, ...memberWhere(scope) },
    select: {
      id: true,
      name: true,
      email: true,
      position: true,
      department: { select: { name: true } },
      attempts: {
        orderBy: { startedAt: "desc" },
        select: { id: true, status: true, startedAt: true, submittedAt: true, percent: true, passed: true, exam: { select: { title: true } } },
      },
    },
  });
  if (!member) return null;
  const cards = await db.card.findMany({
    where: { deck: { published: true, archived: false } },
    orderBy: [{ deck: { title: "asc" } }, { position: "asc" }],
    select: { id: true, front: true },
  });
  const readiness = (await readinessOfUsers([member.id], cards.map((card) => card.id), now)).get(member.id)!;
  const byCard = new Map(readiness.cards.map((card) => [card.cardId, card.readiness]));
  return { ...member, readiness: readiness.overall, cards: cards.map((card) => ({ ...card, readiness: byCard.get(card.id) ?? 0 })) };
}

/**
 * A finished attempt of a member in scope, with every answer and key; null outside
 * the scope. The viewer's own attempts are not reviewed here: their own result page
 * applies the exam's review policy. Keys are withheld (score and topics only, and
 * `keysWithheld`) while the viewer may still take the same exam themselves, or another
 * exam that can draw one of the attempt's questions.
 */
export async function teamAttemptReview(viewer: CurrentUser, attemptId: string, now = new Date()) {
  assertCan(viewer, "viewTeam");
  const scope = await departmentScope(viewer);
  const where = { id: attemptId, userId: { not: viewer.id }, user: memberWhere(scope) };
  const found = await db.attempt.findFirst({
    where,
    select: { examId: true, user: { select: { id: true, name: true } }, items: { select: { questionId: true } } },
  });
  if (!found) return null;
  const withheld = await withheldFrom(viewer, now);
  const keysWithheld =
    withheld.examIds.includes(found.examId) || found.items.some((item) => item.questionId !== null && withheld.questions.has(item.questionId));
  const result = await loadAttemptResult(where, now, () => (keysWithheld ? "BREAKDOWN" : "FULL"));
  if (!result) return null;
  return { ...result, taker: found.user, keysWithheld };
}
