import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { findAssignedExam } from "../exams/access";
import { saveResponse, startAttempt, submitAttempt } from "../exams/attempts";
import { getPublishedDeck, type PublishedDeck } from "../content/decks";
import { deckReadiness } from "../study/readiness";
import { rateCard } from "../study/review";
import type { StudyRating } from "../study/scheduler";
import { addAttemptRow, attemptItems, correctResponse, createExam, DECK, MINUTE, seedPortal, t0 } from "../testing/fixtures";
import {
  examStatus,
  TEAM_PAGE_SIZE,
  teamAttemptReview,
  teamMember,
  teamOverview,
  teamOverviewRows,
  teamQuerySchema,
  type ExamStatus,
  type TeamMember,
} from "./team";

// The explicit clock of every call: nine days after the fixtures' t0 (2026-12-01).
const DAY = 86_400_000;
const NOW = new Date("2026-12-10T09:00:00.000Z");
const after = (base: Date, ms: number) => new Date(base.getTime() + ms);

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;

/** A query as the page would parse it from the URL. */
const query = (input: Record<string, unknown> = {}) => teamQuerySchema.parse(input);

/** The overview, which must exist (not null). */
async function overview(who: CurrentUser, input: Record<string, unknown> = {}, now = NOW) {
  const result = await teamOverview(who, query(input), now);
  if (!result) throw new Error("expected an overview, got null");
  return result;
}

const emailsOf = (members: { email: string }[]) => members.map((member) => member.email).toSorted();

/** Every page of an overview, in order. */
async function allPages(who: CurrentUser, input: Record<string, unknown> = {}, now = NOW) {
  const first = await overview(who, input, now);
  const members = [...first.members];
  for (let page = 2; page <= first.pages; page++) members.push(...(await overview(who, { ...input, page }, now)).members);
  return { ...first, members };
}

async function createMember(email: string, name: string, departmentKey: string | null, fields: { active?: boolean; position?: string } = {}) {
  return db.user.create({
    data: { email, name, departmentId: departmentKey ? await departmentId(departmentKey) : null, ...fields },
  });
}

/** Starts an attempt with the real lifecycle, answers every item right and submits it. */
async function passExam(taker: { id: string; departmentId: string | null }, examId: string, start: Date) {
  const started = await startAttempt(taker, examId, start);
  if (started.status !== "started") throw new Error(`expected a started attempt, got "${started.status}"`);
  const items = await attemptItems(started.attemptId);
  for (const item of items) {
    const saved = await saveResponse(taker, started.attemptId, item.id, { response: correctResponse(item), seq: 1 }, after(start, MINUTE));
    expect(saved.status).toBe("saved");
  }
  const submitted = await submitAttempt(taker, started.attemptId, after(start, 2 * MINUTE));
  expect(submitted).toMatchObject({ attemptStatus: "SUBMITTED", passed: true, percent: 100 });
  return { attemptId: started.attemptId, items };
}

async function publishedDeck(): Promise<PublishedDeck> {
  const deck = await getPublishedDeck(DECK);
  if (!deck) throw new Error(`deck ${DECK} is not published`);
  return deck;
}

/** Rates the given cards for a user, each for the first time. */
async function rate(memberId: string, deck: PublishedDeck, cards: { id: string }[], rating: StudyRating, when: Date) {
  for (const card of cards) {
    const result = await rateCard(memberId, deck.id, { cardId: card.id, rating, expectedReps: 0 }, when);
    expect(result.status).toBe("rated");
  }
}

const SPS_TEAM = [
  "a.boikova@company.example",
  "e.gorshkov@company.example",
  "employee@demo.local",
  "engineer@demo.local",
  "i.zasypkin@company.example",
];

describe("examStatus", () => {
  const due = new Date("2026-12-25T15:00:00.000Z");
  const before = after(due, -DAY);
  const past = after(due, DAY);
  const none = { attempts: 0, passed: false, inProgress: false };
  const failed = (attempts: number) => ({ attempts, passed: false, inProgress: false });

  it("is not-started without attempts before the due date, or without a due date", () => {
    expect(examStatus(none, due, before)).toBe("not-started");
    expect(examStatus(none, null, past)).toBe("not-started");
  });

  it("is in-progress while an attempt runs", () => {
    expect(examStatus({ attempts: 1, passed: false, inProgress: true }, due, before)).toBe("in-progress");
    expect(examStatus({ attempts: 2, passed: false, inProgress: true }, due, past)).toBe("in-progress");
  });

  it("is passed when any attempt passed, whatever came after and even past the due date", () => {
    expect(examStatus({ attempts: 3, passed: true, inProgress: false }, due, before)).toBe("passed");
    expect(examStatus({ attempts: 2, passed: true, inProgress: true }, due, past)).toBe("passed");
  });

  it("is failed when finished attempts all failed before the due date", () => {
    expect(examStatus(failed(1), due, before)).toBe("failed");
    expect(examStatus(failed(2), null, past)).toBe("failed");
  });

  it("is overdue when not passed and the due date is in the past relative to now", () => {
    expect(examStatus(none, due, past)).toBe("overdue");
    expect(examStatus(failed(1), due, past)).toBe("overdue");
    // Exactly at the due date it is not past yet.
    expect(examStatus(none, due, due)).toBe("not-started");
  });
});

