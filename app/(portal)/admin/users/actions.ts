"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/action";
import {
  createUser,
  createUserSchema,
  credentialKindSchema,
  resetPassword,
  setUserActive,
  updateUser,
  userFieldsSchema,
  userIdSchema,
  type Outcome,
} from "@/lib/admin/users";

/** Refreshes the user pages after a change (the admin home counts users too). */
function refreshed<T extends Outcome>(outcome: T) {
  if (outcome.status === "ok") revalidatePath("/admin", "layout");
  return outcome;
}

export const createUserAction = userAction(createUserSchema.extend({ credential: credentialKindSchema }), async (viewer, { credential, ...input }) =>
  refreshed(await createUser(viewer, input, credential)),
);

export const updateUserAction = userAction(userFieldsSchema.extend({ userId: userIdSchema }), async (viewer, { userId, ...fields }) =>
  refreshed(await updateUser(viewer, userId, fields)),
);

export const setUserActiveAction = userAction(z.object({ userId: userIdSchema, active: z.boolean() }), async (viewer, input) =>
  refreshed(await setUserActive(viewer, input.userId, input.active)),
);

export const resetPasswordAction = userAction(z.object({ userId: userIdSchema, credential: credentialKindSchema }), async (viewer, input) =>
  refreshed(await resetPassword(viewer, input.userId, input.credential)),
);
