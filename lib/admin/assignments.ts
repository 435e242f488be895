// HR's assignment of exams: to a department (which covers its whole subtree) or to
// one active user, with an optional due date. Every change is one transaction
// together with its audit entry; every refusal is a message for a form field.
import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { messages } from "../i18n";
import { done, invalid, notFound } from "./result";
import { lockedChanges } from "./change";
import { addAssignmentSchema, removeAssignmentSchema, updateAssignmentDueSchema } from "./assignments.schema";

const t = () => messages().admin.exams.errors;

const change = lockedChanges("manageContent");


const reference = { select: { id: true, name: true } } as const;
const examReference = { select: { id: true, title: true } } as const;

/** A due date as the audit keeps it. */
const auditDate = (date: Date | null) => date?.toISOString() ?? null;

/** Every exam by title, with its assignments (oldest first). */
export async function listExamsWithAssignments(viewer: CurrentUser) {
  assertCan(viewer, "manageContent");
  return db.exam.findMany({
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      published: true,
      assignments: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          dueAt: true,
          createdAt: true,
          department: reference,
          user: { select: { id: true, name: true, email: true, active: true } },
          createdBy: reference,
        },
      },
    },
  });
}

export type ExamAssignments = Awaited<ReturnType<typeof listExamsWithAssignments>>[number];
export type AssignmentRow = ExamAssignments["assignments"][number];

export type TargetDepartment = { id: string; name: string; depth: number };
export type TargetUser = { id: string; name: string; email: string; department: string | null };

/** What an exam can be assigned to: departments in tree order (with depth) and active users by name. */
export async function listAssignmentTargets(viewer: CurrentUser): Promise<{ departments: TargetDepartment[]; users: TargetUser[] }> {
  assertCan(viewer, "manageContent");
  const [departments, users] = await Promise.all([
    db.department.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, parentId: true } }),
    db.user.findMany({
      where: { active: true },
      orderBy: [{ name: "asc" }, { email: "asc" }],
      select: { id: true, name: true, email: true, department: { select: { name: true } } },
    }),
  ]);
  const ordered: TargetDepartment[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const department of departments.filter((candidate) => candidate.parentId === parentId)) {
      ordered.push({ id: department.id, name: department.name, depth });
      visit(department.id, depth + 1);
    }
  };
  visit(null, 0);
  return {
    departments: ordered,
    users: users.map((user) => ({ id: user.id, name: user.name, email: user.email, department: user.department?.name ?? null })),
  };
}

/** Assigns an existing exam to an existing department or an active user, once per target. */
export function addAssignment(actor: CurrentUser, input: z.input<typeof addAssignmentSchema>) {
  return change(actor, addAssignmentSchema, input, async (tx, { examId, departmentId, userId, dueAt }) => {
    const exam = await tx.exam.findUnique({ where: { id: examId }, ...examReference });
    if (!exam) return invalid({ examId: [t().examMissing] });
    let target: { department: { id: string; name: string } } | { user: { id: string; name: string; email: string } };
    if (departmentId) {
      const department = await tx.department.findUnique({ where: { id: departmentId }, ...reference });
      if (!department) return invalid({ target: [t().departmentMissing] });
      target = { department };
    } else {
      // Holds the user row until the commit, so a concurrent deactivation waits for this assignment.
      const [user] = await tx.$queryRaw<{ id: string; name: string; email: string }[]>`
        SELECT "id", "name", "email" FROM "User" WHERE "id" = ${userId} AND "active" FOR SHARE`;
      if (!user) return invalid({ target: [t().userInactive] });
      target = { user };
    }
    const duplicate = await tx.assignment.findFirst({ where: { examId, departmentId, userId }, select: { id: true } });
    if (duplicate) return invalid({ target: [departmentId ? t().duplicateDepartment : t().duplicateUser] });
    const created = await tx.assignment.create({ data: { examId, departmentId, userId, dueAt, createdById: actor.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "assignment.create",
      entity: "assignment",
      entityId: created.id,
      after: { exam, ...target, dueAt: auditDate(dueAt) },
    });
    return done(created.id);
  });
}

/** Sets the assignment's due date, or with null removes it. */
export function updateAssignmentDue(actor: CurrentUser, input: z.input<typeof updateAssignmentDueSchema>) {
  return change(actor, updateAssignmentDueSchema, input, async (tx, { id, dueAt }) => {
    const current = await tx.assignment.findUnique({ where: { id }, select: { dueAt: true } });
    if (!current) return notFound;
    if ((current.dueAt?.getTime() ?? null) === (dueAt?.getTime() ?? null)) return done(id);
    await tx.assignment.update({ where: { id }, data: { dueAt } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "assignment.due",
      entity: "assignment",
      entityId: id,
      before: { dueAt: auditDate(current.dueAt) },
      after: { dueAt: auditDate(dueAt) },
    });
    return done(id);
  });
}

/** Removes the assignment; attempts already made stay as they are. */
export function removeAssignment(actor: CurrentUser, input: z.input<typeof removeAssignmentSchema>) {
  return change(actor, removeAssignmentSchema, input, async (tx, { id }) => {
    const current = await tx.assignment.findUnique({
      where: { id },
      select: { dueAt: true, exam: examReference, department: reference, user: { select: { id: true, name: true, email: true } } },
    });
    if (!current) return notFound;
    await tx.assignment.delete({ where: { id } });
    const target = current.department ? { department: current.department } : { user: current.user };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "assignment.delete",
      entity: "assignment",
      entityId: id,
      before: { exam: current.exam, ...target, dueAt: auditDate(current.dueAt) },
    });
    return done(id);
  });
}
