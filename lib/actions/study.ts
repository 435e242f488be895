"use server";

import { z } from "zod";
import { userAction } from "../action";
import type { CurrentUser } from "../access/guard";
import { getPublishedDeck } from "../content/decks";
import { rateCard, rateInputSchema, undoReview } from "../study/review";
import { dismissChanges } from "../study/card-changes";
import {
  answerCram,
  answerPractice,
  cramAnswerSchema,
  practiceAnswerSchema,
  restartSession,
} from "../study/sessions";

const slug = z.string().min(1).max(100);

/** Studying is an ability every role has today; the table in lib/access/permissions.ts decides. */
const studyAction = <S extends z.ZodType, T>(schema: S, handler: (user: CurrentUser, input: z.infer<S>) => Promise<T>) =>
  userAction(schema, handler, { ability: "study" });

async function deckId(deckSlug: string) {
  return (await getPublishedDeck(deckSlug))?.id ?? null;
}

export const rate = studyAction(rateInputSchema.extend({ slug }), async (user, { slug: deckSlug, ...input }) => {
  const id = await deckId(deckSlug);
  return id ? rateCard(user.id, id, input) : ({ status: "not-found" } as const);
});

export const undo = studyAction(z.object({ slug, reviewId: z.string().min(1).max(100) }), async (user, input) => {
  const id = await deckId(input.slug);
  return id ? undoReview(user.id, id, input.reviewId) : ({ status: "nothing" } as const);
});

export const answerCramCard = studyAction(cramAnswerSchema, (user, input) => answerCram(user.id, input));

export const answerPracticeQuestion = studyAction(practiceAnswerSchema, (user, input) => answerPractice(user.id, input));

export const restart = studyAction(z.object({ slug, mode: z.enum(["CRAM", "PRACTICE"]) }), async (user, input) => {
  const deck = await getPublishedDeck(input.slug);
  if (!deck) return { status: "not-found" as const };
  await restartSession(user.id, deck, input.mode);
  return { status: "ok" as const };
});

/** The home page's list of card changes is read up to the newest change it showed. */
export const dismissCardChanges = studyAction(z.object({ until: z.iso.datetime() }), (user, input) => dismissChanges(user.id, new Date(input.until)));
