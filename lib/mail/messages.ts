// The portal's e-mails, composed from the strings in lib/i18n/ru/mail.ts.
import "server-only";
import { createHash } from "node:crypto";
import { messages } from "../i18n";
import { formatDateTime, formatPercent } from "../i18n/format";
import { companyTimeZone } from "../time-zone";
import { SECRET_PLACEHOLDER, type OutgoingMail } from "./outbox";
import { renderMail } from "./render";
import type { MailSettings } from "./settings";
import { unsubscribePath, unsubscribeToken } from "./unsubscribe";

type Recipient = { id: string; name: string; email: string };

const at = (date: Date) => formatDateTime(date, companyTimeZone());

/** A set-password link e-mailed instead of shown to HR; the link's path is the message's secret. */
export function passwordLinkMail(settings: MailSettings, user: Recipient, link: { path: string; expiresAt: Date }): OutgoingMail {
  const t = messages().mail;
  return {
    kind: "PASSWORD_LINK",
    // The link's own path is a secret: the key names it by its hash.
    dedupeKey: `password-link:${createHash("sha256").update(link.path).digest("hex")}`,
    userId: user.id,
    recipient: user.email,
    secret: link.path,
    ...renderMail({
      subject: t.passwordLink.subject,
      greeting: t.greeting(user.name),
      blocks: [{ paragraph: t.passwordLink.intro }],
      action: { label: t.passwordLink.action, url: `${settings.portalUrl}${SECRET_PLACEHOLDER}` },
      notes: [t.passwordLink.expires(at(link.expiresAt))],
    }),
  };
}

export type ReminderStage = { kind: "due"; days: number } | { kind: "overdue" };

export function reminderMail(
  settings: MailSettings,
  user: Recipient,
  exam: { id: string; title: string; dueAt: Date },
  stage: ReminderStage,
): OutgoingMail {
  const t = messages().mail;
  const due = stage.kind === "due";
  return {
    kind: due ? "DUE_REMINDER" : "OVERDUE_REMINDER",
    dedupeKey: `reminder:${exam.id}:${user.id}:${exam.dueAt.toISOString()}:${due ? `due-${stage.days}d` : "overdue"}`,
    userId: user.id,
    recipient: user.email,
    ...renderMail({
      subject: due ? t.dueReminder.subject(exam.title, stage.days) : t.overdueReminder.subject(exam.title),
      greeting: t.greeting(user.name),
      blocks: [{ paragraph: (due ? t.dueReminder : t.overdueReminder).intro(exam.title, at(exam.dueAt)) }],
      action: { label: t.dueReminder.action, url: `${settings.portalUrl}/exams/${exam.id}` },
      notes: [t.mandatoryNote],
    }),
  };
}

export type DigestContent = {
  overdue: { name: string; departmentName: string; exam: string }[];
  failed: { name: string; departmentName: string; exam: string }[];
  weakest: { front: string; examShare: number }[];
};

/** An ISO week of the company's calendar. */
export type Week = { year: number; week: number };

export const digestKey = (headId: string, { year, week }: Week) => `digest:${headId}:${year}-W${String(week).padStart(2, "0")}`;

export function digestMail(settings: MailSettings, head: Recipient, week: Week, content: DigestContent): OutgoingMail {
  const t = messages().mail;
  const list = (heading: string, items: string[]) => ({ heading, items: items.length ? items : [t.digest.none] });
  const member = (row: DigestContent["overdue"][number]) => t.digest.member(row.name, row.departmentName, row.exam);
  return {
    kind: "TEAM_DIGEST",
    dedupeKey: digestKey(head.id, week),
    userId: head.id,
    recipient: head.email,
    ...renderMail({
      subject: t.digest.subject(week.year, week.week),
      greeting: t.greeting(head.name),
      blocks: [
        { paragraph: t.digest.intro },
        list(t.digest.overdue, content.overdue.map(member)),
        list(t.digest.failed, content.failed.map(member)),
        list(t.digest.weakest, content.weakest.map((topic) => t.digest.topic(topic.front, formatPercent(topic.examShare)))),
      ],
      action: { label: t.digest.action, url: `${settings.portalUrl}/team` },
      notes: [],
      unsubscribeUrl: `${settings.portalUrl}${unsubscribePath(unsubscribeToken(head.id, "TEAM_DIGEST"))}`,
    }),
  };
}