describe("teamQuerySchema", () => {
  it("falls back to the defaults on junk from the URL", () => {
    expect(teamQuerySchema.parse({})).toEqual({ sort: "name", page: 1 });
    expect(teamQuerySchema.parse({ sort: "salary", page: "-3", status: "lost", q: "  Иван  " })).toEqual({
      sort: "name",
      page: 1,
      status: undefined,
      q: "Иван",
    });
    expect(teamQuerySchema.parse({ page: "2", sort: "best", status: "overdue" })).toMatchObject({ page: 2, sort: "best", status: "overdue" });
  });
});

describe("teamOverview: department scope", () => {
  beforeAll(async () => {
    await seedPortal();
    // Never listed: an inactive member inside the scope. Only HR/admin see a member without a department.
    await createMember("former@test.example", "Бывшая Сотрудница", "customer-support", { active: false });
    await createMember("nodept@test.example", "Безотдельный Олег", null);
  });

  it("gives Засыпкин exactly the active members of СПС and its two sub-units", async () => {
    const result = await overview(await viewer("i.zasypkin@company.example"));
    expect(emailsOf(result.members)).toEqual(SPS_TEAM);
    expect(result.total).toBe(SPS_TEAM.length);
    expect(result).toMatchObject({ page: 1, pages: 1 });
    expect(emailsOf(result.members)).not.toContain("analyst@demo.local");
    expect(emailsOf(result.members)).not.toContain("former@test.example");
    expect(result.departments.map((d) => d.name).toSorted()).toEqual(["Отдел поддержки клиентов", "Системные инженеры", "СПС"].toSorted());
    const names = new Map(result.members.map((member) => [member.email, member.departmentName]));
    expect(names.get("employee@demo.local")).toBe("Отдел поддержки клиентов");
    expect(names.get("engineer@demo.local")).toBe("Системные инженеры");
    expect(names.get("i.zasypkin@company.example")).toBe("СПС");
  });

  it("gives Шикин the implementation department only", async () => {
    const result = await overview(await viewer("a.shikin@company.example"));
    expect(emailsOf(result.members)).toEqual(["a.shikin@company.example", "analyst@demo.local"]);
    expect(result.departments.map((d) => d.name)).toEqual(["Отдел внедрения"]);
  });

  it("keeps the head of a sub-unit out of the unit above and its siblings", async () => {
    const result = await overview(await viewer("a.boikova@company.example"));
    expect(emailsOf(result.members)).toEqual(["a.boikova@company.example", "employee@demo.local"]);
    expect(await teamOverview(await viewer("a.boikova@company.example"), query({ department: await departmentId("sps") }), NOW)).toBeNull();
  });

  it("gives a head who heads no department nobody", async () => {
    await createMember("lonely-head@test.example", "Одинокий Руководитель", "sales");
    await db.user.update({ where: { email: "lonely-head@test.example" }, data: { role: "HEAD" } });
    const result = await overview(await viewer("lonely-head@test.example"));
    expect(result.members).toEqual([]);
    expect(result.total).toBe(0);
    expect(result.departments).toEqual([]);
    await db.user.update({ where: { email: "lonely-head@test.example" }, data: { active: false } });
  });

  it("gives HR and admins every active user, with or without a department", async () => {
    const active = await db.user.findMany({ where: { active: true }, select: { email: true } });
    expect(active.length).toBeLessThanOrEqual(TEAM_PAGE_SIZE);
    for (const email of ["hr@demo.local", "admin@demo.local"]) {
      const result = await overview(await viewer(email));
      expect(emailsOf(result.members)).toEqual(emailsOf(active));
      expect(result.total).toBe(active.length);
      expect(emailsOf(result.members)).toContain("nodept@test.example");
      expect(emailsOf(result.members)).toContain("analyst@demo.local");
      expect(emailsOf(result.members)).not.toContain("former@test.example");
      expect(result.departments).toHaveLength(await db.department.count());
    }
  });

  it("refuses an employee", async () => {
    const employee = await viewer("employee@demo.local");
    await expect(teamOverview(employee, query(), NOW)).rejects.toThrow(AccessDenied);
    await expect(teamOverview(employee, query({ department: employee.departmentId }), NOW)).rejects.toThrow(AccessDenied);
  });

  it("narrows to the subtree of a department inside the scope", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const support = await overview(head, { department: await departmentId("customer-support") });
    expect(emailsOf(support.members)).toEqual(["a.boikova@company.example", "employee@demo.local"]);
    const sps = await overview(head, { department: await departmentId("sps") });
    expect(emailsOf(sps.members)).toEqual(SPS_TEAM);
    // The picker still offers the whole scope.
    expect(support.departments).toHaveLength(3);

    const hr = await overview(await viewer("hr@demo.local"), { department: await departmentId("sps") });
    expect(emailsOf(hr.members)).toEqual(SPS_TEAM);
  });

  it("returns null for a department outside the scope", async () => {
    const shikin = await viewer("a.shikin@company.example");
    expect(await teamOverview(shikin, query({ department: await departmentId("customer-support") }), NOW)).toBeNull();
    expect(await teamOverview(shikin, query({ department: await departmentId("back-office") }), NOW)).toBeNull();
    const zasypkin = await viewer("i.zasypkin@company.example");
    expect(await teamOverview(zasypkin, query({ department: await departmentId("implementation") }), NOW)).toBeNull();
    expect(await teamOverview(zasypkin, query({ department: await departmentId("back-office") }), NOW)).toBeNull();
  });

  it("returns null for an unknown department id (a head)", async () => {
    for (const email of ["i.zasypkin@company.example", "a.shikin@company.example"]) {
      expect(await teamOverview(await viewer(email), query({ department: "no-such-department" }), NOW)).toBeNull();
    }
  });

  // inScope is true for any id when the scope is "all": an unknown id must still be "not found".
  it("returns null for an unknown department id for HR and admins too", async () => {
    for (const email of ["hr@demo.local", "admin@demo.local"]) {
      expect(await teamOverview(await viewer(email), query({ department: "no-such-department" }), NOW)).toBeNull();
    }
  });
});

