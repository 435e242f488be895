import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { createUser, resetPassword } from "../admin/users";
import { createUserSchema } from "../admin/users.schema";
import { parseEnv } from "../env";
import { messages } from "../i18n";
import { viewer } from "../testing/database";
import { createExam, deckCards, seedPortal } from "../testing/fixtures";
import { refusal, startSmtpServer } from "../testing/smtp";
import { passwordLinkState } from "../users/password-links";
import { enqueueMail } from "./outbox";
import { renderMail } from "./render";
import { enqueueDigests, enqueueReminders, scheduleMail } from "./scheduler";
import { LEASE_MS, MAX_ATTEMPTS, retryDelay, sendDueMessages } from "./sender";
import { mailSettings } from "./settings";
import { readUnsubscribeToken, unsubscribe, unsubscribeState, unsubscribeToken } from "./unsubscribe";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A Wednesday, 12:00 in Moscow. */
const NOW = new Date("2026-12-09T09:00:00.000Z");
const after = (base: Date, ms: number) => new Date(base.getTime() + ms);

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

const send = (now = NOW) => sendDueMessages({ settings: smtp.settings, now });
const outbox = () => db.outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
const receivedBy = (email: string) => smtp.received.filter((message) => message.to.includes(email));
const linksIn = (text: string) => [...text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);

/** A plain message for the sender tests. */
function testMail(n: number) {
  return {
    kind: "DUE_REMINDER" as const,
    dedupeKey: `test:${n}`,
    userId: null,
    recipient: `person-${n}@company.example`,
    ...renderMail({ subject: `Письмо ${n}`, greeting: "Здравствуйте!", blocks: [], action: { label: "Портал", url: "https://portal.company.example/" }, notes: [] }),
  };
}

beforeAll(async () => {
  await seedPortal();
  smtp = await startSmtpServer();
});

afterAll(() => smtp.close());

beforeEach(async () => {
  await db.outboxMessage.deleteMany();
  await db.mailOptOut.deleteMany();
  smtp.received.length = 0;
  smtp.state.rcptCount = 0;
  smtp.state.onRecipient = () => null;
  smtp.state.onData = () => null;
  smtp.state.delayMs = 0;
});

describe("mail settings", () => {
  it("turns e-mail off without SMTP_URL and requires a sender and the portal's address with it", () => {
    expect(mailSettings(parseEnv({}))).toBeNull();
    expect(mailSettings(parseEnv({ SMTP_URL: "smtp://mail.example:587", MAIL_FROM: "portal@company.example", PORTAL_URL: "https://portal.example/" }))).toEqual({
      smtpUrl: "smtp://mail.example:587",
      from: "portal@company.example",
      portalUrl: "https://portal.example",
    });
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example" })).toThrow(/^Environment variable MAIL_FROM is invalid: must be set when SMTP_URL is set/);
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example", MAIL_FROM: "a@b.example" })).toThrow(/^Environment variable PORTAL_URL is invalid/);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example" })).toThrow(/^Environment variable SMTP_URL is invalid: must look like smtp:/);
  });
});

describe("set-password links by e-mail", () => {
  it("enqueues the link with the user's creation, keeps the token out of the stored message and delivers a working link", async () => {
    const hr = await viewer("hr@demo.local");
    const input = createUserSchema.parse({ name: "Почтова Анна", email: "pochtova@company.example", position: "", departmentId: "", role: "EMPLOYEE" });
    const outcome = await createUser(hr, { ...input, credential: "email" });
    expect(outcome).toMatchObject({ ok: true, kind: "email", email: "pochtova@company.example" });
    expect(JSON.stringify(outcome)).not.toContain("/set-password/");

    const [queued] = await outbox();
    expect(queued).toMatchObject({ kind: "PASSWORD_LINK", recipient: "pochtova@company.example", status: "WAITING" });
    expect(queued.text + queued.html + queued.dedupeKey).not.toContain("/set-password/");

    expect(await send()).toEqual({ sent: 1, failed: 0 });
    const [message] = receivedBy("pochtova@company.example");
    expect(message.parsed.subject).toBe(messages().mail.passwordLink.subject);
    expect(message.parsed.from?.text).toContain("attestation@company.example");
    const [link] = linksIn(message.parsed.text ?? "");
    expect(link).toMatch(/^https:\/\/portal\.company\.example\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect(message.parsed.html).toContain(`href="${link}"`);
    expect(await passwordLinkState(link.split("/").pop()!)).toMatchObject({ status: "valid", email: "pochtova@company.example" });
    // Sent: the secret is gone from the outbox.
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "SENT", secret: null });
  });

  it("e-mails a reset's link too, and enqueues nothing when the change is refused", async () => {
    const hr = await viewer("hr@demo.local");
    const employee = await userId("employee@demo.local");
    expect(await resetPassword(hr, { userId: employee, credential: "email" })).toMatchObject({ ok: true, kind: "email", email: "employee@demo.local" });
    expect(await resetPassword(hr, { userId: await userId("admin@demo.local"), credential: "email" })).toMatchObject({ ok: false, error: "forbidden" });
    expect((await outbox()).map((row) => row.recipient)).toEqual(["employee@demo.local"]);
  });
});

