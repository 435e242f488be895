// zod schemas of the content/ folder's files (the format is described in content/README.md).
import { z } from "zod";
import { CARD_CHANGE_KINDS } from "../admin/cards.schema";
import { CARD_WEIGHT_MAX, RECHECK_DAYS_MAX, crossFieldIssues, EXAM_TIME_LIMIT_MAX_MINUTES, type CrossFieldIssue, type ReviewTiming } from "../exams/rules";

const key = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case latin letters, digits and single hyphens");
const text = z.string().trim().min(1, "must not be empty");

export const deckFileSchema = z.strictObject({
  title: text,
  description: z.string().trim().default(""),
  published: z.boolean().default(false),
  cards: z.array(key).min(1, "must list at least one card").refine((keys) => new Set(keys).size === keys.length, {
    error: "lists a card twice",
  }),
});

export const cardFrontMatterSchema = z.strictObject({
  front: text,
  /** How an import that changes the card's text changes it: substantive requeues it for everyone who knew it (lib/study/card-changes.ts). */
  change: z.enum(CARD_CHANGE_KINDS, { error: `must be one of ${CARD_CHANGE_KINDS.join(", ")}` }).default("editorial"),
});

const pool = z.enum(["practice", "exam", "both"]).default("both");
const common = { id: key, pool, prompt: text, explanation: text };
const option = z.strictObject({ text, correct: z.literal(true).optional() });

const distinct = (values: string[]) => new Set(values.map((value) => value.toLowerCase())).size === values.length;

const singleQuestion = z
  .strictObject({ ...common, type: z.literal("single"), options: z.array(option).min(3).max(6) })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, {
    error: "needs exactly one option with correct: true",
    path: ["options"],
  });

const multipleQuestion = z
  .strictObject({ ...common, type: z.literal("multiple"), options: z.array(option).min(3).max(8) })
  .refine((q) => q.options.filter((o) => o.correct).length >= 2 && q.options.some((o) => !o.correct), {
    error: "needs at least two correct options and at least one wrong one",
    path: ["options"],
  });

const trueFalseQuestion = z.strictObject({ ...common, type: z.literal("true_false"), answer: z.boolean() });

const orderingQuestion = z.strictObject({
  ...common,
  type: z.literal("ordering"),
  items: z.array(text).min(3).max(8).refine(distinct, { error: "has two equal items" }),
});

const matchingQuestion = z
  .strictObject({
    ...common,
    type: z.literal("matching"),
    pairs: z.array(z.strictObject({ left: text, right: text })).min(3).max(8),
  })
  .refine((q) => distinct(q.pairs.map((p) => p.left)) && distinct(q.pairs.map((p) => p.right)), {
    error: "has two equal left or right sides",
    path: ["pairs"],
  });

const shortTextQuestion = z.strictObject({
  ...common,
  type: z.literal("short_text"),
  answers: z.array(text).min(1).max(10),
});

export const questionSchema = z.discriminatedUnion("type", [
  singleQuestion,
  multipleQuestion,
  trueFalseQuestion,
  orderingQuestion,
  matchingQuestion,
  shortTextQuestion,
]);

export const questionFileSchema = z.array(questionSchema);

export type QuestionSource = z.infer<typeof questionSchema>;

const headSchema = z.strictObject({
  name: text,
  email: z.email("must be an email address").transform((email) => email.toLowerCase()),
  position: text,
});

export type DepartmentSource = {
  key: string;
  name: string;
  head?: z.infer<typeof headSchema>;
  children?: DepartmentSource[];
};

const departmentSchema: z.ZodType<DepartmentSource> = z.lazy(() =>
  z.strictObject({
    key,
    name: text,
    head: headSchema.optional(),
    children: z.array(departmentSchema).optional(),
  }),
);

export const orgFileSchema = z.strictObject({ departments: z.array(departmentSchema).min(1) });

// --- exams/<exam-key>.yaml ---------------------------------------------------

const dateTimeMessage = "must be a date-time with a UTC offset, e.g. 2026-11-01T00:00:00+03:00";
const isoDateTime = z.iso.datetime({ offset: true });

/**
 * A date-time with an offset. YAML 1.2 (this loader) reads an unquoted timestamp
 * as a string, YAML 1.1 tools as a Date: both are accepted, invalid dates are not.
 */