describe("teamMember and teamAttemptReview: scope", () => {
  let employeeAttempt: string;
  let employeeItems: number;
  let analystAttempt: string;
  let employeeEarlier: string;
  let engineerRunning: string;
  let examTitle: string;

  beforeAll(async () => {
    await seedPortal();
    const cards = (await publishedDeck()).cards.slice(0, 3);
    const taker = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true, departmentId: true } });
    const [employee, analyst, engineer] = await Promise.all(["employee@demo.local", "analyst@demo.local", "engineer@demo.local"].map(taker));
    // A review policy that shows a taker only the score: the team review still shows everything.
    const exam = await createExam({ cardIds: cards.map((c) => c.id), reviewPolicy: "SCORE_ONLY", assignTo: { userId: employee.id } });
    examTitle = exam.title;
    await db.assignment.createMany({ data: [analyst, engineer].map((user) => ({ examId: exam.id, userId: user.id })) });
    const passed = await passExam(employee, exam.id, t0);
    employeeAttempt = passed.attemptId;
    employeeItems = passed.items.length;
    analystAttempt = (await passExam(analyst, exam.id, after(t0, DAY))).attemptId;
    // An earlier failed attempt of the employee: listed after the newer one.
    employeeEarlier = (await addAttemptRow(employee.id, exam.id, after(t0, -DAY), { status: "SUBMITTED", percent: 10 })).id;
    const running = await startAttempt(engineer, exam.id, after(NOW, -MINUTE));
    if (running.status !== "started") throw new Error(running.status);
    engineerRunning = running.attemptId;
    await createMember("nodept@test.example", "Безотдельный Олег", null);
  });

  it("gives a head a member of their scope with attempts and per-card readiness", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const member = await teamMember(head, await userId("employee@demo.local"), NOW);
    expect(member).toMatchObject({ email: "employee@demo.local", name: "Сотрудникова Мария (демо)", department: { name: "Отдел поддержки клиентов" } });
    expect(member!.attempts).toEqual([
      expect.objectContaining({ id: employeeAttempt, status: "SUBMITTED", percent: 100, passed: true, exam: { title: examTitle } }),
      expect.objectContaining({ id: employeeEarlier, status: "SUBMITTED", percent: 10, passed: false, exam: { title: examTitle } }),
    ]);
    const deck = await publishedDeck();
    expect(member!.cards.map((card) => card.id)).toEqual(deck.cards.map((card) => card.id));
    expect(member!.cards.every((card) => card.readiness === 0)).toBe(true);
    expect(member!.readiness).toBe(0);
    // The head of a sub-unit is a member of the scope too.
    expect(await teamMember(head, await userId("e.gorshkov@company.example"), NOW)).toMatchObject({ email: "e.gorshkov@company.example" });
  });

  it("lists a member's attempts newest first", async () => {
    const member = await teamMember(await viewer("i.zasypkin@company.example"), await userId("engineer@demo.local"), NOW);
    expect(member!.attempts.map((attempt) => [attempt.id, attempt.status])).toEqual([[engineerRunning, "IN_PROGRESS"]]);
    const analyst = await teamMember(await viewer("hr@demo.local"), await userId("analyst@demo.local"), NOW);
    expect(analyst!.attempts.map((attempt) => attempt.id)).toEqual([analystAttempt]);
  });

  it("hides a member of another department from a head, not from HR or admins", async () => {
    const analystId = await userId("analyst@demo.local");
    const employeeId = await userId("employee@demo.local");
    expect(await teamMember(await viewer("i.zasypkin@company.example"), analystId, NOW)).toBeNull();
    expect(await teamMember(await viewer("a.shikin@company.example"), employeeId, NOW)).toBeNull();
    expect(await teamMember(await viewer("a.shikin@company.example"), await userId("i.zasypkin@company.example"), NOW)).toBeNull();
    // A sub-unit's head does not see their own head.
    expect(await teamMember(await viewer("a.boikova@company.example"), await userId("i.zasypkin@company.example"), NOW)).toBeNull();
    expect(await teamMember(await viewer("a.shikin@company.example"), analystId, NOW)).toMatchObject({ email: "analyst@demo.local" });
    for (const email of ["hr@demo.local", "admin@demo.local"]) {
      expect(await teamMember(await viewer(email), analystId, NOW)).toMatchObject({ email: "analyst@demo.local" });
      expect(await teamMember(await viewer(email), employeeId, NOW)).toMatchObject({ email: "employee@demo.local" });
    }
  });

  it("hides a member without a department from heads, not from HR", async () => {
    const id = await userId("nodept@test.example");
    expect(await teamMember(await viewer("i.zasypkin@company.example"), id, NOW)).toBeNull();
    expect(await teamMember(await viewer("hr@demo.local"), id, NOW)).toMatchObject({ email: "nodept@test.example", department: null });
  });

  it("returns null for an unknown member id", async () => {
    expect(await teamMember(await viewer("hr@demo.local"), "no-such-user", NOW)).toBeNull();
  });

  it("gives a head the full review of an in-scope attempt, with keys, whatever the review policy", async () => {
    const review = await teamAttemptReview(await viewer("i.zasypkin@company.example"), employeeAttempt, NOW);
    expect(review).not.toBeNull();
    expect(review!.exam.reviewPolicy).toBe("SCORE_ONLY");
    expect(review).toMatchObject({ id: employeeAttempt, level: "FULL", percent: 100, passed: true });
    expect(review!.taker).toEqual({ id: await userId("employee@demo.local"), name: "Сотрудникова Мария (демо)" });
    expect(review!.items).toHaveLength(employeeItems);
    for (const item of review!.items) {
      expect(item.key).toBeTruthy();
      expect(item.correct).toBe(true);
      expect(item.response).not.toBeNull();
    }
    expect(review!.topics).toHaveLength(3);
  });

  it("hides an attempt of an out-of-scope member from a head, not from HR", async () => {
    expect(await teamAttemptReview(await viewer("i.zasypkin@company.example"), analystAttempt, NOW)).toBeNull();
    expect(await teamAttemptReview(await viewer("a.shikin@company.example"), employeeAttempt, NOW)).toBeNull();
    expect(await teamAttemptReview(await viewer("a.boikova@company.example"), analystAttempt, NOW)).toBeNull();
    const own = await teamAttemptReview(await viewer("a.shikin@company.example"), analystAttempt, NOW);
    expect(own).toMatchObject({ id: analystAttempt, level: "FULL" });
    for (const email of ["hr@demo.local", "admin@demo.local"]) {
      expect(await teamAttemptReview(await viewer(email), analystAttempt, NOW)).toMatchObject({ id: analystAttempt, level: "FULL" });
    }
    expect(await teamAttemptReview(await viewer("hr@demo.local"), "no-such-attempt", NOW)).toBeNull();
  });

  it("shows no questions or keys of an attempt still in progress", async () => {
    const review = await teamAttemptReview(await viewer("i.zasypkin@company.example"), engineerRunning, NOW);
    expect(review).toMatchObject({ id: engineerRunning, status: "IN_PROGRESS", level: null, items: [], topics: [] });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: engineerRunning } })).status).toBe("IN_PROGRESS");
  });

  it("withholds keys from a head who may still take the same exam, until their attempts are used up or the window closes", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const employee = await db.user.findUniqueOrThrow({ where: { email: "employee@demo.local" }, select: { id: true, departmentId: true } });
    const closesAt = after(NOW, 2 * DAY);
    const exam = await createExam({
      cardIds: (await publishedDeck()).cards.slice(0, 2).map((c) => c.id),
      attemptsAllowed: 1,
      closesAt,
      assignTo: { userId: employee.id },
    });
    await db.assignment.create({ data: { examId: exam.id, userId: head.id } });
    const { attemptId } = await passExam(employee, exam.id, after(NOW, -DAY));

    const withheld = await teamAttemptReview(head, attemptId, NOW);
    expect(withheld).toMatchObject({ id: attemptId, level: "BREAKDOWN", keysWithheld: true, percent: 100, items: [] });
    expect(withheld!.topics).toHaveLength(2);
    // HR does not take it: the full review.
    expect(await teamAttemptReview(await viewer("hr@demo.local"), attemptId, NOW)).toMatchObject({ level: "FULL", keysWithheld: false });
    // The window closed: nothing left to take, so the head sees the keys.
    const afterClose = await teamAttemptReview(head, attemptId, closesAt);
    expect(afterClose).toMatchObject({ level: "FULL", keysWithheld: false });
    expect(afterClose!.items.every((item) => item.key)).toBe(true);
    // The head used their one attempt: the keys are shown before the window closes too.
    await passExam(head, exam.id, NOW);
    expect(await teamAttemptReview(head, attemptId, after(NOW, DAY))).toMatchObject({ level: "FULL", keysWithheld: false });
  });

  it("withholds keys from a head who may still take another exam that can draw the attempt's questions", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const closesAt = after(NOW, DAY);
    const other = await createExam({ cardIds: [(await publishedDeck()).cards[2].id], attemptsAllowed: 1, closesAt, assignTo: { userId: head.id } });
    try {
      const withheld = await teamAttemptReview(head, employeeAttempt, NOW);
      expect(withheld).toMatchObject({ id: employeeAttempt, level: "BREAKDOWN", keysWithheld: true, items: [] });
      expect(await teamAttemptReview(head, employeeAttempt, closesAt)).toMatchObject({ level: "FULL", keysWithheld: false });
      // HR reads every key in the editor anyway: nothing is withheld from them.
      const hr = await viewer("hr@demo.local");
      await db.assignment.create({ data: { examId: other.id, userId: hr.id } });
      expect(await teamAttemptReview(hr, employeeAttempt, NOW)).toMatchObject({ level: "FULL", keysWithheld: false });
    } finally {
      await db.exam.delete({ where: { id: other.id } });
    }
  });

  it("does not review the viewer's own attempt (their result page applies the review policy)", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const exam = await createExam({ cardIds: (await publishedDeck()).cards.slice(0, 1).map((c) => c.id), reviewPolicy: "SCORE_ONLY", assignTo: { userId: head.id } });
    const { attemptId } = await passExam(head, exam.id, t0);
    expect(await teamAttemptReview(head, attemptId, NOW)).toBeNull();
    expect(await teamAttemptReview(await viewer("hr@demo.local"), attemptId, NOW)).toMatchObject({ id: attemptId, level: "FULL" });
  });

  it("does not open a deactivated member", async () => {
    const id = await userId("engineer@demo.local");
    await db.user.update({ where: { id }, data: { active: false } });
    try {
      expect(await teamMember(await viewer("i.zasypkin@company.example"), id, NOW)).toBeNull();
    } finally {
      await db.user.update({ where: { id }, data: { active: true } });
    }
  });

  it("refuses an employee, even for their own attempt", async () => {
    const employee = await viewer("employee@demo.local");
    await expect(teamMember(employee, employee.id, NOW)).rejects.toThrow(AccessDenied);
    await expect(teamAttemptReview(employee, employeeAttempt, NOW)).rejects.toThrow(AccessDenied);
  });
});

