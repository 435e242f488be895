import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { companyTimeZone } from "../time-zone";
import { createExam, MINUTE, seedPortal } from "../testing/fixtures";
import { teamTrends, trendsQuerySchema } from "./trends";

// A Thursday; its company week starts on Monday 2026-12-07.
const NOW = new Date("2026-12-10T09:00:00.000Z");

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;

type Finished = { status: "SUBMITTED" | "EXPIRED"; submittedAt: string; percent: number; passed: boolean };

/** A finished attempt written directly: only the submission time, percent and pass count here. */
function addAttempt(memberId: string, examId: string, { submittedAt, ...fields }: Finished) {
  const submitted = new Date(submittedAt);
  return db.attempt.create({
    data: { userId: memberId, examId, startedAt: new Date(submitted.getTime() - 10 * MINUTE), deadline: submitted, submittedAt: submitted, ...fields },
  });
}

async function trends(who: CurrentUser, input: Record<string, unknown> = {}) {
  const result = await teamTrends(who, trendsQuerySchema.parse(input), NOW);
  if (!result) throw new Error("expected trends, got null");
  return result;
}

const emptyWeek = (weekStart: string) => ({ weekStart, attempts: 0, passed: 0, passRate: null, meanPercent: null });

describe("teamTrends", () => {
  let examE: { id: string; title: string };
  let examF: { id: string; title: string };
  let examG: { id: string; title: string };

  beforeAll(async () => {
    await seedPortal();
    examE = await createExam();
    examF = await createExam();
    examG = await createExam();
    const [employee, engineer, boikova, analyst] = await Promise.all(
      ["employee@demo.local", "engineer@demo.local", "a.boikova@company.example", "analyst@demo.local"].map(userId),
    );
    await addAttempt(employee, examE.id, { status: "SUBMITTED", submittedAt: "2026-11-09T10:00:00Z", percent: 100, passed: true });
    // Sunday 23:30 in Moscow: still the week of Monday 23 November.
    await addAttempt(employee, examE.id, { status: "SUBMITTED", submittedAt: "2026-11-29T20:30:00Z", percent: 40, passed: false });
    // Sunday 22:30 UTC is Monday 01:30 in Moscow: the week of Monday 30 November.
    await addAttempt(engineer, examE.id, { status: "SUBMITTED", submittedAt: "2026-11-29T22:30:00Z", percent: 90, passed: true });
    await addAttempt(boikova, examF.id, { status: "EXPIRED", submittedAt: "2026-12-01T10:00:00Z", percent: 60, passed: false });
    await addAttempt(analyst, examE.id, { status: "SUBMITTED", submittedAt: "2026-12-02T10:00:00Z", percent: 0, passed: false });
    // Never counted: a running attempt, one before the 52-week window, one after `now`.
    await db.attempt.create({ data: { userId: engineer, examId: examF.id, startedAt: NOW, deadline: new Date(NOW.getTime() + 10 * MINUTE) } });
    await addAttempt(employee, examG.id, { status: "SUBMITTED", submittedAt: "2025-12-01T10:00:00Z", percent: 0, passed: false });
    await addAttempt(engineer, examG.id, { status: "SUBMITTED", submittedAt: "2026-12-11T10:00:00Z", percent: 0, passed: false });
  });

  it("buckets a head's finished attempts by company week, with empty weeks between", async () => {
    expect(companyTimeZone()).toBe("Europe/Moscow");
    const result = await trends(await viewer("i.zasypkin@company.example"));
    expect(result.weeks).toEqual([
      { weekStart: "2026-11-09", attempts: 1, passed: 1, passRate: 1, meanPercent: 100 },
      emptyWeek("2026-11-16"),
      { weekStart: "2026-11-23", attempts: 1, passed: 0, passRate: 0, meanPercent: 40 },
      { weekStart: "2026-11-30", attempts: 2, passed: 1, passRate: 0.5, meanPercent: 75 },
    ]);
  });

  it("narrows to one exam and to one department of the scope", async () => {
    const head = await viewer("i.zasypkin@company.example");
    expect((await trends(head, { exam: examE.id })).weeks).toEqual([
      { weekStart: "2026-11-09", attempts: 1, passed: 1, passRate: 1, meanPercent: 100 },
      emptyWeek("2026-11-16"),
      { weekStart: "2026-11-23", attempts: 1, passed: 0, passRate: 0, meanPercent: 40 },
      { weekStart: "2026-11-30", attempts: 1, passed: 1, passRate: 1, meanPercent: 90 },
    ]);
    expect((await trends(head, { department: await departmentId("customer-support") })).weeks.at(-1)).toEqual({
      weekStart: "2026-11-30",
      attempts: 1,
      passed: 0,
      passRate: 0,
      meanPercent: 60,
    });
    expect((await trends(head, { exam: examG.id })).weeks).toEqual([]);
  });

  it("gives HR every member and a head of another department only theirs", async () => {
    const hr = await trends(await viewer("hr@demo.local"));
    expect(hr.weeks.at(-1)).toEqual({ weekStart: "2026-11-30", attempts: 3, passed: 1, passRate: 1 / 3, meanPercent: 50 });
    const shikin = await trends(await viewer("a.shikin@company.example"));
    expect(shikin.weeks).toEqual([{ weekStart: "2026-11-30", attempts: 1, passed: 0, passRate: 0, meanPercent: 0 }]);
    expect(shikin.departments.map((department) => department.name)).toEqual(["Отдел внедрения"]);
  });

  it("lists the exams the covered members finished, by title", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const pick = (...exams: { id: string; title: string }[]) => exams.map(({ id, title }) => ({ id, title }));
    expect((await trends(head)).exams).toEqual(pick(examE, examF, examG));
    expect((await trends(head, { department: await departmentId("customer-support") })).exams).toEqual(pick(examE, examF, examG));
    expect((await trends(await viewer("a.shikin@company.example"))).exams).toEqual(pick(examE));
  });

  it("returns null for a department outside the scope or unknown", async () => {
    const shikin = await viewer("a.shikin@company.example");
    expect(await teamTrends(shikin, { department: await departmentId("sps") }, NOW)).toBeNull();
    expect(await teamTrends(await viewer("a.boikova@company.example"), { department: await departmentId("sps") }, NOW)).toBeNull();
    expect(await teamTrends(await viewer("hr@demo.local"), { department: "no-such-department" }, NOW)).toBeNull();
  });

  it("refuses an employee", async () => {
    await expect(teamTrends(await viewer("employee@demo.local"), {}, NOW)).rejects.toThrow(AccessDenied);
  });
});
