// Reads and validates the content/ folder. Every problem is reported with the
// file and the field; nothing is returned unless the whole folder is valid.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { inExamPool, poolShortfalls, type CardWeighting, type ReviewTiming } from "../exams/rules";
import { ContentError } from "./errors";
import { toStoredQuestion, type AnswerKey, type QuestionPayload, type QuestionType } from "./question-data";
import type { CardChangeKind } from "../admin/cards.schema";
import {
  cardFrontMatterSchema,
  deckFileSchema,
  examFileSchema,
  orgFileSchema,
  questionFileSchema,
  type DepartmentSource,
} from "./schema";

export type ContentQuestion = {
  key: string;
  type: QuestionType;
  pool: "PRACTICE" | "EXAM" | "BOTH";
  prompt: string;
  payload: QuestionPayload;
  answerKey: AnswerKey;
  explanation: string;
  position: number;
};

export type ContentCard = {
  key: string;
  front: string;
  back: string;
  /** How a change of this card's text is applied (the front matter's "change"). */
  change: CardChangeKind;
  position: number;
  questions: ContentQuestion[];
};
export type ContentDeck = { slug: string; title: string; description: string; published: boolean; cards: ContentCard[] };
export type ContentHead = { name: string; email: string; position: string };
export type ContentDepartment = {
  key: string;
  name: string;
  parentKey: string | null;
  position: number;
  head: ContentHead | null;
};
export type ContentExamAssignment = { departmentKey: string; dueAt: Date | null };
/** An exam, its fields named and typed as the columns of Prisma's Exam. */
export type ContentExam = {
  key: string;
  title: string;
  description: string;
  deckSlug: string;
  /** The chosen cards, in deck order. */
  cardKeys: string[];
  questionsPerCard: number | null;
  questionCount: number | null;
  cardWeighting: CardWeighting;
  /** CUSTOM: the weight of each chosen card by key (empty otherwise). */
  cardWeights: Record<string, number>;
  timeLimitSeconds: number;
  passPercent: number;
  /** Null means unlimited. */
  attemptsAllowed: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  reviewPolicy: "SCORE_ONLY" | "BREAKDOWN" | "FULL";
  reviewTiming: ReviewTiming;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  navigation: "FREE" | "SEQUENTIAL";
  multipleScoring: "ALL_OR_NOTHING" | "PROPORTIONAL";
  recheckDays: number | null;
  published: boolean;
  assignments: ContentExamAssignment[];
};
export type Content = {
  decks: ContentDeck[];
  departments: ContentDepartment[];
  exams: ContentExam[];
  hash: string;
};

class Problems {
  readonly list: string[] = [];
  constructor(private readonly root: string) {}

  add(file: string, message: string) {
    this.list.push(`${path.relative(this.root, file) || file}: ${message}`);
  }

  addIssues(file: string, issues: z.core.$ZodIssue[], describeItem?: (index: number) => string | undefined) {
    for (const issue of issues) {
      const [first, ...rest] = issue.path;
      const item = typeof first === "number" ? describeItem?.(first) : undefined;
      const fieldPath = (item ? rest : issue.path).join(".");
      const where = [item, fieldPath ? `field "${fieldPath}"` : undefined].filter(Boolean).join(", ");
      this.add(file, `${where ? `${where}: ` : ""}${issue.message}`);
    }
  }
}

function readYaml(file: string, problems: Problems): unknown {
  if (!existsSync(file)) {
    problems.add(file, "file is missing");
    return undefined;
  }
  const document = YAML.parseDocument(readFileSync(file, "utf8"));
  if (document.errors.length) {
    const error = document.errors[0];
    problems.add(file, `line ${error.linePos?.[0].line ?? "?"}: invalid YAML (${error.message.split("\n")[0]})`);
    return undefined;
  }
  return document.toJS();
}

function splitFrontMatter(source: string) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  return match ? { frontMatter: match[1], body: match[2].trim() } : null;
}