describe("with e-mail off", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("refuses to e-mail a set-password link, naming the field, and writes nothing", async () => {
    vi.stubEnv("SMTP_URL", "");
    vi.resetModules();
    const users = await import("../admin/users");
    const hr = await viewer("hr@demo.local");
    const input = createUserSchema.parse({ name: "Безпочтова Анна", email: "no-mail@company.example", position: "", departmentId: "", role: "EMPLOYEE" });
    expect(await users.createUser(hr, { ...input, credential: "email" })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { credential: [messages().admin.users.errors.mailOff] },
    });
    expect(await users.resetPassword(hr, { userId: await userId("employee@demo.local"), credential: "email" })).toMatchObject({
      ok: false,
      error: "invalid",
    });
    expect(await db.user.count({ where: { email: "no-mail@company.example" } })).toBe(0);
    expect(await outbox()).toEqual([]);
  });
});

describe("sender", () => {
  it.each([
    ["RCPT TO", 450, () => (smtp.state.onRecipient = () => refusal(450, "Mailbox busy, try later"))],
    ["DATA", 554, () => (smtp.state.onData = () => refusal(554, "Message rejected"))],
  ])("retries a delivery refused at %s (%i) with backoff, then marks it failed with the reason", async (_stage, code, refuse) => {
    refuse();
    await db.$transaction((tx) => enqueueMail(tx, [testMail(1)]));
    let now = NOW;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await send(now)).toEqual({ sent: 0, failed: 0 });
      const [row] = await outbox();
      expect(row).toMatchObject({ status: "WAITING", attempts: attempt, nextAttemptAt: after(now, retryDelay(attempt)) });
      expect(row.lastError).toContain(String(code));
      // Not due before its backoff ends.
      await send(after(now, retryDelay(attempt) - 1000));
      expect((await outbox())[0].attempts).toBe(attempt);
      now = after(now, retryDelay(attempt));
    }
    expect(await send(now)).toEqual({ sent: 0, failed: 1 });
    const [failed] = await outbox();
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, sentAt: null });
    expect(failed.lastError).toContain(String(code));
    expect(smtp.state.rcptCount).toBe(MAX_ATTEMPTS);
    expect(smtp.received).toHaveLength(0);
    // Failed for good: never tried again.
    await send(after(now, DAY));
    expect(smtp.state.rcptCount).toBe(MAX_ATTEMPTS);
  });

  it("never sends a message twice when two senders run at once", async () => {
    await db.$transaction((tx) => enqueueMail(tx, Array.from({ length: 45 }, (_, n) => testMail(n))));
    smtp.state.delayMs = 5;
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.sent + second.sent).toBe(45);
    // Both took part.
    expect(first.sent).toBeGreaterThan(0);
    expect(second.sent).toBeGreaterThan(0);
    expect(smtp.received).toHaveLength(45);
    expect(new Set(smtp.received.map((message) => message.parsed.messageId)).size).toBe(45);
    expect(new Set(smtp.received.map((message) => message.to[0])).size).toBe(45);
    expect(await db.outboxMessage.count({ where: { status: "SENT" } })).toBe(45);
    // Each run keeps one SMTP connection for all its messages.
    expect(new Set(smtp.received.map((message) => message.connection)).size).toBe(2);
    expect(await send()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(45);
  });

  it("sends again a message whose sender died after claiming it, once its lease has run out", async () => {
    await db.$transaction((tx) => enqueueMail(tx, [testMail(1)]));
    // A sender claimed it at NOW and died.
    await db.outboxMessage.updateMany({ data: { status: "SENDING", attempts: 1, leaseUntil: after(NOW, LEASE_MS) } });
    expect(await send(after(NOW, LEASE_MS - 1000))).toEqual({ sent: 0, failed: 0 });
    expect(await send(after(NOW, LEASE_MS + 1000))).toEqual({ sent: 1, failed: 0 });
    expect(await outbox()).toMatchObject([{ status: "SENT", attempts: 2 }]);
    expect(smtp.received).toHaveLength(1);
  });

  it("sends nothing while e-mail is off", async () => {
    await db.$transaction((tx) => enqueueMail(tx, [testMail(1)]));
    expect(await sendDueMessages({ settings: null, now: NOW })).toEqual({ sent: 0, failed: 0 });
    expect(await outbox()).toMatchObject([{ status: "WAITING", attempts: 0 }]);
  });
});

