// The topic heatmap of a team: members (or units) × cards. Each cell carries two
// layers: the share of exam points scored on the card's questions in finished
// attempts, and study readiness (the same figure as the employee's deck page).
// Exam points are summed in SQL per member and card; units add up their members.
// They come from each finished attempt's breakdown (its points and max points per
// card, stored when it is graded: the sums of its items by the items' card), so the
// heatmap never reads the attempts' items; over all exams, from the running totals of
// those breakdowns that the database keeps per member and card (TopicScore).
import "server-only";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { readinessCells } from "../study/readiness";
import { coveredMembersWhere, teamDepartments, type TeamDepartments } from "./team-scope";
import type { Period } from "./team";
import { takenExams } from "./trends";

/** The most rows the heatmap returns (the weakest ones). */
export const HEATMAP_ROW_LIMIT = 200;

export const topicsQuerySchema = z.object({
  department: z.string().max(64).optional().catch(undefined),
  rows: z.enum(["members", "departments"]).default("members").catch("members"),
  layer: z.enum(["exam", "readiness"]).default("exam").catch("exam"),
  exam: z.string().max(64).optional().catch(undefined),
});
export type TopicsQuery = z.infer<typeof topicsQuerySchema>;

export type HeatmapCell = { cardId: string; examShare: number | null; examPoints: number; examMaxPoints: number; readiness: number };

export type HeatmapRow = {
  id: string;
  name: string;
  /** A member; a unit with its whole subtree; or only the direct members of the chosen unit. */
  kind: "member" | "subtree" | "own";
  examShare: number | null;
  readiness: number;
  cells: HeatmapCell[];
};

type Group = Pick<HeatmapRow, "id" | "name" | "kind"> & { memberIds: string[] };
type Member = { id: string; name: string; departmentId: string | null };
type Figures = { examShare: number | null; readiness: number };

/** The share of exam points scored: the one definition of a topic's exam figure. */
export const share = (points: number, maxPoints: number) => (maxPoints > 0 ? points / maxPoints : null);

/** Lowest exam share first, those without exam data after them; ties by lower readiness. */
function weakestFirst(a: Figures, b: Figures) {
  if (a.examShare !== b.examShare) {
    if (a.examShare === null) return 1;
    if (b.examShare === null) return -1;
    return a.examShare - b.examShare;
  }
  return a.readiness - b.readiness;
}

/**
 * Rows by unit: below each top unit (the chosen department, or else the top departments
 * of the scope) one row per direct child with its whole subtree, and one row for the
 * top unit's own direct members. Units without active members give no row; members
 * without a department (seen by HR only) have no unit row.
 */
function departmentGroups(covered: TeamDepartments, chosen: string | undefined, members: Member[]): Group[] {
  const parentOf = new Map(covered.pickable.map((department) => [department.id, department.parentId]));
  const tops = new Set(chosen ? [chosen] : covered.pickable.filter((d) => !d.parentId || !parentOf.has(d.parentId)).map((d) => d.id));
  /** The row of a department: itself when it is a top unit or a child of one, else the row of its parent. */
  const groupOf = (departmentId: string | null) => {
    for (let id = departmentId; id; id = parentOf.get(id) ?? null) {
      if (tops.has(id) || tops.has(parentOf.get(id) ?? "")) return id;
    }
    return null;
  };
  const memberIds = new Map<string, string[]>();
  for (const member of members) {
    const group = groupOf(member.departmentId);
    if (!group) continue;
    if (!memberIds.has(group)) memberIds.set(group, []);
    memberIds.get(group)!.push(member.id);
  }
  return covered.pickable
    .filter((department) => memberIds.has(department.id))
    .map((department) => ({
      id: department.id,
      name: department.name,
      kind: tops.has(department.id) ? ("own" as const) : ("subtree" as const),
      memberIds: memberIds.get(department.id)!,
    }));
}

/**
 * Exam points per covered member and card in one exam: the sums of its finished attempts' breakdowns
 * (only the attempts started within `period` when given).
 */