function loadCard(file: string, problems: Problems) {
  const parts = splitFrontMatter(readFileSync(file, "utf8"));
  if (!parts) {
    problems.add(file, 'must start with front matter: a line "---", "front: <topic>", and "---"');
    return undefined;
  }
  let frontMatter: unknown;
  try {
    frontMatter = YAML.parse(parts.frontMatter);
  } catch (error) {
    problems.add(file, `invalid front matter (${(error as Error).message.split("\n")[0]})`);
    return undefined;
  }
  const parsed = cardFrontMatterSchema.safeParse(frontMatter ?? {});
  if (!parsed.success) {
    problems.addIssues(file, parsed.error.issues);
    return undefined;
  }
  if (!parts.body) {
    problems.add(file, "the card's back (the Markdown after the front matter) is empty");
    return undefined;
  }
  return { front: parsed.data.front, back: parts.body, change: parsed.data.change };
}

function loadDeck(deckDir: string, problems: Problems, questionKeys: Map<string, string>): ContentDeck | undefined {
  const slug = path.basename(deckDir);
  const deckFile = path.join(deckDir, "deck.yaml");
  const raw = readYaml(deckFile, problems);
  if (raw === undefined) return undefined;
  const deck = deckFileSchema.safeParse(raw);
  if (!deck.success) {
    problems.addIssues(deckFile, deck.error.issues);
    return undefined;
  }

  const cardsDir = path.join(deckDir, "cards");
  const questionsDir = path.join(deckDir, "questions");
  const listed = new Set(deck.data.cards);
  const stems = (dir: string, extension: string) =>
    existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(extension)).map((f) => f.slice(0, -extension.length)) : [];
  for (const stem of stems(cardsDir, ".md")) {
    if (!listed.has(stem)) problems.add(path.join(cardsDir, `${stem}.md`), `card "${stem}" is not listed in deck.yaml "cards"`);
  }
  for (const stem of stems(questionsDir, ".yaml")) {
    if (!listed.has(stem)) problems.add(path.join(questionsDir, `${stem}.yaml`), `there is no card "${stem}" in deck.yaml "cards"`);
  }

  const cards: ContentCard[] = [];
  deck.data.cards.forEach((cardKey, position) => {
    const cardFile = path.join(cardsDir, `${cardKey}.md`);
    if (!existsSync(cardFile)) {
      problems.add(deckFile, `field "cards.${position}": there is no file cards/${cardKey}.md`);
      return;
    }
    const card = loadCard(cardFile, problems);
    const questionsFile = path.join(questionsDir, `${cardKey}.yaml`);
    const questions = loadQuestions(questionsFile, problems, questionKeys);
    if (card && questions) cards.push({ key: cardKey, ...card, position, questions });
  });
  const { title, description, published } = deck.data;
  return { slug, title, description, published, cards };
}

function loadQuestions(file: string, problems: Problems, seenKeys: Map<string, string>) {
  const raw = readYaml(file, problems);
  if (raw === undefined) return undefined;
  const parsed = questionFileSchema.safeParse(raw ?? []);
  const describe = (index: number) => {
    const id = Array.isArray(raw) ? (raw[index] as { id?: unknown })?.id : undefined;
    return `question ${index + 1}${typeof id === "string" ? ` (${id})` : ""}`;
  };
  if (!parsed.success) {
    problems.addIssues(file, parsed.error.issues, describe);
    return undefined;
  }
  let valid = true;
  const questions = parsed.data.map((source, position): ContentQuestion => {
    const other = seenKeys.get(source.id);
    if (other) {
      problems.add(file, `${describe(position)}, field "id": "${source.id}" is already used in ${other}`);
      valid = false;
    }
    seenKeys.set(source.id, path.basename(file));
    return {
      key: source.id,
      pool: source.pool.toUpperCase() as ContentQuestion["pool"],
      prompt: source.prompt,
      explanation: source.explanation,
      position,
      ...toStoredQuestion(source),
    };
  });
  return valid ? questions : undefined;
}

