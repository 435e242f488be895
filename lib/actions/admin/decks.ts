"use server";

import { revalidatePath } from "next/cache";
import { changeAction } from "../../action";
import { createCard, updateCard } from "../../admin/cards";
import { createDeck, deleteOrArchiveDeck, reorderCards, setDeckPublished, updateDeck } from "../../admin/decks";

function refreshDeck({ id }: { id: string }) {
  revalidatePath("/admin/decks");
  revalidatePath(`/admin/decks/${id}`);
}

export const createDeckAction = changeAction(createDeck, refreshDeck);

export const updateDeckAction = changeAction(updateDeck, refreshDeck);

export const setDeckPublishedAction = changeAction(setDeckPublished, refreshDeck);

export const reorderCardsAction = changeAction(reorderCards, refreshDeck);

export const deleteDeckAction = changeAction(deleteOrArchiveDeck, refreshDeck);

export const createCardAction = changeAction(createCard, (_, { deckId }) => refreshDeck({ id: deckId }));

export const updateCardAction = changeAction(updateCard, (_, { deckId, cardId }) => {
  refreshDeck({ id: deckId });
  revalidatePath(`/admin/decks/${deckId}/cards/${cardId}`);
});
