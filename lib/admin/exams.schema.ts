// An exam's settings as HR's form sends them: the schemas (the same rules as a content file,
// lib/exams/rules.ts, worded in Russian per field) and the types the exam form shares. No
// "server-only", but the date fields read the company's time zone from the server's
// environment: the browser imports the types only.
import { z } from "zod";
import { CardWeighting, ExamNavigation, MultipleChoiceScoring, ReviewPolicy, ReviewTiming } from "../generated/prisma/enums";
import {
  CARD_WEIGHT_MAX,
  crossFieldIssues,
  EXAM_DESCRIPTION_MAX,
  EXAM_TIME_LIMIT_MAX_MINUTES,
  EXAM_TITLE_MAX,
  RECHECK_DAYS_MAX,
  type CrossFieldIssue,
} from "../exams/rules";
import { messages } from "../i18n";
import { companyDateTimeField } from "./company-date-time";
import { recordIdField, versionField } from "./fields";
import type { ChangeResult } from "./result";

const t = () => messages().admin.examEditor.errors;

const MAX_COUNT = 100_000;

/** A whole number from a number input ("12") or a number, within min..max; otherwise the message. */
const wholeNumber = (min: number, max: number, message: () => string) =>
  z.union([z.number(), z.string()], { error: message }).transform((value, ctx) => {
    const number = typeof value === "number" ? value : /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < min || number > max) {
      ctx.addIssue({ code: "custom", message: message() });
      return z.NEVER;
    }
    return number;
  });

const examId = recordIdField(() => t().examMissing);

const version = versionField(() => t().versionMissing);

const settingsShape = {
  title: z
    .string({ error: () => t().titleRequired })
    .trim()
    .min(1, { error: () => t().titleRequired })
    .max(EXAM_TITLE_MAX, { error: () => t().titleTooLong(EXAM_TITLE_MAX) }),
  description: z
    .string({ error: () => t().descriptionTooLong(EXAM_DESCRIPTION_MAX) })
    .trim()
    .max(EXAM_DESCRIPTION_MAX, { error: () => t().descriptionTooLong(EXAM_DESCRIPTION_MAX) }),
  deckId: recordIdField(() => t().deckMissing),
  /** "all": every card of the deck (stored as one ExamCard row each); else the chosen card ids. */
  cards: z.union(
    [
      z.literal("all"),
      z
        .array(z.string().min(1).max(64))
        .min(1, { error: () => t().cardsMissing })
        .max(2000)
        .refine((ids) => new Set(ids).size === ids.length),
    ],
    { error: () => t().cardsMissing },
  ),
  /** Exactly one of the two is set (null: not this way of counting). */
  questionsPerCard: wholeNumber(1, MAX_COUNT, () => t().questionsPerCardInvalid).nullable(),
  questionCount: wholeNumber(1, MAX_COUNT, () => t().questionCountInvalid).nullable(),
  /** With a total count: how it is spread over the cards (lib/exams/rules.ts). */
  cardWeighting: z.enum(CardWeighting, { error: () => t().choiceMissing }).default("POOL"),
  /** CUSTOM: each chosen card's weight by card id (1 when absent); weights of cards not chosen are ignored. */
  cardWeights: z.record(z.string().max(64), wholeNumber(1, CARD_WEIGHT_MAX, () => t().weightInvalid(CARD_WEIGHT_MAX)), {
    error: () => t().weightInvalid(CARD_WEIGHT_MAX),
  }).default({}),
  timeLimitMinutes: wholeNumber(1, EXAM_TIME_LIMIT_MAX_MINUTES, () => t().timeLimitInvalid(EXAM_TIME_LIMIT_MAX_MINUTES)),
  passPercent: wholeNumber(0, 100, () => t().passPercentInvalid),
  /** A number ≥ 1, or "unlimited". */
  attemptsAllowed: z.union([z.literal("unlimited"), wholeNumber(1, MAX_COUNT, () => t().attemptsInvalid)], {
    error: () => t().attemptsInvalid,
  }),
  /** Local date-times (YYYY-MM-DDTHH:mm) in the company's time zone; "" or null: none. */
  opensAt: companyDateTimeField(() => t().opensAtInvalid),
  closesAt: companyDateTimeField(() => t().closesAtInvalid),
  reviewPolicy: z.enum(ReviewPolicy, { error: () => t().choiceMissing }),
  reviewTiming: z.enum(ReviewTiming, { error: () => t().choiceMissing }),
  shuffleQuestions: z.boolean({ error: () => t().choiceMissing }),
  shuffleOptions: z.boolean({ error: () => t().choiceMissing }),
  navigation: z.enum(ExamNavigation, { error: () => t().choiceMissing }),
  multipleScoring: z.enum(MultipleChoiceScoring, { error: () => t().choiceMissing }),
  /** Days to re-confirm after a substantive change of a card (lib/exams/rechecks.ts); "", null or absent: no re-check. */
  recheckDays: z
    .union([z.literal("").transform(() => null), wholeNumber(1, RECHECK_DAYS_MAX, () => t().recheckDaysInvalid(RECHECK_DAYS_MAX))], {
      error: () => t().recheckDaysInvalid(RECHECK_DAYS_MAX),
    })
    .nullable()
    .default(null),
};

