// Scheduled review of a deck's cards with FSRS. There is no session to keep:
// the next card follows from the stored card states, so a reload, a second tab
// or another device continues where the person is. Only the owner's state is
// ever read or written: every function takes the user's id.
import "server-only";
import { z } from "zod";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { PublishedDeck } from "../content/decks";
import { companyDay } from "./calendar";
import {
  applyRating,
  grades,
  isLearningState,
  previewDueDates,
  type StoredCardState,
  type StudyRating,
} from "./scheduler";

const LEARN_AHEAD_MS = 20 * 60_000;
const UNDO_WINDOW_MS = 30 * 60_000;

export type StudySettings = { desiredRetention: number; newCardsPerDay: number };

export async function studySettings(userId: string): Promise<StudySettings> {
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { desiredRetention: true, newCardsPerDay: true } });
}

/** The columns of a stored FSRS card state. */
export const stateFields = {
  due: true,
  stability: true,
  difficulty: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
} as const;

/** The user's card states for a deck, by card id. */
export async function deckCardStates(userId: string, deckId: string) {
  const states = await db.cardState.findMany({ where: { userId, card: { deckId } }, select: { ...stateFields, cardId: true } });
  return new Map(states.map(({ cardId, ...state }) => [cardId, state as StoredCardState]));
}

export type ReviewQueue = {
  next: { cardId: string; kind: "new" | "due" | "learning"; state: StoredCardState | null; dueDates: Record<StudyRating, Date> } | null;
  dueToday: number;
  newToday: number;
};

/** What to study next in a deck, and how much is left today. */
export async function reviewQueue(userId: string, deck: Pick<PublishedDeck, "id" | "cards">, now = new Date()): Promise<ReviewQueue> {
  const [settings, states] = await Promise.all([studySettings(userId), deckCardStates(userId, deck.id)]);
  const today = companyDay(now);
  const introducedToday = await db.reviewLog.count({
    where: { userId, state: 0, reviewedAt: { gte: today.start }, card: { deckId: deck.id } },
  });
  const unstarted = deck.cards.filter((card) => !states.has(card.id));
  const newToday = Math.max(0, Math.min(settings.newCardsPerDay - introducedToday, unstarted.length));
  const started = [...states.entries()].sort(([, a], [, b]) => a.due.getTime() - b.due.getTime());
  const dueToday = started.filter(([, state]) => state.due < today.end).length;

  type Pick = { cardId: string; kind: "new" | "due" | "learning"; state: StoredCardState | null };
  const pick = (): Pick | null => {
    const due = started.find(([, state]) => state.due <= now);
    if (due) return { cardId: due[0], kind: isLearningState(due[1]) ? "learning" : "due", state: due[1] };
    if (newToday > 0) return { cardId: unstarted[0].id, kind: "new", state: null };
    const soon = started.find(([, state]) => isLearningState(state) && state.due.getTime() <= now.getTime() + LEARN_AHEAD_MS);
    return soon ? { cardId: soon[0], kind: "learning", state: soon[1] } : null;
  };
  const picked = pick();
  const next = picked && { ...picked, dueDates: previewDueDates(picked.state, now, settings.desiredRetention) };
  return { next, dueToday, newToday };
}

export const rateInputSchema = z.object({
  cardId: z.string().min(1).max(64),
  rating: z.union(grades.map((grade) => z.literal(grade))),
  /** How many reviews the card had when it was shown: a second tab's repeat is recognised. */
  expectedReps: z.number().int().min(0),
});

export type RateResult = { status: "rated"; next: StoredCardState } | { status: "duplicate" } | { status: "not-found" };

/** Records a rating, exactly once per shown card state (atomic check on `reps`). */
export async function rateCard(userId: string, deckId: string, input: z.infer<typeof rateInputSchema>, now = new Date()): Promise<RateResult> {
  const card = await db.card.findFirst({
    where: { id: input.cardId, deckId, deck: { published: true, archived: false } },
    select: { id: true },
  });
  if (!card) return { status: "not-found" };
  const { desiredRetention } = await studySettings(userId);

  return db.$transaction(async (tx) => {
    const key = { userId_cardId: { userId, cardId: card.id } };
    const previous = (await tx.cardState.findUnique({ where: key, select: stateFields })) as StoredCardState | null;
    if ((previous?.reps ?? 0) !== input.expectedReps) return { status: "duplicate" };
    const { next, log } = applyRating(previous, input.rating, now, desiredRetention);

    if (!previous) {
      const created = await tx.cardState.createMany({ data: [{ userId, cardId: card.id, ...next }], skipDuplicates: true });
      if (created.count === 0) return { status: "duplicate" };
    } else {
      // A rating shows the person has seen what changed in the card (lib/study/card-changes.ts).
      const updated = await tx.cardState.updateMany({ where: { userId, cardId: card.id, reps: previous.reps }, data: { ...next, changedAt: null } });
      if (updated.count === 0) return { status: "duplicate" };
    }
    await tx.reviewLog.create({
      data: {
        userId,
        cardId: card.id,
        rating: input.rating,
        state: log.state,
        due: log.due,
        stability: log.stability,
        difficulty: log.difficulty,
        scheduledDays: log.scheduled_days,
        learningSteps: log.learning_steps,
        reviewedAt: now,
        previousState: previous ? (previous as unknown as Prisma.InputJsonObject) : Prisma.JsonNull,
      },
    });
    return { status: "rated", next };
  });
}

function revive(json: Prisma.JsonValue): StoredCardState | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const state = json as Record<string, unknown>;
  return {
    ...(state as unknown as StoredCardState),
    due: new Date(state.due as string),
    lastReview: state.lastReview ? new Date(state.lastReview as string) : null,
  };
}

function latestUndoableWhere(userId: string, deckId: string, now: Date) {
  return { userId, card: { deckId }, reviewedAt: { gte: new Date(now.getTime() - UNDO_WINDOW_MS) } };
}

const latestFirst = [{ reviewedAt: "desc" as const }, { id: "desc" as const }];

/** The user's latest rating in the deck if it can still be undone (within half an hour), else null. */
export async function undoableReview(userId: string, deckId: string, now = new Date()) {
  const last = await db.reviewLog.findFirst({ where: latestUndoableWhere(userId, deckId, now), orderBy: latestFirst, select: { id: true } });
  return last?.id ?? null;
}

/**
 * Takes back the rating `reviewId`, restoring the card's state, only while it is still the user's latest
 * undoable rating in the deck. Naming the rating makes a repeated request (double click, second tab) a no-op
 * instead of undoing the rating before it.
 */
export async function undoReview(userId: string, deckId: string, reviewId: string, now = new Date()): Promise<{ status: "undone"; cardId: string } | { status: "nothing" }> {
  return db.$transaction(async (tx) => {
    const last = await tx.reviewLog.findFirst({
      where: latestUndoableWhere(userId, deckId, now),
      orderBy: latestFirst,
      select: { id: true, cardId: true, previousState: true },
    });
    if (!last || last.id !== reviewId) return { status: "nothing" };
    const removed = await tx.reviewLog.deleteMany({ where: { id: last.id } });
    if (removed.count === 0) return { status: "nothing" };
    const previous = revive(last.previousState);
    const key = { userId_cardId: { userId, cardId: last.cardId } };
    if (previous) await tx.cardState.update({ where: key, data: previous });
    else await tx.cardState.delete({ where: key });
    return { status: "undone", cardId: last.cardId };
  });
}
