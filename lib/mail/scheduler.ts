// What the portal e-mails on its own, run every few minutes by `npm start` (on every instance):
// reminders of assigned exams due within REMINDER_DAYS or overdue, to employees who have not
// passed them, and a weekly digest to each head. Each message has a dedupe key naming its
// event, so however often (and on however many instances) this runs, each is enqueued once.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { getISOWeek, getISOWeekYear } from "date-fns";
import { db } from "../db";
import { departmentSubtreeIds } from "../org/scope";
import { teamOverviewRows } from "../reports/team";
import { topicHeatmap } from "../reports/topics";
import { companyTimeZone } from "../time-zone";
import { digestKey, digestMail, reminderMail, type DigestContent, type ReminderStage, type Week } from "./messages";
import { enqueueMail, type OutgoingMail } from "./outbox";
import type { MailSettings } from "./settings";

/** How often `npm start` looks for reminders and digests to enqueue. */
export const SCHEDULE_INTERVAL_MS = 10 * 60_000;
/** Reminders go this many days before the due date (the nearest one reached). */
export const REMINDER_DAYS = [1, 3] as const;
/** An exam overdue longer than this gets no reminder (so turning e-mail on does not mail old debts). */
export const OVERDUE_REMINDER_WINDOW_DAYS = 7;
/** The weekly digest goes out from Monday at this hour, company time. */
export const DIGEST_HOUR = 9;
/** How many weakest topics the digest names. */
export const DIGEST_TOPICS = 3;

const DAY_MS = 86_400_000;

export function reminderStage(dueAt: Date, now: Date): ReminderStage | null {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return -left <= OVERDUE_REMINDER_WINDOW_DAYS * DAY_MS ? { kind: "overdue" } : null;
  const days = REMINDER_DAYS.find((n) => left <= n * DAY_MS);
  return days ? { kind: "due", days } : null;
}

/** Keeps the messages whose keys are not in the outbox yet. */
async function unsent(mail: OutgoingMail[]) {
  const known = await db.outboxMessage.findMany({ where: { dedupeKey: { in: mail.map((m) => m.dedupeKey) } }, select: { dedupeKey: true } });
  const keys = new Set(known.map((row) => row.dedupeKey));
  return mail.filter((m) => !keys.has(m.dedupeKey));
}

/** Enqueues the reminders due now; returns how many were added. */
export async function enqueueReminders(settings: MailSettings, now = new Date()): Promise<number> {
  const assignments = await db.assignment.findMany({
    where: {
      exam: { published: true },
      dueAt: { gte: new Date(now.getTime() - OVERDUE_REMINDER_WINDOW_DAYS * DAY_MS), lte: new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS) },
    },
    select: { examId: true, userId: true, departmentId: true, dueAt: true, exam: { select: { title: true } } },
  });
  // Per user and exam, the earliest due date of the assignments that reach them (as the team overview counts it).
  const due = new Map<string, { userId: string; examId: string; title: string; dueAt: Date }>();
  for (const assignment of assignments) {
    const userIds = assignment.userId ? [assignment.userId] : [];
    if (assignment.departmentId) {
      const members = await db.user.findMany({ where: { departmentId: { in: await departmentSubtreeIds([assignment.departmentId]) } }, select: { id: true } });
      userIds.push(...members.map((member) => member.id));
    }
    for (const userId of userIds) {
      const key = `${userId}:${assignment.examId}`;
      const known = due.get(key);
      if (!known || assignment.dueAt! < known.dueAt) due.set(key, { userId, examId: assignment.examId, title: assignment.exam.title, dueAt: assignment.dueAt! });
    }
  }
  const pending = [...due.values()];
  const [users, passed] = await Promise.all([
    db.user.findMany({ where: { id: { in: pending.map((p) => p.userId) }, active: true }, select: { id: true, name: true, email: true } }),
    db.attempt.findMany({
      where: { passed: true, userId: { in: pending.map((p) => p.userId) }, examId: { in: pending.map((p) => p.examId) } },
      distinct: ["userId", "examId"],
      select: { userId: true, examId: true },
    }),
  ]);
  const userById = new Map(users.map((user) => [user.id, user]));
  const passedKeys = new Set(passed.map((row) => `${row.userId}:${row.examId}`));
  const mail: OutgoingMail[] = [];
  for (const item of pending) {
    const user = userById.get(item.userId);
    const stage = reminderStage(item.dueAt, now);
    if (!user || !stage || passedKeys.has(`${item.userId}:${item.examId}`)) continue;
    mail.push(reminderMail(settings, user, { id: item.examId, title: item.title, dueAt: item.dueAt }, stage));
  }
  const fresh = await unsent(mail);
  return db.$transaction((tx) => enqueueMail(tx, fresh));
}

/** The ISO week a digest belongs to: it turns at Monday DIGEST_HOUR, company time. */
export function digestWeek(now: Date, timeZone = companyTimeZone()): Week {
  const local = new TZDate(now.getTime() - DIGEST_HOUR * 3_600_000, timeZone);
  return { year: getISOWeekYear(local), week: getISOWeek(local) };
}

/** Enqueues this week's digest for each active head who has not turned it off; returns how many were added. */
export async function enqueueDigests(settings: MailSettings, now = new Date()): Promise<number> {
  const week = digestWeek(now);
  const heads = await db.user.findMany({
    where: { role: "HEAD", active: true, headOf: { some: {} }, mailOptOuts: { none: { kind: "TEAM_DIGEST" } } },
    select: { id: true, email: true, name: true, position: true, role: true, departmentId: true },
  });
  const sent = new Set(
    (await db.outboxMessage.findMany({ where: { dedupeKey: { in: heads.map((head) => digestKey(head.id, week)) } }, select: { dedupeKey: true } })).map(
      (row) => row.dedupeKey,
    ),
  );
  const mail: OutgoingMail[] = [];
  for (const head of heads) {
    if (sent.has(digestKey(head.id, week))) continue;
    // The head's own scope, as their dashboard shows it.
    const [overview, heatmap] = await Promise.all([teamOverviewRows(head, { sort: "name" }, now), topicHeatmap(head, { rows: "members" }, now)]);
    const content: DigestContent = { overdue: [], failed: [], weakest: [] };
    for (const member of overview?.members ?? []) {
      for (const exam of member.exams) {
        const row = { name: member.name, departmentName: member.departmentName, exam: exam.title };
        if (exam.status === "overdue") content.overdue.push(row);
        if (exam.status === "failed") content.failed.push(row);
      }
    }
    content.weakest = (heatmap?.columns ?? [])
      .filter((column): column is typeof column & { examShare: number } => column.examShare !== null)
      .slice(0, DIGEST_TOPICS)
      .map(({ front, examShare }) => ({ front, examShare }));
    mail.push(digestMail(settings, head, week, content));
  }
  return db.$transaction((tx) => enqueueMail(tx, mail));
}

/** One scheduler run: reminders, then digests. */
export async function scheduleMail(settings: MailSettings, now = new Date()) {
  return { reminders: await enqueueReminders(settings, now), digests: await enqueueDigests(settings, now) };
}
