"use server";

import { revalidatePath } from "next/cache";
import { changeAction } from "../../action";
import { createUser, resetPassword, setUserActive, updateUser } from "../../admin/users";
import { applyUserImport, previewUserImport } from "../../admin/user-import";

/** The user pages, and the admin home that counts users. */
const refreshUsers = () => revalidatePath("/admin", "layout");

export const createUserAction = changeAction(createUser, refreshUsers);

export const updateUserAction = changeAction(updateUser, refreshUsers);

export const setUserActiveAction = changeAction(setUserActive, refreshUsers);

export const resetPasswordAction = changeAction(resetPassword, refreshUsers);

export const previewUserImportAction = changeAction(previewUserImport);

export const applyUserImportAction = changeAction(applyUserImport, refreshUsers);