describe("teamOverview: exam statuses and scores", () => {
  const DUE = after(NOW, 5 * DAY);
  const LATE = after(DUE, DAY);
  let examId: string;
  let examTitle: string;

  const summaryOf = (member: TeamMember | undefined, id = examId) => member?.exams.find((exam) => exam.examId === id);
  const byName = (members: TeamMember[]) => new Map(members.map((member) => [member.name, member]));

  beforeAll(async () => {
    await seedPortal();
    const exam = await createExam({ assignTo: { department: "customer-support" }, dueAt: DUE });
    examId = exam.id;
    examTitle = exam.title;
    // Published: false — an unpublished exam never shows.
    await createExam({ assignTo: { department: "customer-support" }, dueAt: DUE, published: false });

    await createMember("status-alpha@test.example", "Статус Альфа", "customer-support");
    const beta = await createMember("status-beta@test.example", "Статус Бета", "customer-support");
    const gamma = await createMember("status-gamma@test.example", "Статус Гамма", "customer-support");
    const delta = await createMember("status-delta@test.example", "Статус Дельта", "customer-support");
    await addAttemptRow(beta.id, examId, t0, { status: "SUBMITTED", percent: 50 });
    await addAttemptRow(beta.id, examId, after(t0, 2 * DAY), { status: "IN_PROGRESS" });
    await addAttemptRow(gamma.id, examId, t0, { status: "SUBMITTED", percent: 40 });
    await addAttemptRow(gamma.id, examId, after(t0, DAY), { status: "EXPIRED", percent: 90, passed: true });
    await addAttemptRow(gamma.id, examId, after(t0, 2 * DAY), { status: "SUBMITTED", percent: 70 });
    await addAttemptRow(delta.id, examId, t0, { status: "SUBMITTED", percent: 30 });
  });

  it("reports each member's status, attempts, best and last percent and last start before the due date", async () => {
    const result = await overview(await viewer("i.zasypkin@company.example"), { q: "Статус" });
    const members = byName(result.members);
    expect([...members.keys()].toSorted()).toEqual(["Статус Альфа", "Статус Бета", "Статус Гамма", "Статус Дельта"].toSorted());
    expect(summaryOf(members.get("Статус Альфа"))).toEqual({ examId, title: examTitle, dueAt: DUE, status: "not-started", attempts: 0, best: null, last: null, lastAt: null, recheckCards: [] });
    expect(summaryOf(members.get("Статус Бета"))).toEqual({ examId, title: examTitle, dueAt: DUE, status: "in-progress", attempts: 2, best: 50, last: 50, lastAt: after(t0, 2 * DAY), recheckCards: [] });
    expect(summaryOf(members.get("Статус Гамма"))).toEqual({ examId, title: examTitle, dueAt: DUE, status: "passed", attempts: 3, best: 90, last: 70, lastAt: after(t0, 2 * DAY), recheckCards: [] });
    expect(summaryOf(members.get("Статус Дельта"))).toEqual({ examId, title: examTitle, dueAt: DUE, status: "failed", attempts: 1, best: 30, last: 30, lastAt: t0, recheckCards: [] });
    // Only the published exam is listed.
    for (const member of result.members) expect(member.exams.map((exam) => exam.examId)).toEqual([examId]);
  });

  it("turns what is not passed or running into overdue once the due date is past", async () => {
    const members = byName((await overview(await viewer("i.zasypkin@company.example"), { q: "Статус" }, LATE)).members);
    const statuses = Object.fromEntries([...members].map(([name, member]) => [name, summaryOf(member)?.status]));
    expect(statuses).toEqual({
      "Статус Альфа": "overdue",
      "Статус Бета": "in-progress",
      "Статус Гамма": "passed",
      "Статус Дельта": "overdue",
    });
  });

  it("gives members outside the assigned department no exam", async () => {
    const members = (await overview(await viewer("i.zasypkin@company.example"))).members;
    const exams = Object.fromEntries(members.map((member) => [member.email, member.exams.length]));
    expect(exams["engineer@demo.local"]).toBe(0);
    expect(exams["i.zasypkin@company.example"]).toBe(0);
    expect(exams["employee@demo.local"]).toBe(1);
    expect(exams["a.boikova@company.example"]).toBe(1);
  });

  it("filters by status", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const names = async (status: ExamStatus, now = NOW) => (await overview(head, { status }, now)).members.map((m) => m.name).toSorted();
    expect(await names("passed")).toEqual(["Статус Гамма"]);
    expect(await names("failed")).toEqual(["Статус Дельта"]);
    expect(await names("in-progress")).toEqual(["Статус Бета"]);
    expect(await names("overdue")).toEqual([]);
    expect(await names("not-started")).toEqual(["Бойкова Анастасия", "Сотрудникова Мария (демо)", "Статус Альфа"].toSorted());
    expect(await names("overdue", LATE)).toEqual(["Бойкова Анастасия", "Сотрудникова Мария (демо)", "Статус Альфа", "Статус Дельта"].toSorted());
    expect((await overview(head, { status: "failed" }, LATE)).total).toBe(0);
  });

  it("takes the earliest due date of a member's assignments, as the exam page does", async () => {
    const exam = await createExam({ assignTo: { department: "sps" }, dueAt: after(NOW, 10 * DAY) });
    const [alpha, beta] = await Promise.all(["status-alpha@test.example", "status-beta@test.example"].map(userId));
    await db.assignment.createMany({
      data: [
        { examId: exam.id, userId: alpha, dueAt: after(NOW, 3 * DAY) },
        { examId: exam.id, userId: beta, dueAt: null },
      ],
    });
    const members = (await overview(await viewer("i.zasypkin@company.example"))).members;
    const due = Object.fromEntries(members.map((member) => [member.email, summaryOf(member, exam.id)?.dueAt]));
    expect(due["status-alpha@test.example"]).toEqual(after(NOW, 3 * DAY));
    expect(due["status-beta@test.example"]).toEqual(after(NOW, 10 * DAY));
    expect(due["engineer@demo.local"]).toEqual(after(NOW, 10 * DAY));
    expect(due["i.zasypkin@company.example"]).toEqual(after(NOW, 10 * DAY));
    for (const member of members) {
      const taker = await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, departmentId: true } });
      const assigned = await findAssignedExam(taker, exam.id);
      expect(summaryOf(member, exam.id)?.dueAt ?? null).toEqual(assigned?.dueAt ?? null);
    }
    // Between the two due dates, only Альфа is overdue on this exam.
    const between = (await overview(await viewer("i.zasypkin@company.example"), {}, after(NOW, 4 * DAY))).members;
    const overdue = between.filter((member) => summaryOf(member, exam.id)?.status === "overdue").map((member) => member.email);
    expect(overdue).toEqual(["status-alpha@test.example"]);
  });
});