function flattenDepartments(file: string, sources: DepartmentSource[], problems: Problems) {
  const departments: ContentDepartment[] = [];
  const headEmails = new Set<string>();
  const visit = (list: DepartmentSource[], parentKey: string | null) =>
    list.forEach((source, position) => {
      if (departments.some((d) => d.key === source.key)) problems.add(file, `department key "${source.key}" is used twice`);
      if (source.head) {
        if (headEmails.has(source.head.email)) problems.add(file, `head email "${source.head.email}" is used twice`);
        headEmails.add(source.head.email);
      }
      departments.push({ key: source.key, name: source.name, parentKey, position, head: source.head ?? null });
      visit(source.children ?? [], source.key);
    });
  visit(sources, null);
  return departments;
}

const examKeyPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type ExamContext = {
  /** Decks that loaded without any problem, by slug. */
  decks: Map<string, ContentDeck>;
  /** Folders in decks/ (a deck may exist but have failed to load: its problems are already reported). */
  deckFolders: Set<string>;
  /** Null when org.yaml failed to load (its problems are already reported). */
  departmentKeys: Set<string> | null;
};

function loadExam(file: string, context: ExamContext, problems: Problems): ContentExam | undefined {
  const key = path.basename(file, ".yaml");
  if (!examKeyPattern.test(key)) {
    problems.add(file, "the file name (the exam key) must be lower-case latin letters, digits and single hyphens");
    return undefined;
  }
  const raw = readYaml(file, problems);
  if (raw === undefined) return undefined;
  const parsed = examFileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.addIssues(file, parsed.error.issues);
    return undefined;
  }
  const source = parsed.data;
  const before = problems.list.length;

  for (const [index, assignment] of source.assignments.entries()) {
    if (context.departmentKeys && !context.departmentKeys.has(assignment.department)) {
      problems.add(file, `field "assignments.${index}.department": there is no department "${assignment.department}" in org.yaml`);
    }
  }

  const deck = context.decks.get(source.deck);
  if (!deck) {
    if (!context.deckFolders.has(source.deck)) problems.add(file, `field "deck": there is no deck "${source.deck}" in decks/`);
    return undefined;
  }
  const deckCardKeys = new Set(deck.cards.map((card) => card.key));
  if (source.cards !== "all") {
    source.cards.forEach((cardKey, index) => {
      if (!deckCardKeys.has(cardKey)) {
        problems.add(file, `field "cards.${index}": there is no card "${cardKey}" in deck "${deck.slug}"`);
      }
    });
  }
  const chosen = source.cards === "all" ? deck.cards : deck.cards.filter((card) => source.cards.includes(card.key));
  const weights = typeof source.cardWeights === "string" ? {} : source.cardWeights;
  for (const cardKey of Object.keys(weights)) {
    if (!chosen.some((card) => card.key === cardKey)) problems.add(file, `field "cardWeights.${cardKey}": the exam has no card "${cardKey}"`);
  }
  const pool = chosen.map((card) => ({ card, available: card.questions.filter((question) => inExamPool(question.pool)).length }));
  for (const shortfall of poolShortfalls(pool, source)) {
    problems.add(
      file,
      shortfall.field === "questionsPerCard"
        ? `field "questionsPerCard": card "${shortfall.card.key}" has only ${shortfall.available} exam-pool questions (pool exam or both), ${shortfall.needed} needed`
        : `field "questionCount": the chosen cards have only ${shortfall.available} exam-pool questions (pool exam or both), ${shortfall.needed} needed`,
    );
  }
  if (problems.list.length > before) return undefined;

  return {
    key,
    title: source.title,
    description: source.description,
    deckSlug: deck.slug,
    cardKeys: chosen.map((card) => card.key),
    questionsPerCard: source.questionsPerCard ?? null,
    questionCount: source.questionCount ?? null,
    cardWeighting: typeof source.cardWeights === "string" ? (source.cardWeights.toUpperCase() as CardWeighting) : "CUSTOM",
    cardWeights: typeof source.cardWeights === "string" ? {} : Object.fromEntries(chosen.map((card) => [card.key, weights[card.key] ?? 1])),
    timeLimitSeconds: source.timeLimitMinutes * 60,
    passPercent: source.passPercent,
    attemptsAllowed: source.attemptsAllowed === "unlimited" ? null : source.attemptsAllowed,
    opensAt: source.opensAt ?? null,
    closesAt: source.closesAt ?? null,
    reviewPolicy: source.reviewPolicy.toUpperCase() as ContentExam["reviewPolicy"],
    reviewTiming: source.reviewTiming.toUpperCase() as ReviewTiming,
    shuffleQuestions: source.shuffleQuestions,
    shuffleOptions: source.shuffleOptions,
    navigation: source.navigation.toUpperCase() as ContentExam["navigation"],
    multipleScoring: source.multipleScoring.toUpperCase() as ContentExam["multipleScoring"],
    recheckDays: source.recheckDays ?? null,
    published: source.published,
    assignments: source.assignments.map((a) => ({ departmentKey: a.department, dueAt: a.due ?? null })),
  };
}

