// zod schemas of the content/ folder's files (the format is described in content/README.md).
import { z } from "zod";

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

export const cardFrontMatterSchema = z.strictObject({ front: text });

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
