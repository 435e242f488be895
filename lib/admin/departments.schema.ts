// A department's fields as HR's forms send them: the schemas and limits lib/admin/departments.ts
// checks with (this file is safe for the browser).
import { z } from "zod";
import { messages } from "../i18n";
import { recordIdField } from "./fields";
import type { ChangeResult } from "./result";

export const DEPARTMENT_NAME_MAX = 100;

const t = () => messages().admin.departments.errors;

const departmentId = recordIdField(() => t().departmentMissing);

/** A choice of a select: "" (its empty option) means none. */
const optionalId = z
  .string({ error: () => t().departmentMissing })
  .max(64, { error: () => t().departmentMissing })
  .nullable()
  .transform((value) => value || null);

const departmentName = z
  .string({ error: () => t().nameRequired })
  .trim()
  .min(1, { error: () => t().nameRequired })
  .max(DEPARTMENT_NAME_MAX, { error: () => t().nameTooLong(DEPARTMENT_NAME_MAX) });

export const createDepartmentSchema = z.object({
  name: departmentName,
  parentId: optionalId,
  /** Generated from the name when not given. */
  key: z
    .string()
    .max(64, { error: () => t().keyInvalid })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: () => t().keyInvalid })
    .optional(),
});

export const renameDepartmentSchema = z.object({ id: departmentId, name: departmentName });

export const moveDepartmentSchema = z.object({ id: departmentId, parentId: optionalId });

export const setDepartmentHeadSchema = z.object({ id: departmentId, headId: optionalId });

export const deleteDepartmentSchema = z.object({ id: departmentId });

/** The outcome of a change; refusals name the field of the form they concern ("id": the department itself). */
export type DepartmentResult = ChangeResult;