/** content/exams/*.yaml; a missing folder means no exams. */
function loadExams(examsDir: string, context: ExamContext, problems: Problems): ContentExam[] {
  if (!existsSync(examsDir)) return [];
  const exams: ContentExam[] = [];
  for (const entry of readdirSync(examsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const file = path.join(examsDir, entry.name);
    if (!entry.isFile() || !entry.name.endsWith(".yaml")) {
      problems.add(file, "exams/ may only hold <exam-key>.yaml files");
      continue;
    }
    const exam = loadExam(file, context, problems);
    if (exam) exams.push(exam);
  }
  return exams;
}

function hashFolder(dir: string): string {
  const hash = createHash("sha256");
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        hash.update(path.relative(dir, full));
        hash.update(readFileSync(full));
      }
    }
  };
  walk(dir);
  return hash.digest("hex");
}

export const defaultContentDir = path.resolve(process.cwd(), "content");

/**
 * Loads the whole content folder or throws a ContentError listing every problem.
 * `orgOptional`: a folder without org.yaml (an archive of one deck) has no departments
 * of its own, and its exams' departments are checked against the database when applied.
 */
export function loadContent(dir: string = defaultContentDir, options: { orgOptional?: boolean } = {}): Content {
  const root = path.resolve(dir);
  if (!existsSync(root)) throw new ContentError(`The content folder ${root} does not exist.`);
  const problems = new Problems(path.dirname(root));

  const orgFile = path.join(root, "org.yaml");
  const orgSkipped = options.orgOptional && !existsSync(orgFile);
  const rawOrg = orgSkipped ? undefined : readYaml(orgFile, problems);
  let departments: ContentDepartment[] = [];
  let orgLoaded = false;
  if (rawOrg !== undefined) {
    const org = orgFileSchema.safeParse(rawOrg);
    if (org.success) {
      departments = flattenDepartments(orgFile, org.data.departments, problems);
      orgLoaded = true;
    } else problems.addIssues(orgFile, org.error.issues);
  }

  const decksDir = path.join(root, "decks");
  const questionKeys = new Map<string, string>();
  const deckFolders = (existsSync(decksDir) ? readdirSync(decksDir, { withFileTypes: true }) : [])
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const decks: ContentDeck[] = [];
  const cleanDecks = new Map<string, ContentDeck>();
  for (const name of deckFolders) {
    const before = problems.list.length;
    const deck = loadDeck(path.join(decksDir, name), problems, questionKeys);
    if (!deck) continue;
    decks.push(deck);
    if (problems.list.length === before) cleanDecks.set(deck.slug, deck);
  }

  const exams = loadExams(
    path.join(root, "exams"),
    {
      decks: cleanDecks,
      deckFolders: new Set(deckFolders),
      departmentKeys: orgLoaded ? new Set(departments.map((d) => d.key)) : null,
    },
    problems,
  );

  if (problems.list.length) {
    throw new ContentError(`Content is invalid, nothing was written: ${problems.list.join("; ")}`, problems.list);
  }
  return { decks, departments, exams, hash: hashFolder(root) };
}
