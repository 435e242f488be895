"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/action";
import { updateCard, updateCardSchema } from "@/lib/admin/cards";

export const updateCardAction = userAction(updateCardSchema, async (user, input) => {
  const result = await updateCard(user, input);
  if (result.ok) {
    revalidatePath(`/admin/decks/${input.deckId}`);
    revalidatePath(`/admin/decks/${input.deckId}/cards/${input.cardId}`);
  }
  return result;
});