const dateTime = z
  .union([z.date(), z.string()], { error: dateTimeMessage })
  .transform((value, ctx) => {
    if (value instanceof Date) return value;
    if (!isoDateTime.safeParse(value).success) {
      ctx.addIssue({ code: "custom", message: dateTimeMessage, input: value });
      return z.NEVER;
    }
    return new Date(value);
  });

const positiveInt = z.int("must be a whole number").min(1, "must be at least 1");

const crossFieldMessages: Record<CrossFieldIssue["problem"], string> = {
  "both-counts": 'set exactly one of "questionsPerCard" and "questionCount", not both',
  "no-count": 'set exactly one of "questionsPerCard" and "questionCount"',
  "closes-before-opens": 'must be after "opensAt"',
  "review-after-close-without-close": 'is after_close but "closesAt" is not set',
  "weighting-without-total": 'needs "questionCount" (with "questionsPerCard" every card gives that number)',
};

const examAssignmentSchema = z.strictObject({ department: key, due: dateTime.optional() });

export const examFileSchema = z
  .strictObject({
    title: text,
    description: z.string().trim().default(""),
    deck: key,
    cards: z.union(
      [
        z.literal("all"),
        z
          .array(key)
          .min(1, "must list at least one card")
          .refine((keys) => new Set(keys).size === keys.length, { error: "lists a card twice" }),
      ],
      { error: 'must be "all" or a list of card keys of the deck' },
    ),
    questionsPerCard: positiveInt.optional(),
    questionCount: positiveInt.optional(),
    /** pool: at random from all the cards' questions; length: by each card's length; or a weight per card key (1 when unlisted). */
    cardWeights: z
      .union([z.enum(["pool", "length"]), z.record(key, positiveInt.max(CARD_WEIGHT_MAX, `must be at most ${CARD_WEIGHT_MAX}`))], {
        error: 'must be "pool", "length" or a weight per card key, e.g. { company-goals: 3 }',
      })
      .default("pool"),
    timeLimitMinutes: positiveInt.max(EXAM_TIME_LIMIT_MAX_MINUTES, `must be at most ${EXAM_TIME_LIMIT_MAX_MINUTES} minutes`),
    passPercent: z.int("must be a whole number").min(0, "must be 0..100").max(100, "must be 0..100"),
    attemptsAllowed: z.union([positiveInt, z.literal("unlimited")], { error: 'must be a whole number ≥ 1 or "unlimited"' }).default(1),
    opensAt: dateTime.optional(),
    closesAt: dateTime.optional(),
    reviewPolicy: z.enum(["score_only", "breakdown", "full"]).default("full"),
    reviewTiming: z
      .enum(["after_each_attempt", "after_last_attempt", "after_close"], {
        error: "must be one of after_each_attempt, after_last_attempt, after_close",
      })
      .default("after_last_attempt"),
    shuffleQuestions: z.boolean().default(true),
    shuffleOptions: z.boolean().default(true),
    navigation: z.enum(["free", "sequential"]).default("free"),
    multipleScoring: z.enum(["all_or_nothing", "proportional"]).default("all_or_nothing"),
    /** Days to re-confirm after a substantive change of one of the exam's cards; absent: no re-check. */
    recheckDays: positiveInt.max(RECHECK_DAYS_MAX, `must be at most ${RECHECK_DAYS_MAX}`).optional(),
    published: z.boolean().default(false),
    assignments: z
      .array(examAssignmentSchema)
      .refine((list) => new Set(list.map((a) => a.department)).size === list.length, {
        error: "assigns a department twice",
      })
      .default([]),
  })
  .superRefine((exam, ctx) => {
    const cardWeighting = typeof exam.cardWeights === "string" ? (exam.cardWeights.toUpperCase() as "POOL" | "LENGTH") : "CUSTOM";
    for (const issue of crossFieldIssues({ ...exam, cardWeighting, reviewTiming: exam.reviewTiming.toUpperCase() as ReviewTiming })) {
      const field = issue.field === "cardWeighting" ? "cardWeights" : issue.field;
      ctx.addIssue({ code: "custom", path: [field], message: crossFieldMessages[issue.problem] });
    }
  });

export type ExamSource = z.infer<typeof examFileSchema>;