describe("teamOverview: readiness and activity", () => {
  let deck: PublishedDeck;

  beforeAll(async () => {
    await seedPortal();
    deck = await publishedDeck();
    const employee = await userId("employee@demo.local");
    await rate(employee, deck, deck.cards.slice(0, 3), 3, t0);
    await rate(employee, deck, deck.cards.slice(3, 5), 1, after(t0, DAY));
    // A practice answer in the window blends into the card's readiness.
    const question = await db.question.findFirstOrThrow({ where: { cardId: deck.cards[6].id } });
    await db.practiceAnswer.create({
      data: { userId: employee, questionId: question.id, response: {}, correct: true, points: 1, answeredAt: after(t0, 3 * DAY) },
    });
  });

  it("equals deckReadiness of the same moment for every member", async () => {
    const members = (await overview(await viewer("i.zasypkin@company.example"))).members;
    for (const member of members) {
      const expected = (await deckReadiness(member.id, deck, NOW)).overall;
      expect(member.readiness).toBeCloseTo(expected, 12);
    }
    const employee = members.find((member) => member.email === "employee@demo.local")!;
    expect(employee.readiness).toBeGreaterThan(0);
    expect(members.find((member) => member.email === "engineer@demo.local")!.readiness).toBe(0);
    // Readiness decays: later is lower, and the overview follows the `now` it is given.
    const later = after(NOW, 60 * DAY);
    const laterEmployee = (await overview(await viewer("i.zasypkin@company.example"), { q: "employee@" }, later)).members[0];
    expect(laterEmployee.readiness).toBeCloseTo((await deckReadiness(employee.id, deck, later)).overall, 12);
    expect(laterEmployee.readiness).toBeLessThan(employee.readiness);
  });

  it("gives teamMember the same overall and per-card readiness", async () => {
    const employee = await userId("employee@demo.local");
    const member = await teamMember(await viewer("hr@demo.local"), employee, NOW);
    const expected = await deckReadiness(employee, deck, NOW);
    expect(member!.readiness).toBeCloseTo(expected.overall, 12);
    expect(member!.cards.map((card) => card.id)).toEqual(expected.cards.map((card) => card.cardId));
    member!.cards.forEach((card, index) => expect(card.readiness).toBeCloseTo(expected.cards[index].readiness, 12));
    expect(member!.cards.filter((card) => card.readiness > 0)).toHaveLength(6);
  });

  it("takes the latest of reviews, practice and attempts as the last activity", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const lastOf = async (email: string) => (await overview(head)).members.find((member) => member.email === email)!.lastActivity;
    expect(await lastOf("employee@demo.local")).toEqual(after(t0, 3 * DAY));
    expect(await lastOf("engineer@demo.local")).toBeNull();

    const exam = await createExam({ assignTo: { department: "sps" } });
    await addAttemptRow(await userId("employee@demo.local"), exam.id, after(t0, 4 * DAY), { status: "SUBMITTED", percent: 10 });
    expect(await lastOf("employee@demo.local")).toEqual(after(t0, 4 * DAY));
    await rate(await userId("employee@demo.local"), deck, deck.cards.slice(7, 8), 3, after(t0, 5 * DAY));
    expect(await lastOf("employee@demo.local")).toEqual(after(t0, 5 * DAY));
  });
});

