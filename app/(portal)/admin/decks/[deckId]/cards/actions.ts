"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/action";
import { createCard, createCardSchema } from "@/lib/admin/cards";

export const createCardAction = userAction(createCardSchema, async (user, input) => {
  const result = await createCard(user, input);
  if (result.ok) {
    revalidatePath("/admin/decks");
    revalidatePath(`/admin/decks/${input.deckId}`);
  }
  return result;
});
