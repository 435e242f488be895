// Week-by-week results of a team: how many finished attempts, how many passed, and
// the mean score. Weeks are the company's weeks (Monday to Sunday in
// COMPANY_TIME_ZONE), bucketed in SQL, whatever the team's size.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { startOfWeek, subWeeks } from "date-fns";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { companyTimeZone } from "../time-zone";
import { coveredMembersSql, coveredMembersWhere, teamDepartments, type TeamDepartments } from "./team-scope";

/** How far back the trends look: this many weeks, the current one included. */
export const TREND_WEEKS = 52;

export const trendsQuerySchema = z.object({
  department: z.string().max(64).optional().catch(undefined),
  exam: z.string().max(64).optional().catch(undefined),
});
export type TrendsQuery = z.infer<typeof trendsQuerySchema>;

export type TrendWeek = {
  /** The Monday that starts the week, YYYY-MM-DD in the company's calendar. */
  weekStart: string;
  attempts: number;
  passed: number;
  /** Share of the week's attempts that passed, in [0, 1]; null in a week without attempts. */
  passRate: number | null;
  /** Mean of the attempts' percent scores (0–100); null in a week without attempts. */
  meanPercent: number | null;
};

/** The exams that members covered by a team view have finished attempts on, by title. */
export function takenExams(covered: TeamDepartments) {
  return db.exam.findMany({
    where: { attempts: { some: { status: { in: ["SUBMITTED", "EXPIRED"] }, user: coveredMembersWhere(covered) } } },
    orderBy: { title: "asc" },
    select: { id: true, title: true },
  });
}

const nextWeek = (weekStart: string) => new Date(Date.parse(`${weekStart}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);

/** The weeks from the first to the last with attempts, a week without any included as an empty one (a gap in the chart). */
function withEmptyWeeks(weeks: TrendWeek[]): TrendWeek[] {
  if (weeks.length === 0) return [];
  const byStart = new Map(weeks.map((week) => [week.weekStart, week]));
  const all: TrendWeek[] = [];
  for (let start = weeks[0].weekStart; start <= weeks[weeks.length - 1].weekStart; start = nextWeek(start)) {
    all.push(byStart.get(start) ?? { weekStart: start, attempts: 0, passed: 0, passRate: null, meanPercent: null });
  }
  return all;
}

/**
 * Finished attempts of the members covered for `viewer` (optionally on one exam) per
 * company week, over the last TREND_WEEKS weeks up to `now`. Null when the chosen
 * department is outside the viewer's scope.
 */
export async function teamTrends(viewer: CurrentUser, query: { department?: string; exam?: string }, now = new Date()) {
  const covered = await teamDepartments(viewer, query.department);
  if (!covered) return null;
  const timeZone = companyTimeZone();
  const since = new Date(subWeeks(startOfWeek(new TZDate(now, timeZone), { weekStartsOn: 1 }), TREND_WEEKS - 1).getTime());
  const [rows, exams] = await Promise.all([
    // "submittedAt" is a UTC timestamp without a zone: read it as UTC, then as the company's wall clock.
    db.$queryRaw<{ weekStart: string; attempts: number; passed: number; meanPercent: number | null }[]>`
      SELECT to_char(date_trunc('week', a."submittedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}::text), 'YYYY-MM-DD') AS "weekStart",
        count(*)::int AS attempts,
        count(*) FILTER (WHERE a."passed")::int AS passed,
        avg(a."percent")::float8 AS "meanPercent"
      FROM "Attempt" a JOIN "User" u ON u."id" = a."userId"
      WHERE a."status" IN ('SUBMITTED', 'EXPIRED') AND ${coveredMembersSql(covered, "u")}
        AND a."submittedAt" >= ${since} AND a."submittedAt" <= ${now}
        ${query.exam ? Prisma.sql`AND a."examId" = ${query.exam}` : Prisma.empty}
      GROUP BY 1
      ORDER BY 1`,
    takenExams(covered),
  ]);
  const weeks = rows.map((row) => ({ ...row, passRate: row.passed / row.attempts }));
  return { departments: covered.pickable, exams, weeks: withEmptyWeeks(weeks) };
}
