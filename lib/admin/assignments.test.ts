import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { listAssignedExams } from "../exams/access";
import { createExam, seedPortal, taker } from "../testing/fixtures";
import {
  addAssignment,
  listAssignmentTargets,
  listExamsWithAssignments,
  removeAssignment,
  updateAssignmentDue,
} from "./assignments";
import type { AssignmentResult } from "./assignments.schema";
import { companyInstant } from "./company-date-time";

const t = messages().admin.exams.errors;

const department = async (key: string) => db.department.findUniqueOrThrow({ where: { key }, select: { id: true, name: true } });

function succeeded(result: AssignmentResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.id;
}

const refused = (fieldErrors: Record<string, string[]>) => ({ ok: false, error: "invalid", fieldErrors });

/** All assignments and the audit log: what a refused change must leave as it was. */
async function snapshot() {
  return {
    assignments: await db.assignment.findMany({ orderBy: { id: "asc" } }),
    audit: await db.auditLog.count(),
  };
}

const auditOf = (entityId: string) =>
  db.auditLog.findMany({
    where: { entity: "assignment", entityId },
    select: { actorId: true, action: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

const seesExam = async (email: string, examId: string) =>
  (await listAssignedExams(await taker(email))).find((exam) => exam.id === examId);

describe("exam assignments", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;
  let employee: CurrentUser;
  let head: CurrentUser;
  let engineer: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
    employee = await viewer("employee@demo.local");
    head = await viewer("i.zasypkin@company.example");
    engineer = await viewer("engineer@demo.local");
  });

  it("reads a due date as the company's wall clock (Moscow, UTC+3) and refuses dates that do not exist", () => {
    expect(companyInstant("2026-12-31T18:00", "Europe/Moscow")).toEqual(new Date("2026-12-31T15:00:00Z"));
    expect(companyInstant("2026-02-31T18:00", "Europe/Moscow")).toBeNull();
    expect(companyInstant("2026-12-31T24:00", "Europe/Moscow")).toBeNull();
    expect(companyInstant("31.12.2026 18:00", "Europe/Moscow")).toBeNull();
  });

  it("assigns an exam to a department: a member of its sub-department sees it with the due date; it is listed and audited", async () => {
    const exam = await createExam({ assignTo: null });
    const sps = await department("sps");
    expect(await seesExam(engineer.email, exam.id)).toBeUndefined();

    const id = succeeded(await addAssignment(hr, { examId: exam.id, departmentId: sps.id, userId: "", dueAt: "2026-12-31T18:00" }));

    const due = new Date("2026-12-31T15:00:00Z");
    expect(await seesExam(engineer.email, exam.id)).toMatchObject({ id: exam.id, dueAt: due });
    // Outside the subtree: not assigned.
    expect(await seesExam("analyst@demo.local", exam.id)).toBeUndefined();
    expect(await db.assignment.findUniqueOrThrow({ where: { id } })).toMatchObject({
      examId: exam.id,
      departmentId: sps.id,
      userId: null,
      dueAt: due,
      createdById: hr.id,
    });
    const listed = (await listExamsWithAssignments(hr)).find((row) => row.id === exam.id);
    expect(listed?.assignments).toEqual([
      expect.objectContaining({ id, dueAt: due, department: sps, user: null, createdBy: { id: hr.id, name: hr.name } }),
    ]);
    expect(await auditOf(id)).toEqual([
      {
        actorId: hr.id,
        action: "assignment.create",
        before: null,
        after: { exam: { id: exam.id, title: exam.title }, department: sps, dueAt: due.toISOString() },
      },
    ]);
  });

  it("assigns an exam to an active user without a due date", async () => {
    const exam = await createExam({ assignTo: null });
    const id = succeeded(await addAssignment(admin, { examId: exam.id, departmentId: null, userId: engineer.id, dueAt: "" }));
    expect(await seesExam(engineer.email, exam.id)).toMatchObject({ dueAt: null });
    expect(await seesExam(employee.email, exam.id)).toBeUndefined();
    expect((await auditOf(id))[0].after).toEqual({
      exam: { id: exam.id, title: exam.title },
      user: { id: engineer.id, name: engineer.name, email: engineer.email },
      dueAt: null,
    });
  });

  it("changes and clears the due date, auditing before and after, and writes nothing when it is unchanged", async () => {
    const exam = await createExam({ assignTo: null });
    const id = succeeded(await addAssignment(hr, { examId: exam.id, departmentId: null, userId: engineer.id, dueAt: "2026-06-01T09:00" }));

    succeeded(await updateAssignmentDue(hr, { id, dueAt: "2026-06-15T12:30" }));
    expect(await seesExam(engineer.email, exam.id)).toMatchObject({ dueAt: new Date("2026-06-15T09:30:00Z") });
    succeeded(await updateAssignmentDue(hr, { id, dueAt: "2026-06-15T12:30" }));
    succeeded(await updateAssignmentDue(hr, { id, dueAt: null }));
    expect(await seesExam(engineer.email, exam.id)).toMatchObject({ dueAt: null });

    expect((await auditOf(id)).slice(1)).toEqual([
      {
        actorId: hr.id,
        action: "assignment.due",
        before: { dueAt: "2026-06-01T06:00:00.000Z" },
        after: { dueAt: "2026-06-15T09:30:00.000Z" },
      },
      { actorId: hr.id, action: "assignment.due", before: { dueAt: "2026-06-15T09:30:00.000Z" }, after: { dueAt: null } },
    ]);
    expect(await updateAssignmentDue(hr, { id, dueAt: "2026-13-01T10:00" })).toEqual(refused({ dueAt: [t.dueInvalid] }));
    expect(await updateAssignmentDue(hr, { id: "missing", dueAt: null })).toEqual({ ok: false, error: "not-found" });
  });

  it("removes an assignment: the exam disappears from the home page; the removal is audited", async () => {
    const exam = await createExam({ assignTo: null });
    const systemEngineers = await department("system-engineers");
    const id = succeeded(await addAssignment(hr, { examId: exam.id, departmentId: systemEngineers.id, dueAt: null }));
    expect(await seesExam(engineer.email, exam.id)).toBeDefined();

    succeeded(await removeAssignment(hr, { id }));

    expect(await seesExam(engineer.email, exam.id)).toBeUndefined();
    expect(await db.assignment.findUnique({ where: { id } })).toBeNull();
    expect((await auditOf(id)).at(-1)).toEqual({
      actorId: hr.id,
      action: "assignment.delete",
      before: { exam: { id: exam.id, title: exam.title }, department: systemEngineers, dueAt: null },
      after: null,
    });
    expect(await removeAssignment(hr, { id })).toEqual({ ok: false, error: "not-found" });
  });

  it("refuses a duplicate, both or neither target, an unknown exam or department and an inactive user, writing nothing", async () => {
    const exam = await createExam({ assignTo: null });
    const sps = await department("sps");
    succeeded(await addAssignment(hr, { examId: exam.id, departmentId: sps.id, dueAt: null }));
    succeeded(await addAssignment(hr, { examId: exam.id, userId: engineer.id, dueAt: null }));
    const inactive = await db.user.create({
      data: { email: "gone@demo.local", name: "Уволенный", role: "EMPLOYEE", passwordHash: "x", active: false, departmentId: sps.id },
    });
    const before = await snapshot();

    expect(await addAssignment(hr, { examId: exam.id, departmentId: sps.id, dueAt: "2026-12-31T18:00" })).toEqual(
      refused({ target: [t.duplicateDepartment] }),
    );
    expect(await addAssignment(hr, { examId: exam.id, userId: engineer.id, dueAt: null })).toEqual(refused({ target: [t.duplicateUser] }));
    expect(await addAssignment(hr, { examId: exam.id, departmentId: sps.id, userId: employee.id, dueAt: null })).toEqual(
      refused({ target: [t.targetBoth] }),
    );
    expect(await addAssignment(hr, { examId: exam.id, departmentId: "", userId: null, dueAt: null })).toEqual(refused({ target: [t.targetMissing] }));
    expect(await addAssignment(hr, { examId: "missing", departmentId: sps.id, dueAt: null })).toEqual(refused({ examId: [t.examMissing] }));
    expect(await addAssignment(hr, { examId: exam.id, departmentId: "missing", dueAt: null })).toEqual(
      refused({ target: [t.departmentMissing] }),
    );
    expect(await addAssignment(hr, { examId: exam.id, userId: inactive.id, dueAt: null })).toEqual(refused({ target: [t.userInactive] }));
    expect(await addAssignment(hr, { examId: exam.id, userId: "missing", dueAt: null })).toEqual(refused({ target: [t.userInactive] }));
    expect(await addAssignment(hr, { examId: exam.id, departmentId: sps.id, dueAt: "завтра" })).toEqual(refused({ dueAt: [t.dueInvalid] }));

    expect(await snapshot()).toEqual(before);
    // The same target for another exam is no duplicate.
    const other = await createExam({ assignTo: null });
    succeeded(await addAssignment(hr, { examId: other.id, departmentId: sps.id, dueAt: null }));
  });

  it("offers departments in tree order and active users only", async () => {
    const { departments, users } = await listAssignmentTargets(hr);
    const sps = departments.findIndex((row) => row.name === "СПС");
    expect(departments[0]).toMatchObject({ depth: 0 });
    expect(departments.slice(sps + 1, sps + 3).map((row) => row.depth)).toEqual([departments[sps].depth + 1, departments[sps].depth + 1]);
    expect(users.some((user) => user.email === "gone@demo.local")).toBe(false);
    expect(users.some((user) => user.email === engineer.email)).toBe(true);
  });

  it("denies an employee and a head every read and change", async () => {
    const exam = await createExam({ assignTo: null });
    const id = succeeded(await addAssignment(hr, { examId: exam.id, userId: engineer.id, dueAt: null }));
    const before = await snapshot();
    for (const who of [employee, head]) {
      await expect(listExamsWithAssignments(who)).rejects.toThrow(AccessDenied);
      await expect(listAssignmentTargets(who)).rejects.toThrow(AccessDenied);
      await expect(addAssignment(who, { examId: exam.id, userId: who.id, dueAt: null })).rejects.toThrow(AccessDenied);
      await expect(updateAssignmentDue(who, { id, dueAt: null })).rejects.toThrow(AccessDenied);
      await expect(removeAssignment(who, { id })).rejects.toThrow(AccessDenied);
    }
    expect(await snapshot()).toEqual(before);
  });
});