describe("reminders", () => {
  let examId: string;
  let examTitle: string;
  const DUE = after(NOW, 2.5 * DAY);

  beforeAll(async () => {
    const exam = await createExam({ assignTo: { department: "customer-support" }, dueAt: DUE });
    examId = exam.id;
    examTitle = exam.title;
    // Passed: no reminders for them.
    await db.attempt.create({
      data: { userId: await userId("a.boikova@company.example"), examId, status: "SUBMITTED", deadline: NOW, startedAt: NOW, percent: 90, passed: true },
    });
  });

  const reminders = async () =>
    (await db.outboxMessage.findMany({ where: { kind: { in: ["DUE_REMINDER", "OVERDUE_REMINDER"] } }, orderBy: [{ recipient: "asc" }, { createdAt: "asc" }] })).map((row) => ({
      recipient: row.recipient,
      key: row.dedupeKey.split(":").pop(),
    }));

  it("reminds those who have not passed 3 days, 1 day before the due date and once overdue, each once however often it runs", async () => {
    const settings = smtp.settings;
    expect(await enqueueReminders(settings, after(NOW, -DAY))).toBe(0);
    const counts = await Promise.all([enqueueReminders(settings, NOW), enqueueReminders(settings, NOW)]).catch(() => null);
    expect(counts).not.toBeNull();
    expect(await enqueueReminders(settings, after(NOW, HOUR))).toBe(0);
    expect(await reminders()).toEqual([{ recipient: "employee@demo.local", key: "due-3d" }]);

    expect(await enqueueReminders(settings, after(DUE, -20 * HOUR))).toBe(1);
    expect(await enqueueReminders(settings, after(DUE, -10 * HOUR))).toBe(0);
    expect(await enqueueReminders(settings, after(DUE, HOUR))).toBe(1);
    expect(await enqueueReminders(settings, after(DUE, 2 * DAY))).toBe(0);
    expect(await reminders()).toEqual([
      { recipient: "employee@demo.local", key: "due-3d" },
      { recipient: "employee@demo.local", key: "due-1d" },
      { recipient: "employee@demo.local", key: "overdue" },
    ]);

    await send(after(DUE, HOUR));
    const subjectEnding = (ending: string) => receivedBy("employee@demo.local").find((message) => message.parsed.subject?.endsWith(ending))!;
    const [due3, due1, overdue] = ["3 дня", "1 день", "прошёл"].map(subjectEnding);
    expect(receivedBy("employee@demo.local")).toHaveLength(3);
    expect(due3.parsed.subject).toBe(`Экзамен «${examTitle}»: осталось 3 дня`);
    expect(due1.parsed.subject).toBe(`Экзамен «${examTitle}»: осталось 1 день`);
    expect(overdue.parsed.subject).toBe(`Экзамен «${examTitle}»: срок сдачи прошёл`);
    for (const message of [due3, due1, overdue]) {
      expect(linksIn(message.parsed.text ?? "")).toEqual([`https://portal.company.example/exams/${examId}`]);
      expect(message.parsed.html).toContain(`href="https://portal.company.example/exams/${examId}"`);
      // Mandatory: no way to unsubscribe.
      expect(message.raw).not.toMatch(/^List-Unsubscribe/im);
    }
  });

  it("reminds afresh when HR moves the due date", async () => {
    await enqueueReminders(smtp.settings, NOW);
    await db.assignment.updateMany({ where: { examId }, data: { dueAt: after(DUE, DAY) } });
    expect(await enqueueReminders(smtp.settings, after(DUE, -12 * HOUR))).toBe(1);
    await db.assignment.updateMany({ where: { examId }, data: { dueAt: DUE } });
  });
});

