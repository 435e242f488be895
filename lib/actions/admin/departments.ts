"use server";

import { revalidatePath } from "next/cache";
import { changeAction } from "../../action";
import { createDepartment, deleteDepartment, moveDepartment, renameDepartment, setDepartmentHead } from "../../admin/departments";

const refreshDepartments = () => revalidatePath("/admin/departments");

export const createDepartmentAction = changeAction(createDepartment, refreshDepartments);

export const renameDepartmentAction = changeAction(renameDepartment, refreshDepartments);

export const moveDepartmentAction = changeAction(moveDepartment, refreshDepartments);

export const setDepartmentHeadAction = changeAction(setDepartmentHead, refreshDepartments);

export const deleteDepartmentAction = changeAction(deleteDepartment, refreshDepartments);
