"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/action";
import { removeDemoAccounts, removeDemoSchema } from "@/lib/admin/demo";

export const removeDemoAction = userAction(removeDemoSchema, async (user, input) => {
  const result = await removeDemoAccounts(user, input);
  // Every page's demo notice goes with them.
  if (result.ok) revalidatePath("/", "layout");
  return result;
});