describe("teamOverview: search, sort and pages", () => {
  let deck: PublishedDeck;
  let examId: string;

  beforeAll(async () => {
    await seedPortal();
    deck = await publishedDeck();
    const exam = await createExam({ assignTo: { department: "customer-support" } });
    examId = exam.id;
    // Three members whose orders by name, best score, readiness and activity all differ.
    const anton = await createMember("sort-anton@test.example", "Сорт Антон", "customer-support");
    const boris = await createMember("sort-boris@test.example", "Сорт Борис", "customer-support");
    const yakov = await createMember("sort-yakov@test.example", "Сорт Яков", "customer-support");
    await rate(anton.id, deck, deck.cards.slice(0, 2), 3, t0);
    await rate(boris.id, deck, deck.cards.slice(0, 1), 1, after(t0, DAY));
    await addAttemptRow(anton.id, examId, after(t0, -DAY), { status: "SUBMITTED", percent: 20 });
    await addAttemptRow(yakov.id, examId, after(t0, 2 * DAY), { status: "SUBMITTED", percent: 95, passed: true });
  });

  it("searches name, email and position case-insensitively, within the scope", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const found = async (q: string) => emailsOf((await overview(head, { q })).members);
    expect(await found("засыпкин")).toEqual(["i.zasypkin@company.example"]);
    expect(await found("ЗАСЫПКИН")).toEqual(["i.zasypkin@company.example"]);
    expect(await found("ENGINEER@DEMO")).toEqual(["engineer@demo.local"]);
    expect(await found("тимлид")).toEqual(["e.gorshkov@company.example"]);
    expect(await found("сорт")).toEqual(["sort-anton@test.example", "sort-boris@test.example", "sort-yakov@test.example"]);
    expect(await found("DEMO.local")).toEqual(["employee@demo.local", "engineer@demo.local"]);
    // Never a match outside the scope.
    expect(await found("аналитикова")).toEqual([]);
    expect(await found("no match at all")).toEqual([]);
    const hr = await overview(await viewer("hr@demo.local"), { q: "аналитикова" });
    expect(emailsOf(hr.members)).toEqual(["analyst@demo.local"]);
  });

  it("combines the search with the status filter", async () => {
    const head = await viewer("i.zasypkin@company.example");
    expect(emailsOf((await overview(head, { q: "сорт", status: "failed" })).members)).toEqual(["sort-anton@test.example"]);
    expect(emailsOf((await overview(head, { q: "сорт", status: "not-started" })).members)).toEqual(["sort-boris@test.example"]);
  });

  it("sorts by name, best score, readiness and activity, ascending", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const order = async (sort: string) => (await overview(head, { q: "сорт", sort })).members.map((member) => member.name);
    expect(await order("name")).toEqual(["Сорт Антон", "Сорт Борис", "Сорт Яков"]);
    // Best: Борис has none, Антон 20, Яков 95.
    expect(await order("best")).toEqual(["Сорт Борис", "Сорт Антон", "Сорт Яков"]);
    // Readiness: Яков never studied, Борис forgot one card, Антон knows two.
    expect(await order("readiness")).toEqual(["Сорт Яков", "Сорт Борис", "Сорт Антон"]);
    // Activity: Антон's attempt and rating on t0, Борис a day later, Яков two days later.
    expect(await order("activity")).toEqual(["Сорт Антон", "Сорт Борис", "Сорт Яков"]);
    const rows = (await overview(head, { q: "сорт", sort: "readiness" })).members;
    expect(rows[0].readiness).toBe(0);
    expect(rows[1].readiness).toBeGreaterThan(0);
    expect(rows[2].readiness).toBeGreaterThan(rows[1].readiness);
  });

  it("keeps every sort a total order with the name as tie-break", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const collator = new Intl.Collator("ru");
    const keys: Record<string, (member: TeamMember) => number | string> = {
      department: (member) => member.departmentName,
      readiness: (member) => member.readiness,
      best: (member) => Math.max(-1, ...member.exams.map((exam) => exam.best ?? -1)),
      activity: (member) => member.lastActivity?.getTime() ?? 0,
    };
    const all = emailsOf((await overview(head)).members);
    for (const [sort, key] of Object.entries(keys)) {
      const members = (await overview(head, { sort })).members;
      expect(emailsOf(members)).toEqual(all);
      for (let i = 1; i < members.length; i++) {
        const [a, b] = [key(members[i - 1]), key(members[i])];
        const byKey = typeof a === "string" ? collator.compare(a, b as string) : a - (b as number);
        expect(byKey, `${sort}: ${members[i - 1].name} before ${members[i].name}`).toBeLessThanOrEqual(0);
        if (byKey === 0) expect(collator.compare(members[i - 1].name, members[i].name)).toBeLessThanOrEqual(0);
      }
    }
    // By department: support, system engineers, then СПС itself (Russian collation).
    const departments = (await overview(head, { sort: "department" })).members.map((member) => member.departmentName);
    expect([...new Set(departments)]).toEqual(["Отдел поддержки клиентов", "Системные инженеры", "СПС"]);
  });
});

