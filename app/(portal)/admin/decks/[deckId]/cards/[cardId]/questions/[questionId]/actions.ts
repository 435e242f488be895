"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/action";
import { createQuestion, updateQuestion, type CreateQuestionInput, type UpdateQuestionInput } from "@/lib/admin/questions";
import { lintQuestionDraft, type QuestionLintInput } from "@/lib/admin/question-lint";

// The form is checked field by field in lib/admin/questions.ts (the content rules, in Russian).
const asCreate = z.custom<CreateQuestionInput>();
const asUpdate = z.custom<UpdateQuestionInput>();
const asLint = z.custom<QuestionLintInput>();

const refresh = (deckId: string, cardId: string, questionId: string) => {
  revalidatePath(`/admin/decks/${deckId}/cards/${cardId}`);
  revalidatePath(`/admin/decks/${deckId}/cards/${cardId}/questions/${questionId}`);
};

export const createQuestionAction = userAction(asCreate, async (user, input) => {
  const result = await createQuestion(user, input);
  if (result.ok) refresh(input.deckId, input.cardId, result.id);
  return result;
});

export const updateQuestionAction = userAction(asUpdate, async (user, input) => {
  const result = await updateQuestion(user, input);
  if (result.ok) refresh(input.deckId, input.cardId, result.id);
  return result;
});

/** The bank linter's findings for the form as typed; reads only. */
export const lintQuestionDraftAction = userAction(asLint, (user, input) => lintQuestionDraft(user, input));
