// Study activity per company day: flashcard reviews and practice answers.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { db } from "../db";
import { companyDate } from "./calendar";
import { companyTimeZone } from "../time-zone";

export const HEATMAP_DAYS = 30;

/** Activity counts for the last 30 company days (oldest first) and the current streak of active days. */
export async function studyActivity(userId: string, now = new Date()) {
  const timeZone = companyTimeZone();
  const since = addDays(now, -366);
  // Prisma stores UTC in "timestamp without time zone": read it as UTC, then convert.
  const rows = await db.$queryRaw<{ day: string; count: bigint }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*) AS count FROM (
      SELECT ("reviewedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone})::date AS day
        FROM "ReviewLog" WHERE "userId" = ${userId} AND "reviewedAt" >= ${since}
      UNION ALL
      SELECT ("answeredAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone})::date
        FROM "PracticeAnswer" WHERE "userId" = ${userId} AND "answeredAt" >= ${since}
    ) activity GROUP BY day`;
  const byDay = new Map(rows.map((row) => [row.day, Number(row.count)]));

  const local = new TZDate(now, timeZone);
  const dayOf = (daysFromToday: number) => companyDate(addDays(local, daysFromToday), timeZone);
  const heatmap = Array.from({ length: HEATMAP_DAYS }, (_, index) => {
    const date = dayOf(index - HEATMAP_DAYS + 1);
    return { date, count: byDay.get(date) ?? 0 };
  });

  // A streak counts consecutive active days up to today; today not yet studied does not break it.
  let streak = 0;
  let offset = byDay.has(dayOf(0)) ? 0 : 1;
  while (byDay.has(dayOf(-offset))) {
    streak++;
    offset++;
  }
  return { heatmap, streak, today: byDay.get(dayOf(0)) ?? 0 };
}
