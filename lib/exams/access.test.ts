import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { departmentAncestry, findAssignedExam, listAssignedExams, type Taker } from "./access";
import { startAttempt, submitAttempt } from "./attempts";
import { at, createExam, MINUTE, seedPortal, t0, taker } from "../testing/fixtures";

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;

describe("exam access", () => {
  let employee: Taker; // customer-support, under sps, under back-office
  let engineer: Taker; // system-engineers, under sps
  let analyst: Taker; // implementation, under back-office

  beforeAll(async () => {
    await seedPortal();
    employee = await taker("employee@demo.local");
    engineer = await taker("engineer@demo.local");
    analyst = await taker("analyst@demo.local");
  });

  it("walks from a department up to the root", async () => {
    const chain = await departmentAncestry(employee.departmentId);
    const expected = await Promise.all(["customer-support", "sps", "back-office"].map(departmentId));
    expect(chain.toSorted()).toEqual(expected.toSorted());
    expect(await departmentAncestry(null)).toEqual([]);
  });

  it("shows an exam assigned to a parent department to members of its sub-departments", async () => {
    const exam = await createExam({ assignTo: { department: "back-office" }, dueAt: at(7 * 24 * 60 * MINUTE) });
    for (const user of [employee, engineer, analyst]) {
      const found = await findAssignedExam(user, exam.id);
      expect(found).toMatchObject({ id: exam.id, title: exam.title, dueAt: at(7 * 24 * 60 * MINUTE) });
      expect(found?.cardCount).toBe(await db.examCard.count({ where: { examId: exam.id } }));
      expect((await listAssignedExams(user)).map((e) => e.id)).toContain(exam.id);
    }
  });

  it("shows an exam assigned to sps to its subtree only", async () => {
    const exam = await createExam({ assignTo: { department: "sps" } });
    expect(await findAssignedExam(employee, exam.id)).not.toBeNull();
    expect(await findAssignedExam(engineer, exam.id)).not.toBeNull();
    expect(await findAssignedExam(analyst, exam.id)).toBeNull();
    expect((await listAssignedExams(analyst)).map((e) => e.id)).not.toContain(exam.id);
  });

  it("hides an unpublished exam, and startAttempt answers not-found", async () => {
    const exam = await createExam({ published: false });
    expect(await findAssignedExam(employee, exam.id)).toBeNull();
    expect((await listAssignedExams(employee)).map((e) => e.id)).not.toContain(exam.id);
    expect(await startAttempt(employee, exam.id, t0)).toEqual({ status: "not-found" });
    expect(await db.attempt.count({ where: { examId: exam.id } })).toBe(0);
  });

  it("hides an exam assigned to another department, and startAttempt answers not-found", async () => {
    const exam = await createExam({ assignTo: { department: "sales" } });
    expect(await findAssignedExam(employee, exam.id)).toBeNull();
    expect((await listAssignedExams(employee)).map((e) => e.id)).not.toContain(exam.id);
    expect(await startAttempt(employee, exam.id, t0)).toEqual({ status: "not-found" });
    expect(await db.attempt.count({ where: { examId: exam.id } })).toBe(0);
  });

  it("shows an exam assigned to one user to that user only", async () => {
    const exam = await createExam({ assignTo: { userId: engineer.id } });
    expect(await findAssignedExam(engineer, exam.id)).toMatchObject({ id: exam.id });
    expect((await listAssignedExams(engineer)).map((e) => e.id)).toContain(exam.id);

    expect(await findAssignedExam(employee, exam.id)).toBeNull();
    expect((await listAssignedExams(employee)).map((e) => e.id)).not.toContain(exam.id);
    expect(await startAttempt(employee, exam.id, t0)).toEqual({ status: "not-found" });
    expect(await db.attempt.count({ where: { examId: exam.id } })).toBe(0);
  });

  it("answers not-found for an exam that does not exist or has no assignment", async () => {
    const unassigned = await createExam({ assignTo: null });
    expect(await findAssignedExam(employee, unassigned.id)).toBeNull();
    expect(await startAttempt(employee, unassigned.id, t0)).toEqual({ status: "not-found" });
    expect(await findAssignedExam(employee, "no-such-exam")).toBeNull();
    expect(await startAttempt(employee, "no-such-exam", t0)).toEqual({ status: "not-found" });
  });

  it("gives a user without a department only the exams assigned to them personally", async () => {
    const loner = await db.user.create({ data: { email: "loner@exams.test", name: "Без отдела" }, select: { id: true, departmentId: true } });
    const toDepartment = await createExam({ assignTo: { department: "back-office" } });
    const toUser = await createExam({ assignTo: { userId: loner.id } });
    expect(await findAssignedExam(loner, toDepartment.id)).toBeNull();
    expect((await listAssignedExams(loner)).map((e) => e.id)).toEqual([toUser.id]);
  });

  it("uses the earliest due date when the exam is assigned twice", async () => {
    const exam = await createExam({ assignTo: { department: "back-office" }, dueAt: at(10 * MINUTE) });
    await db.assignment.create({ data: { examId: exam.id, userId: employee.id, dueAt: at(5 * MINUTE) } });
    await db.assignment.create({ data: { examId: exam.id, departmentId: await departmentId("sales"), dueAt: at(MINUTE) } });
    expect((await findAssignedExam(employee, exam.id))?.dueAt).toEqual(at(5 * MINUTE));
    const listed = (await listAssignedExams(employee)).filter((e) => e.id === exam.id);
    expect(listed).toHaveLength(1);
    expect(listed[0].dueAt).toEqual(at(5 * MINUTE));
  });

  it("lists the user's own attempts with the exam: used, in progress, last, best, passed", async () => {
    const exam = await createExam({ questionsPerCard: 1, passPercent: 0 });
    const first = await startAttempt(analyst, exam.id, t0);
    if (first.status !== "started") throw new Error(first.status);
    await submitAttempt(analyst, first.attemptId, at(MINUTE));
    const second = await startAttempt(analyst, exam.id, at(2 * MINUTE));
    if (second.status !== "started") throw new Error(second.status);
    // Another user's attempt is not counted.
    await startAttempt(employee, exam.id, t0);

    const [listed] = (await listAssignedExams(analyst)).filter((e) => e.id === exam.id);
    expect(listed).toMatchObject({
      attemptsUsed: 2,
      inProgressAttemptId: second.attemptId,
      lastAttempt: { id: first.attemptId, status: "SUBMITTED", percent: 0, passed: true },
      bestPercent: 0,
      passed: true,
    });
  });

  it("lists exams by title", async () => {
    const titles = (await listAssignedExams(employee)).map((e) => e.title);
    expect(titles.length).toBeGreaterThan(1);
    expect(titles).toEqual(titles.toSorted((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
