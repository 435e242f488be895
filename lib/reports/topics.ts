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
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { readinessOfUsers } from "../study/readiness";
import { coveredMembersSql, coveredMembersWhere, teamDepartments, type TeamDepartments } from "./team-scope";
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

const share = (points: number, maxPoints: number) => (maxPoints > 0 ? points / maxPoints : null);

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
 * The heatmap of the members covered for `viewer`: `rows` by member or by unit,
 * exam shares optionally from one exam only (then its cards are the columns).
 * Columns and rows come weakest first; at most HEATMAP_ROW_LIMIT rows.
 * Null when the chosen department is outside the viewer's scope.
 */
type ExamPoints = { userId: string; cardId: string; points: number; maxPoints: number };

/** Exam points per covered member and card in one exam: the sums of its finished attempts' breakdowns. */
function examPointsOfExam(covered: TeamDepartments, cardIds: string[], examId: string) {
  return db.$queryRaw<ExamPoints[]>`
    SELECT a."userId", card."cardId", sum(card."points") AS points, sum(card."maxPoints") AS "maxPoints"
    FROM "Attempt" a
    JOIN "User" u ON u."id" = a."userId"
    CROSS JOIN LATERAL jsonb_to_recordset(a."breakdown") AS card("cardId" text, "points" float8, "maxPoints" float8)
    WHERE a."examId" = ${examId} AND a."status" IN ('SUBMITTED', 'EXPIRED') AND ${coveredMembersSql(covered, "u")}
      AND card."cardId" = ANY(${cardIds}::text[])
    GROUP BY a."userId", card."cardId"`;
}

/** Exam points per covered member and card over all exams: the running totals the database keeps (TopicScore). */
function examPointsOfAllExams(covered: TeamDepartments, cardIds: string[]) {
  return db.$queryRaw<ExamPoints[]>`
    SELECT score."userId", score."cardId", score."points", score."maxPoints"
    FROM "TopicScore" score
    JOIN "User" u ON u."id" = score."userId"
    WHERE ${coveredMembersSql(covered, "u")} AND score."cardId" = ANY(${cardIds}::text[])`;
}

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
  const memberIds = members.map((member) => member.id);
  const cardIds = cards.map((card) => card.id);

  const [examRows, readiness] = await Promise.all([
    query.exam ? examPointsOfExam(covered, cardIds, query.exam) : examPointsOfAllExams(covered, cardIds),
    readinessOfUsers(memberIds, cardIds, now),
  ]);
  // Per member, figures by the card's index in `cards` (0 where no exam data).
  const cardIndex = new Map(cardIds.map((id, index) => [id, index]));
  const examOf = new Map<string, { points: number[]; maxPoints: number[] }>();
  for (const row of examRows) {
    let exam = examOf.get(row.userId);
    if (!exam) examOf.set(row.userId, (exam = { points: cardIds.map(() => 0), maxPoints: cardIds.map(() => 0) }));
    const index = cardIndex.get(row.cardId)!;
    exam.points[index] = row.points;
    exam.maxPoints[index] = row.maxPoints;
  }
  /** Readiness per member, by the card's index (readinessOfUsers keeps the order of `cardIds`). */
  const readinessOf = new Map([...readiness].map(([userId, figures]) => [userId, figures.cards.map((card) => card.readiness)]));

  /** Exam points summed and readiness averaged over a set of members, for the cards at `indexes`. */
  const cellsOf = (ids: string[], indexes: number[]): HeatmapCell[] => {
    const exams = ids.map((id) => examOf.get(id));
    const ready = ids.map((id) => readinessOf.get(id)!);
    return indexes.map((index) => {
      let points = 0;
      let maxPoints = 0;
      let readySum = 0;
      for (let member = 0; member < ids.length; member++) {
        points += exams[member]?.points[index] ?? 0;
        maxPoints += exams[member]?.maxPoints[index] ?? 0;
        readySum += ready[member][index];
      }
      const readiness = ids.length ? readySum / ids.length : 0;
      return { cardId: cardIds[index], examShare: share(points, maxPoints), examPoints: points, examMaxPoints: maxPoints, readiness };
    });
  };
  const summary = (cells: HeatmapCell[]): Figures => ({
    examShare: share(
      cells.reduce((sum, cell) => sum + cell.examPoints, 0),
      cells.reduce((sum, cell) => sum + cell.examMaxPoints, 0),
    ),
    readiness: cells.length ? cells.reduce((sum, cell) => sum + cell.readiness, 0) / cells.length : 0,
  });

  const teamCells = cellsOf(memberIds, cardIds.map((_, index) => index));
  const columns = cards.map((card, index) => ({ ...teamCells[index], front: card.front, index })).sort(weakestFirst);
  const columnOrder = columns.map((column) => column.index);

  const groups: Group[] =
    query.rows === "departments"
      ? departmentGroups(covered, query.department, members)
      : members.map((member) => ({ id: member.id, name: member.name, kind: "member", memberIds: [member.id] }));
  const collator = new Intl.Collator("ru");
  const rows: HeatmapRow[] = groups
    .map(({ memberIds: ids, ...group }) => {
      const cells = cellsOf(ids, columnOrder);
      return { ...group, ...summary(cells), cells };
    })
    .sort((a, b) => weakestFirst(a, b) || collator.compare(a.name, b.name));

  return {
    departments: covered.pickable,
    exams,
    columns: columns.map(({ cardId, front, examShare, readiness }) => ({ cardId, front, examShare, readiness })),
    rows: rows.slice(0, HEATMAP_ROW_LIMIT),
    totalRows: rows.length,
  };
}