const crossFieldMessage = (issue: CrossFieldIssue) =>
  ({
    "both-counts": t().countBoth,
    "no-count": t().countMissing,
    "closes-before-opens": t().closesBeforeOpens,
    "review-after-close-without-close": t().reviewAfterCloseNeedsClose,
    "weighting-without-total": t().weightingNeedsTotal,
  })[issue.problem];

/** The settings as parsed: numbers as numbers, dates as instants. */
export type SettingsOutput = z.output<z.ZodObject<typeof settingsShape>>;

const withCrossFieldRules = <S extends z.ZodType<SettingsOutput>>(schema: S) =>
  schema.superRefine((exam, ctx) => {
    for (const issue of crossFieldIssues(exam)) ctx.addIssue({ code: "custom", path: [issue.field], message: crossFieldMessage(issue) });
  });

export const createExamSchema = withCrossFieldRules(
  z.object({
    ...settingsShape,
    /** Generated from the title when not given (or empty); it never changes afterwards (content export names the file by it). */
    key: z
      .string({ error: () => t().keyInvalid })
      .trim()
      .max(64, { error: () => t().keyInvalid })
      .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, { error: () => t().keyInvalid })
      .optional()
      .transform((value) => value || undefined),
    published: z.boolean({ error: () => t().choiceMissing }).default(false),
  }),
);

export const updateExamSchema = withCrossFieldRules(z.object({ ...settingsShape, id: examId, version }));

export const setExamPublishedSchema = z.object({ id: examId, published: z.boolean({ error: () => t().choiceMissing }) });

export const deleteExamSchema = z.object({ id: examId });

/** An exam's settings as the editor shows them; also a valid input for saving them back. */
export type ExamSettings = {
  title: string;
  description: string;
  deckId: string;
  cards: "all" | string[];
  questionsPerCard: number | null;
  questionCount: number | null;
  cardWeighting: CardWeighting;
  /** Card id → weight, for every chosen card (used when cardWeighting is CUSTOM). */
  cardWeights: Record<string, number>;
  timeLimitMinutes: number;
  passPercent: number;
  attemptsAllowed: number | "unlimited";
  /** YYYY-MM-DDTHH:mm in the company's time zone; "": none. */
  opensAt: string;
  closesAt: string;
  reviewPolicy: ReviewPolicy;
  reviewTiming: ReviewTiming;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  navigation: ExamNavigation;
  multipleScoring: MultipleChoiceScoring;
  /** Null: no re-check after substantive card changes. */
  recheckDays: number | null;
};

/** What the form sends: the settings with numbers as typed. */
export type ExamSettingsInput = Omit<
  ExamSettings,
  "questionsPerCard" | "questionCount" | "cardWeighting" | "cardWeights" | "timeLimitMinutes" | "passPercent" | "attemptsAllowed" | "recheckDays"
> & {
  recheckDays?: number | string | null;
  cardWeighting?: CardWeighting;
  cardWeights?: Record<string, number | string>;
  questionsPerCard: number | string | null;
  questionCount: number | string | null;
  timeLimitMinutes: number | string;
  passPercent: number | string;
  attemptsAllowed: number | string;
};

export type CreateExamInput = ExamSettingsInput & { key?: string; published?: boolean };
export type UpdateExamInput = ExamSettingsInput & { id: string; version: number };

export type StoredExamSettings = ExamSettings & { version: number };

/** "conflict": someone saved the exam since the form was loaded; `current` is what is stored now. */
export type ExamResult = ChangeResult<{ id: string; version?: number; outcome?: "deleted" }, StoredExamSettings>;