const examPointsOfExam = (memberIds: string[], cardIds: string[], examId: string, period?: Period) => Prisma.sql`
  SELECT a."userId", card."cardId", sum(card."points") AS "points", sum(card."maxPoints") AS "maxPoints"
  FROM "Attempt" a
  CROSS JOIN LATERAL jsonb_to_recordset(a."breakdown") AS card("cardId" text, "points" float8, "maxPoints" float8)
  WHERE a."examId" = ${examId} AND a."status" IN ('SUBMITTED', 'EXPIRED') AND a."userId" = ANY(${memberIds}::text[])
    AND card."cardId" = ANY(${cardIds}::text[])
    ${period ? Prisma.sql`AND a."startedAt" >= ${period.from} AND a."startedAt" < ${period.to}` : Prisma.empty}
  GROUP BY a."userId", card."cardId"`;

/**
 * Exam points per card in one exam's finished attempts (started within `period` when given):
 * per member (`userId`) and card, and per card over all the members (`userId` null).
 */
export function examTopicPoints(memberIds: string[], cardIds: string[], examId: string, period?: Period) {
  return db.$queryRaw<{ userId: string | null; cardId: string; points: number; maxPoints: number }[]>`
    SELECT CASE WHEN GROUPING("userId") = 0 THEN "userId" END AS "userId", "cardId",
      sum("points")::float8 AS "points", sum("maxPoints")::float8 AS "maxPoints"
    FROM (${examPointsOfExam(memberIds, cardIds, examId, period)}) exam
    GROUP BY GROUPING SETS (("userId", "cardId"), ("cardId"))`;
}

/** Exam points per covered member and card over all exams: the running totals the database keeps (TopicScore). */
const examPointsOfAllExams = (memberIds: string[], cardIds: string[]) => Prisma.sql`
  SELECT "userId", "cardId", "points", "maxPoints" FROM "TopicScore"
  WHERE "userId" = ANY(${memberIds}::text[]) AND "cardId" = ANY(${cardIds}::text[])`;

/** Exam points and the sum of readiness: of a group's members in one card, of a whole group, or of all members in one card. */
type Sums = { group: string | null; cardId: string | null; points: number; maxPoints: number; readiness: number };

/**
 * Exam points and readiness summed in SQL over the members of each group (`groupOf`: member → row id,
 * null for a member in no row), per `sets`: "cells" gives each group × card and each card; "summary"
 * gives each group and each card. Only what has exam data or readiness gives a row.
 */
function groupSums(groupOf: Map<string, string | null>, cardIds: string[], examId: string | undefined, now: Date, sets: "cells" | "summary") {
  const memberIds = [...groupOf.keys()];
  return db.$queryRaw<Sums[]>`
    WITH ${readinessCells(memberIds, cardIds, now)},
    exam AS (${examId ? examPointsOfExam(memberIds, cardIds, examId) : examPointsOfAllExams(memberIds, cardIds)}),
    member AS (SELECT * FROM unnest(${memberIds}::text[], ${[...groupOf.values()]}::text[]) AS member("userId", "group")),
    figure AS (
      SELECT member."group", exam."cardId", exam."points", exam."maxPoints", 0::float8 AS "readiness" FROM exam JOIN member USING ("userId")
      UNION ALL
      SELECT member."group", cell."cardId", 0, 0, cell."readiness" FROM cell JOIN member USING ("userId")
    )
    SELECT CASE WHEN GROUPING("group") = 0 THEN "group" END AS "group", CASE WHEN GROUPING("cardId") = 0 THEN "cardId" END AS "cardId",
      sum("points")::float8 AS "points", sum("maxPoints")::float8 AS "maxPoints", sum("readiness")::float8 AS "readiness"
    FROM figure
    GROUP BY GROUPING SETS (${sets === "cells" ? Prisma.sql`("group", "cardId")` : Prisma.sql`("group")`}, ("cardId"))`;
}

/**
 * The heatmap of the members covered for `viewer`: `rows` by member or by unit,
 * exam shares optionally from one exam only (then its cards are the columns).
 * Columns and rows come weakest first; at most HEATMAP_ROW_LIMIT rows.
 * Null when the chosen department is outside the viewer's scope.
 *
 * Everything is summed in SQL. With more rows than shown, the rows' totals come first
 * and only the shown rows' cells after them.
 */
