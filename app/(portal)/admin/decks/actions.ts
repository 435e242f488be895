"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/action";
import {
  createDeck,
  createDeckSchema,
  deleteDeckSchema,
  deleteOrArchiveDeck,
  reorderCards,
  reorderCardsSchema,
  setDeckPublished,
  setDeckPublishedSchema,
  updateDeck,
  updateDeckSchema,
  type DeckResult,
} from "@/lib/admin/decks";

function refreshed(result: DeckResult) {
  if (result.ok) {
    revalidatePath("/admin/decks");
    revalidatePath(`/admin/decks/${result.id}`);
  }
  return result;
}

export const createDeckAction = userAction(createDeckSchema, async (user, input) => refreshed(await createDeck(user, input)));

export const updateDeckAction = userAction(updateDeckSchema, async (user, input) => refreshed(await updateDeck(user, input)));

export const setDeckPublishedAction = userAction(setDeckPublishedSchema, async (user, input) => refreshed(await setDeckPublished(user, input)));

export const reorderCardsAction = userAction(reorderCardsSchema, async (user, input) => refreshed(await reorderCards(user, input)));

export const deleteDeckAction = userAction(deleteDeckSchema, async (user, input) => refreshed(await deleteOrArchiveDeck(user, input)));
