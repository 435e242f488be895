"use server";

import { z } from "zod";
import { userAction } from "../action";
import { getPublishedDeck } from "../content/decks";
import { rateCard, rateInputSchema, undoReview } from "../study/review";
import {
  answerCram,
  answerPractice,
  cramAnswerSchema,
  practiceAnswerSchema,
  restartSession,
} from "../study/sessions";

const slug = z.string().min(1).max(100);

async function deckId(deckSlug: string) {
  return (await getPublishedDeck(deckSlug))?.id ?? null;
}

export const rate = userAction(rateInputSchema.extend({ slug }), async (user, { slug: deckSlug, ...input }) => {
  const id = await deckId(deckSlug);
  return id ? rateCard(user.id, id, input) : ({ status: "not-found" } as const);
});

export const undo = userAction(z.object({ slug, reviewId: z.string().min(1).max(100) }), async (user, input) => {
  const id = await deckId(input.slug);
  return id ? undoReview(user.id, id, input.reviewId) : ({ status: "nothing" } as const);
});

export const answerCramCard = userAction(cramAnswerSchema, (user, input) => answerCram(user.id, input));

export const answerPracticeQuestion = userAction(practiceAnswerSchema, (user, input) => answerPractice(user.id, input));

export const restart = userAction(z.object({ slug, mode: z.enum(["CRAM", "PRACTICE"]) }), async (user, input) => {
  const deck = await getPublishedDeck(input.slug);
  if (!deck) return { status: "not-found" as const };
  await restartSession(user.id, deck, input.mode);
  return { status: "ok" as const };
});
