"use server";

import { revalidatePath } from "next/cache";
import { changeAction } from "../../action";
import { removeDemoAccounts } from "../../admin/demo";

// Every page's demo notice goes with them.
export const removeDemoAction = changeAction(removeDemoAccounts, () => revalidatePath("/", "layout"));
