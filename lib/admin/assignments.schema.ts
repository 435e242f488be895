// An assignment's fields as HR's forms send them: the schemas lib/admin/assignments.ts checks with.
// The due date is read in the company's time zone from the server's environment: the browser imports types only.
import { z } from "zod";
import { messages } from "../i18n";
import { companyDateTimeField } from "./company-date-time";
import { recordIdField } from "./fields";
import type { ChangeResult } from "./result";

const t = () => messages().admin.exams.errors;

/** A choice of a select: "" (its empty option) or null means none. */
const optionalId = z
  .string({ error: () => t().targetMissing })
  .max(64, { error: () => t().targetMissing })
  .nullish()
  .transform((value) => value || null);

const dueAt = companyDateTimeField(() => t().dueInvalid);

const assignmentId = recordIdField(() => t().notFound);

export const addAssignmentSchema = z
  .object({
    examId: recordIdField(() => t().examMissing),
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

/** The outcome of a change; refusals name the form field they concern ("target": the department or user). */
export type AssignmentResult = ChangeResult;