describe("weekly digest", () => {
  const head = "i.zasypkin@company.example";

  beforeAll(async () => {
    const engineer = await userId("engineer@demo.local");
    await createExam({ title: "Просроченный экзамен", assignTo: { department: "system-engineers" }, dueAt: after(NOW, -DAY) });
    const failedExam = await createExam({ title: "Несданный экзамен", assignTo: { department: "system-engineers" }, dueAt: after(NOW, 10 * DAY) });
    const [weak] = await deckCards();
    weakTopic = weak.front;
    await db.attempt.create({
      data: {
        userId: engineer,
        examId: failedExam.id,
        status: "SUBMITTED",
        deadline: NOW,
        startedAt: NOW,
        percent: 0,
        passed: false,
        breakdown: [{ cardId: weak.id, points: 0, maxPoints: 2 }],
      },
    });
  });
  let weakTopic: string;

  it("sends each head one digest a week with who is overdue, who failed and a link to the team", async () => {
    const [first, second] = await Promise.all([enqueueDigests(smtp.settings, NOW), enqueueDigests(smtp.settings, NOW)]).catch(() => [-1, -1]);
    const heads = await db.user.count({ where: { role: "HEAD", active: true, headOf: { some: {} } } });
    expect(first + second).toBe(heads);
    expect(await enqueueDigests(smtp.settings, after(NOW, 2 * DAY))).toBe(0);
    expect(await db.outboxMessage.count({ where: { kind: "TEAM_DIGEST" } })).toBe(heads);

    await send();
    const [digest] = receivedBy(head);
    expect(digest.parsed.subject).toBe("Сводка по команде: 50-я неделя 2026 года");
    const text = digest.parsed.text ?? "";
    const section = (heading: string) => text.split(`${heading}:\n`)[1].split("\n\n")[0].split("\n");
    const engineer = (await db.user.findUniqueOrThrow({ where: { email: "engineer@demo.local" } })).name;
    expect(section("Просрочили экзамен")).toContain(`- ${engineer} (Системные инженеры) — «Просроченный экзамен»`);
    expect(section("Не сдали экзамен")).toEqual([`- ${engineer} (Системные инженеры) — «Несданный экзамен»`]);
    expect(section("Самые слабые темы команды")[0]).toBe(`- ${weakTopic} — 0% баллов на экзаменах`);
    expect(linksIn(text)[0]).toBe("https://portal.company.example/team");
    const headers = digest.raw.replace(/\r\n[ \t]+/g, " ");
    expect(headers).toMatch(/^List-Unsubscribe: <https:\/\/portal\.company\.example\/api\/unsubscribe\/[^>]+>\r?$/m);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // The next week (from Monday 09:00 Moscow time), another one.
    expect(await enqueueDigests(smtp.settings, new Date("2026-12-14T05:59:00.000Z"))).toBe(0);
    expect(await enqueueDigests(smtp.settings, new Date("2026-12-14T06:00:00.000Z"))).toBe(heads);
  });

  it("stops the digest after unsubscribing through its link, but not the mandatory reminders", async () => {
    await enqueueDigests(smtp.settings, NOW);
    await send();
    const [digest] = receivedBy(head);
    const link = linksIn(digest.parsed.text ?? "").find((url) => url.includes("/unsubscribe/"))!;
    const token = link.split("/unsubscribe/")[1];
    expect(await unsubscribeState(token)).toEqual({ status: "subscribed", kind: "TEAM_DIGEST" });
    expect(await unsubscribe(token)).toEqual({ status: "unsubscribed", kind: "TEAM_DIGEST" });
    expect(await unsubscribe(token)).toEqual({ status: "unsubscribed", kind: "TEAM_DIGEST" });

    const nextWeek = after(NOW, 7 * DAY);
    await enqueueDigests(smtp.settings, nextWeek);
    expect(await db.outboxMessage.findMany({ where: { kind: "TEAM_DIGEST", recipient: head } })).toHaveLength(1);

    // Reminders are mandatory: no link can be made or forged for them, and the head still gets them.
    const headId = await userId(head);
    expect(() => unsubscribeToken(headId, "DUE_REMINDER")).toThrow(/mandatory/);
    expect(readUnsubscribeToken(token.replace("TEAM_DIGEST", "DUE_REMINDER"))).toBeNull();
    expect(await unsubscribe(`${headId}.DUE_REMINDER.${token.split(".")[2]}`)).toEqual({ status: "invalid" });
    const exam = await createExam({ assignTo: { userId: headId }, dueAt: after(nextWeek, DAY) });
    await scheduleMail(smtp.settings, nextWeek);
    expect(await db.outboxMessage.count({ where: { recipient: head, kind: "DUE_REMINDER", dedupeKey: { contains: exam.id } } })).toBe(1);
  });

  it("refuses a forged or altered unsubscribe link", async () => {
    const token = unsubscribeToken(await userId(head), "TEAM_DIGEST");
    expect(await unsubscribeState(`${token.slice(0, -2)}xx`)).toEqual({ status: "invalid" });
    expect(await unsubscribeState(token.replace(/^[^.]+/, await userId("employee@demo.local")))).toEqual({ status: "invalid" });
    expect(await unsubscribeState("nonsense")).toEqual({ status: "invalid" });
    expect(await db.mailOptOut.count()).toBe(0);
  });
});
