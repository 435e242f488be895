"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/action";
import { applyUserImport, previewUserImport, userImportInputSchema } from "@/lib/admin/user-import";

export const previewUserImportAction = userAction(userImportInputSchema, async (viewer, { text }) => previewUserImport(viewer, text));

export const applyUserImportAction = userAction(userImportInputSchema, async (viewer, { text }) => {
  const outcome = await applyUserImport(viewer, text);
  if (outcome.status === "ok") revalidatePath("/admin", "layout");
  return outcome;
});
