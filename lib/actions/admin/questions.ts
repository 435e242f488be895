"use server";

import { revalidatePath } from "next/cache";
import { changeAction } from "../../action";
import { createQuestion, updateQuestion } from "../../admin/questions";
import { lintQuestionDraft } from "../../admin/question-lint";

function refreshQuestion({ id }: { id: string }, { deckId, cardId }: { deckId: string; cardId: string }) {
  revalidatePath(`/admin/decks/${deckId}/cards/${cardId}`);
  revalidatePath(`/admin/decks/${deckId}/cards/${cardId}/questions/${id}`);
}

export const createQuestionAction = changeAction(createQuestion, refreshQuestion);

export const updateQuestionAction = changeAction(updateQuestion, refreshQuestion);

/** The bank linter's findings for the form as typed; reads only. */
export const lintQuestionDraftAction = changeAction(lintQuestionDraft);
