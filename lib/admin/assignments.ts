// HR's assignment of exams: to a department (which covers its whole subtree) or to
// one active user, with an optional due date. Every change is one transaction
// together with its audit entry; every refusal is a message for a form field.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { companyTimeZone } from "../time-zone";
import { messages } from "../i18n";
import { done, invalid, notFound, type ChangeResult } from "./result";
import { lockedChanges } from "./change";

const t = () => messages().admin.exams.errors;

/** A choice of a select: "" (its empty option) or null means none. */
const optionalId = z
  .string({ error: () => t().targetMissing })
  .max(64, { error: () => t().targetMissing })
  .nullish()
  .transform((value) => value || null);

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant of a wall-clock date and time (YYYY-MM-DDTHH:mm, as a datetime-local input
 * gives it) in the time zone, or null when no such date exists (31 February, 25:00).
 */
export function companyInstant(local: string, timeZone = companyTimeZone()): Date | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const instant = new TZDate(year, month - 1, day, hour, minute, timeZone);
  if (instant.getDate() !== day || instant.getMonth() !== month - 1) return null;
  return new Date(instant.getTime());
}

/** The wall-clock date and time (YYYY-MM-DDTHH:mm, as a datetime-local input takes it) of an instant in the time zone. */
export function companyLocal(instant: Date, timeZone = companyTimeZone()): string {
  return format(new TZDate(instant, timeZone), "yyyy-MM-dd'T'HH:mm");
}

/** An optional date and time from a datetime-local input: "" or null for none, else read in the company's time zone. */
export const companyDateTimeField = (message: () => string) =>
  z
    .string({ error: message })
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const instant = companyInstant(value);
      if (!instant) ctx.addIssue({ code: "custom", message: message() });
      return instant;
    });

const dueAt = companyDateTimeField(() => t().dueInvalid);

const assignmentId = z
  .string({ error: () => t().notFound })
  .min(1, { error: () => t().notFound })
  .max(64, { error: () => t().notFound });

export const addAssignmentSchema = z
  .object({
    examId: z
      .string({ error: () => t().examMissing })
      .min(1, { error: () => t().examMissing })
      .max(64, { error: () => t().examMissing }),
    departmentId: optionalId,
    userId: optionalId,
    dueAt,
  })
  .superRefine((input, ctx) => {
    if (input.departmentId && input.userId) ctx.addIssue({ code: "custom", path: ["target"], message: t().targetBoth });
    if (!input.departmentId && !input.userId) ctx.addIssue({ code: "custom", path: ["target"], message: t().targetMissing });
  });

export const updateAssignmentDueSchema = z.object({ id: assignmentId, dueAt });

export const removeAssignmentSchema = z.object({ id: assignmentId });

export type { FieldErrors } from "./result";

/** The outcome of a change; refusals name the form field they concern ("target": the department or user). */
export type AssignmentResult = ChangeResult;

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