describe("teamOverview: a team of 120 and pages", () => {
  const EXTRA = 120;
  let examId: string;

  beforeAll(async () => {
    await seedPortal();
    const supportId = await departmentId("customer-support");
    examId = (await createExam({ dueAt: after(NOW, DAY) })).id;
    await db.user.createMany({
      data: Array.from({ length: EXTRA }, (_, i) => ({
        email: `member-${String(i + 1).padStart(3, "0")}@test.example`,
        name: `Участник ${String(i + 1).padStart(3, "0")}`,
        position: "Специалист поддержки",
        departmentId: supportId,
      })),
    });
    const members = await db.user.findMany({ where: { email: { endsWith: "@test.example" } }, orderBy: { email: "asc" } });
    // Every tenth member passed; every other tenth failed.
    const scored = members.flatMap((member, i) => (i % 10 === 0 ? [{ member, i, passed: true }] : i % 10 === 5 ? [{ member, i, passed: false }] : []));
    await db.attempt.createMany({
      data: scored.map(({ member, i, passed }) => ({
        userId: member.id,
        examId,
        startedAt: after(t0, i * MINUTE),
        deadline: after(t0, DAY),
        status: "SUBMITTED" as const,
        percent: passed ? 85 : 35,
        passed,
      })),
    });
  });

  it("pages the team by TEAM_PAGE_SIZE and clamps a page beyond the last", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const total = SPS_TEAM.length + EXTRA;
    const pages = Math.ceil(total / TEAM_PAGE_SIZE);
    expect(pages).toBe(3);
    const sizes: number[] = [];
    for (let page = 1; page <= pages; page++) {
      const result = await overview(head, { page });
      expect(result).toMatchObject({ total, pages, page });
      sizes.push(result.members.length);
    }
    expect(sizes).toEqual([TEAM_PAGE_SIZE, TEAM_PAGE_SIZE, total - 2 * TEAM_PAGE_SIZE]);
    const last = await overview(head, { page: pages });
    for (const beyond of [pages + 1, 99]) {
      const result = await overview(head, { page: beyond });
      expect(result.page).toBe(pages);
      expect(result.members.map((m) => m.id)).toEqual(last.members.map((m) => m.id));
    }
    // A filter that leaves nothing still has one (empty) page.
    expect(await overview(head, { q: "nobody-at-all", page: 5 })).toMatchObject({ members: [], total: 0, page: 1, pages: 1 });
  });

  it("lists every member exactly once across the pages, in name order", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const everyone = await allPages(head);
    const expected = await db.user.findMany({
      where: { active: true, department: { key: { in: ["sps", "system-engineers", "customer-support"] } } },
      select: { email: true },
    });
    expect(everyone.members).toHaveLength(everyone.total);
    expect(emailsOf(everyone.members)).toEqual(emailsOf(expected));
    const collator = new Intl.Collator("ru");
    const names = everyone.members.map((member) => member.name);
    expect(names).toEqual(names.toSorted(collator.compare));
  });

  it("pages the team sorted by readiness in the order and with the figures of the whole sorted team", async () => {
    const deck = await publishedDeck();
    const members = await db.user.findMany({ where: { email: { endsWith: "@test.example" } }, orderBy: { email: "asc" } });
    // Twelve members spread over the pages study 1 to 12 cards' worth, so readiness differs between pages.
    for (const [index, member] of members.filter((_, i) => i % 10 === 3).entries()) {
      await rate(member.id, deck, deck.cards.slice(0, 1 + (index % deck.cards.length)), index % 2 ? 3 : 1, after(t0, index * DAY));
    }
    const head = await viewer("i.zasypkin@company.example");
    const paged = await allPages(head, { sort: "readiness" });
    const whole = await teamOverviewRows(head, { sort: "readiness" }, NOW);
    expect(paged.pages).toBe(3);
    expect(paged.members.map((member) => member.id)).toEqual(whole!.members.map((member) => member.id));
    expect(paged.members).toEqual(whole!.members);
    const readiness = paged.members.map((member) => member.readiness);
    expect(readiness).toEqual(readiness.toSorted((a, b) => a - b));
    expect(new Set(readiness).size).toBeGreaterThan(10);
  });

  it("gives consistent figures for the whole team of 120", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const everyone = await allPages(head, { department: await departmentId("customer-support") });
    expect(everyone.total).toBe(EXTRA + 2);
    const statuses = everyone.members.map((member) => {
      expect(member.exams.map((exam) => exam.examId)).toEqual([examId]);
      return member.exams[0].status;
    });
    const count = (status: ExamStatus) => statuses.filter((s) => s === status).length;
    expect(count("passed")).toBe(EXTRA / 10);
    expect(count("failed")).toBe(EXTRA / 10);
    expect(count("not-started")).toBe(EXTRA + 2 - EXTRA / 5);
    const passedPage = await overview(head, { status: "passed" });
    expect(passedPage.total).toBe(EXTRA / 10);
    expect(passedPage.members.every((member) => member.exams[0].best === 85 && member.exams[0].last === 85 && member.exams[0].attempts === 1)).toBe(true);
    // A day after the due date, everyone who did not pass is overdue.
    expect((await overview(head, { status: "overdue" }, after(NOW, 2 * DAY))).total).toBe(SPS_TEAM.length + EXTRA - EXTRA / 10);
    // The search paginates too: "участник 0" matches 001–099.
    const search = await overview(head, { q: "участник 0", page: 2 });
    expect(search).toMatchObject({ total: 99, pages: 2, page: 2 });
    expect(search.members).toHaveLength(49);
    // HR sees everyone active across the portal.
    const hr = await overview(await viewer("hr@demo.local"));
    expect(hr.total).toBe(await db.user.count({ where: { active: true } }));
  });
});
