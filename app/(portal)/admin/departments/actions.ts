"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/action";
import {
  createDepartment,
  createDepartmentSchema,
  deleteDepartment,
  deleteDepartmentSchema,
  moveDepartment,
  moveDepartmentSchema,
  renameDepartment,
  renameDepartmentSchema,
  setDepartmentHead,
  setDepartmentHeadSchema,
  type DepartmentResult,
} from "@/lib/admin/departments";

function refreshed(result: DepartmentResult) {
  if (result.ok) revalidatePath("/admin/departments");
  return result;
}

export const createDepartmentAction = userAction(createDepartmentSchema, async (user, input) => refreshed(await createDepartment(user, input)));

export const renameDepartmentAction = userAction(renameDepartmentSchema, async (user, input) => refreshed(await renameDepartment(user, input)));

export const moveDepartmentAction = userAction(moveDepartmentSchema, async (user, input) => refreshed(await moveDepartment(user, input)));

export const setDepartmentHeadAction = userAction(setDepartmentHeadSchema, async (user, input) => refreshed(await setDepartmentHead(user, input)));

export const deleteDepartmentAction = userAction(deleteDepartmentSchema, async (user, input) => refreshed(await deleteDepartment(user, input)));
