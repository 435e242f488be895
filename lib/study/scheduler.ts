// FSRS scheduling through ts-fsrs. The stored state mirrors ts-fsrs's Card.
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade, type FSRS } from "ts-fsrs";

export type StoredCardState = {
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

export const grades = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const satisfies readonly Grade[];
export type StudyRating = (typeof grades)[number];

export const DEFAULT_RETENTION = 0.9;
export const MIN_RETENTION = 0.8;
export const MAX_RETENTION = 0.97;

const schedulers = new Map<number, FSRS>();

/** The scheduler for a desired retention. No fuzz: intervals are reproducible. */
export function scheduler(desiredRetention = DEFAULT_RETENTION): FSRS {
  let instance = schedulers.get(desiredRetention);
  if (!instance) {
    instance = fsrs(generatorParameters({ request_retention: desiredRetention, enable_fuzz: false, enable_short_term: true }));
    schedulers.set(desiredRetention, instance);
  }
  return instance;
}

export function toFsrsCard(state: StoredCardState | null, now: Date): Card {
  if (!state) return createEmptyCard(now);
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state as State,
    last_review: state.lastReview ?? undefined,
  };
}

export function fromFsrsCard(card: Card): StoredCardState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** The state after rating a card now, and the review log ts-fsrs produced. */
export function applyRating(state: StoredCardState | null, rating: StudyRating, now: Date, desiredRetention?: number) {
  const { card, log } = scheduler(desiredRetention).next(toFsrsCard(state, now), now, rating);
  return { next: fromFsrsCard(card), log };
}

/** When the card would be due again after each rating: shown on the rating buttons. */
export function previewDueDates(state: StoredCardState | null, now: Date, desiredRetention?: number) {
  const preview = scheduler(desiredRetention).repeat(toFsrsCard(state, now), now);
  return Object.fromEntries(grades.map((grade) => [grade, preview[grade].card.due])) as Record<StudyRating, Date>;
}

/** What the probability of recall depends on. */
export type RecallState = Pick<StoredCardState, "state" | "stability" | "lastReview">;

/** The probability of recalling the card now (0 for a card never studied). */
export function retrievability(state: RecallState | null, now: Date, desiredRetention?: number): number {
  if (!state || state.state === State.New) return 0;
  const card = { ...createEmptyCard(now), state: state.state as State, stability: state.stability, last_review: state.lastReview ?? undefined };
  return scheduler(desiredRetention).get_retrievability(card, now, false);
}

export const isNewState = (state: StoredCardState | null) => !state || state.state === State.New;
export const isLearningState = (state: StoredCardState) => state.state === State.Learning || state.state === State.Relearning;