export async function topicHeatmap(
  viewer: CurrentUser,
  query: { department?: string; rows: "members" | "departments"; exam?: string },
  now = new Date(),
) {
  const covered = await teamDepartments(viewer, query.department);
  if (!covered) return null;
  const [members, cards, exams] = await Promise.all([
    db.user.findMany({ where: coveredMembersWhere(covered), orderBy: { name: "asc" }, select: { id: true, name: true, departmentId: true } }),
    db.card.findMany({
      where: { deck: { published: true, archived: false }, ...(query.exam ? { examCards: { some: { examId: query.exam } } } : {}) },
      orderBy: [{ deck: { title: "asc" } }, { position: "asc" }],
      select: { id: true, front: true },
    }),
    takenExams(covered),
  ]);
  const cardIds = cards.map((card) => card.id);
  const groups: Group[] =
    query.rows === "departments"
      ? departmentGroups(covered, query.department, members)
      : members.map((member) => ({ id: member.id, name: member.name, kind: "member", memberIds: [member.id] }));
  const groupOf = new Map<string, string | null>(members.map((member) => [member.id, null]));
  for (const group of groups) for (const id of group.memberIds) groupOf.set(id, group.id);

  const allShown = groups.length <= HEATMAP_ROW_LIMIT;
  const sums = await groupSums(groupOf, cardIds, query.exam, now, allShown ? "cells" : "summary");
  const key = (group: string | null, cardId: string | null) => `${group ?? ""}|${cardId ?? ""}`;
  const sumsByKey = new Map(sums.map((row) => [key(row.group, row.cardId), row]));
  /** A cell of `count` members from their sums (none: no exam data, readiness 0). */
  const cellOf = (cardId: string, count: number, found: Sums | undefined): HeatmapCell => ({
    cardId,
    examShare: share(found?.points ?? 0, found?.maxPoints ?? 0),
    examPoints: found?.points ?? 0,
    examMaxPoints: found?.maxPoints ?? 0,
    readiness: count && found ? found.readiness / count : 0,
  });
  const summary = (cells: HeatmapCell[]): Figures => ({
    examShare: share(
      cells.reduce((sum, cell) => sum + cell.examPoints, 0),
      cells.reduce((sum, cell) => sum + cell.examMaxPoints, 0),
    ),
    readiness: cells.length ? cells.reduce((sum, cell) => sum + cell.readiness, 0) / cells.length : 0,
  });

  const columns = cards
    .map((card, index) => ({ ...cellOf(card.id, members.length, sumsByKey.get(key(null, card.id))), front: card.front, index }))
    .sort(weakestFirst);
  const collator = new Intl.Collator("ru");
  const cellsOf = ({ id, memberIds }: Group, from: Map<string, Sums>) =>
    columns.map((column) => cellOf(column.cardId, memberIds.length, from.get(key(id, column.cardId))));
  const row = ({ id, name, kind }: Group, figures: Figures, cells: HeatmapCell[]): HeatmapRow => ({ id, name, kind, ...figures, cells });

  let shown: HeatmapRow[];
  if (allShown) {
    shown = groups
      .map((group) => {
        const cells = cellsOf(group, sumsByKey);
        return row(group, summary(cells), cells);
      })
      .sort((a, b) => weakestFirst(a, b) || collator.compare(a.name, b.name));
  } else {
    const totals = (group: Group): Figures => {
      const found = sumsByKey.get(key(group.id, null));
      const count = group.memberIds.length * cards.length;
      return { examShare: share(found?.points ?? 0, found?.maxPoints ?? 0), readiness: count && found ? found.readiness / count : 0 };
    };
    const weakest = groups
      .map((group) => ({ group, ...totals(group) }))
      .sort((a, b) => weakestFirst(a, b) || collator.compare(a.group.name, b.group.name))
      .slice(0, HEATMAP_ROW_LIMIT);
    const shownOf = new Map(weakest.flatMap(({ group }) => group.memberIds.map((id) => [id, group.id] as const)));
    const cellSums = await groupSums(shownOf, cardIds, query.exam, now, "cells");
    const cellsByKey = new Map(cellSums.map((row) => [key(row.group, row.cardId), row]));
    shown = weakest.map(({ group, ...figures }) => row(group, figures, cellsOf(group, cellsByKey)));
  }

  return {
    departments: covered.pickable,
    exams,
    columns: columns.map(({ cardId, front, examShare, readiness }) => ({ cardId, front, examShare, readiness })),
    rows: shown,
    totalRows: groups.length,
  };
}
