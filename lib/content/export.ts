// Writes what the database holds in the content/ format (content/README.md), so
// that loadContent reads the same content back and importing it changes nothing.
// The format has no place for, so this leaves out: retired questions (an import
// retires every question missing from its file, so they stay retired),
// assignments to single users and a second assignment of an exam to the same
// department (an import never deletes assignments, so they stay), a deck's
// archived flag, and user accounts other than department heads.
import "server-only";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import YAML, { Scalar, type YAMLSeq } from "yaml";
import { db, type Tx } from "../db";
import type { Prisma, Question } from "../generated/prisma/client";
import { companyTimeZone } from "../time-zone";
import { ContentError } from "./errors";
import { loadContent, type Content } from "./load";
import { fromStoredQuestion } from "./question-data";

// lineWidth 0: a long text stays on one line, as content/ writes it.
const toYaml = (value: unknown) => YAML.stringify(value, { lineWidth: 0 });

/** A text in double quotes (content/README.md asks for them in the question bank), or a block when multi-line. */
function quoted(text: string) {
  const scalar = new Scalar(text);
  scalar.type = text.includes("\n") ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** The same value with every string quoted: a question's answer fields hold only texts. */
function quoteTexts(value: unknown): unknown {
  if (typeof value === "string") return quoted(value);
  if (Array.isArray(value)) return value.map(quoteTexts);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, quoteTexts(inner)]));
  }
  return value;
}

/** An instant as content/ writes it: the company's local time with its offset, e.g. 2026-12-25T18:00:00+03:00. */
function dateTime(instant: Date, timeZone: string) {
  const pattern = instant.getMilliseconds() ? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" : "yyyy-MM-dd'T'HH:mm:ssXXX";
  return format(new TZDate(instant, timeZone), pattern);
}

function questionsYaml(questions: Question[]) {
  const document = new YAML.Document(
    questions.map((question) => {
      const { type, ...answer } = fromStoredQuestion(question.type, question.payload, question.answerKey);
      return {
        id: question.key,
        type,
        pool: question.pool.toLowerCase(),
        prompt: quoted(question.prompt),
        ...(quoteTexts(answer) as object),
        explanation: quoted(question.explanation),
      };
    }),
  );
  // A blank line between questions, as in content/.
  for (const item of (document.contents as YAMLSeq<YAML.Node>).items.slice(1)) item.spaceBefore = true;
  return document.toString({ lineWidth: 0 });
}

function readDecks(tx: Tx, where: Prisma.DeckWhereInput = {}) {
  return tx.deck.findMany({
    where,
    orderBy: { slug: "asc" },
    include: {
      cards: {
        orderBy: [{ position: "asc" }, { key: "asc" }],
        include: { questions: { where: { active: true }, orderBy: [{ position: "asc" }, { key: "asc" }] } },
      },
    },
  });
}

function readDepartments(tx: Tx) {
  return tx.department.findMany({
    orderBy: [{ position: "asc" }, { key: "asc" }],
    include: { head: { select: { name: true, email: true, position: true } } },
  });
}

function readExams(tx: Tx) {
  return tx.exam.findMany({
    orderBy: { key: "asc" },
    include: {
      cards: { select: { weight: true, card: { select: { key: true, deck: { select: { slug: true } } } } } },
      assignments: {
        where: { departmentId: { not: null } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { dueAt: true, department: { select: { key: true } } },
      },
    },
  });
}

type StoredDeck = Awaited<ReturnType<typeof readDecks>>[number];
type StoredDepartment = Awaited<ReturnType<typeof readDepartments>>[number];
type StoredExam = Awaited<ReturnType<typeof readExams>>[number];

function deckFiles(deck: StoredDeck): [string, string][] {
  const dir = `decks/${deck.slug}`;
  const { title, description, published } = deck;
  return [
    [`${dir}/deck.yaml`, toYaml({ title, description, published, cards: deck.cards.map((card) => card.key) })],
    ...deck.cards.flatMap((card): [string, string][] => [
      [`${dir}/cards/${card.key}.md`, `---\n${toYaml({ front: card.front })}---\n${card.back}\n`],
      [`${dir}/questions/${card.key}.yaml`, questionsYaml(card.questions)],
    ]),
  ];
}

function orgYaml(departments: StoredDepartment[]) {
  const tree = (parentId: string | null): object[] =>
    departments
      .filter((department) => department.parentId === parentId)
      .map(({ id, key, name, head }) => {
        const children = tree(id);
        const headFields = head && { name: head.name, email: head.email, position: head.position };
        return { key, name, ...(headFields ? { head: headFields } : {}), ...(children.length ? { children } : {}) };
      });
  return toYaml({ departments: tree(null) });
}

function examYaml(exam: StoredExam, decks: StoredDeck[], timeZone: string) {
  const deckSlugs = new Set(exam.cards.map(({ card }) => card.deck.slug));
  if (deckSlugs.size !== 1) {
    throw new ContentError(`exams/${exam.key}.yaml: field "deck": the exam's cards are not from exactly one deck, which the content format requires`);
  }
  const [deckSlug] = deckSlugs;
  const deckCardKeys = decks.find((deck) => deck.slug === deckSlug)!.cards.map((card) => card.key);
  const chosen = new Set(exam.cards.map(({ card }) => card.key));
  // The database does not keep whether the file said "all": an exam over every card of its deck is written so.
  const cards = chosen.size === deckCardKeys.length ? "all" : deckCardKeys.filter((key) => chosen.has(key));
  // An import matches an exam's assignment to a department by the oldest one, so that one is written.
  const dueByDepartment = new Map<string, Date | null>();
  for (const { department, dueAt } of exam.assignments) {
    if (!dueByDepartment.has(department!.key)) dueByDepartment.set(department!.key, dueAt);
  }
  const optionalDate = (field: string, instant: Date | null) => (instant ? { [field]: dateTime(instant, timeZone) } : {});

  return toYaml({
    title: quoted(exam.title),
    description: quoted(exam.description),
    deck: deckSlug,
    cards,
    ...(exam.questionsPerCard !== null ? { questionsPerCard: exam.questionsPerCard } : { questionCount: exam.questionCount }),
    ...(exam.cardWeighting === "POOL"
      ? {}
      : {
          cardWeights:
            exam.cardWeighting === "LENGTH"
              ? "length"
              : Object.fromEntries(deckCardKeys.filter((key) => chosen.has(key)).map((key) => [key, exam.cards.find(({ card }) => card.key === key)!.weight])),
        }),
    timeLimitMinutes: exam.timeLimitSeconds / 60,
    passPercent: exam.passPercent,
    attemptsAllowed: exam.attemptsAllowed ?? "unlimited",
    ...optionalDate("opensAt", exam.opensAt),
    ...optionalDate("closesAt", exam.closesAt),
    reviewPolicy: exam.reviewPolicy.toLowerCase(),
    reviewTiming: exam.reviewTiming.toLowerCase(),
    shuffleQuestions: exam.shuffleQuestions,
    shuffleOptions: exam.shuffleOptions,
    navigation: exam.navigation.toLowerCase(),
    multipleScoring: exam.multipleScoring.toLowerCase(),
    ...(exam.recheckDays !== null ? { recheckDays: exam.recheckDays } : {}),
    published: exam.published,
    ...(dueByDepartment.size
      ? { assignments: [...dueByDepartment].map(([department, due]) => ({ department, ...optionalDate("due", due) })) }
      : {}),
  });
}

/** The content/ files for what the database holds: path inside the folder → text. */
async function contentFiles(tx: Tx, timeZone: string): Promise<Map<string, string>> {
  const decks = await readDecks(tx);
  const departments = await readDepartments(tx);
  const exams = await readExams(tx);
  return new Map([
    ["org.yaml", orgYaml(departments)],
    ...decks.flatMap(deckFiles),
    ...exams.map((exam): [string, string] => [`exams/${exam.key}.yaml`, examYaml(exam, decks, timeZone)]),
  ]);
}

/**
 * One deck's files as content:export writes them (decks/<slug>/…), path → text;
 * null when there is no such deck.
 */
export async function deckContentFiles(deckId: string): Promise<{ slug: string; files: Map<string, string> } | null> {
  const [deck] = await db.$transaction((tx) => readDecks(tx, { id: deckId }), { isolationLevel: "RepeatableRead" });
  return deck ? { slug: deck.slug, files: new Map(deckFiles(deck)) } : null;
}

/**
 * Writes the database's content into `dir` (created when absent; it must be
 * empty, so nothing is overwritten), then reads it back with loadContent to be
 * sure it is valid content, and returns what it read.
 */
export async function exportContent(dir: string): Promise<Content> {
  const root = path.resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new ContentError(`The folder ${root} is not empty: export into a new or empty folder.`);
  }
  // One snapshot, whatever changes meanwhile.
  const files = await db.$transaction((tx) => contentFiles(tx, companyTimeZone()), { isolationLevel: "RepeatableRead" });
  for (const [relative, text] of files) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  try {
    return loadContent(root);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    throw new ContentError(`The export in ${root} is not valid content: ${error.problems.join("; ")}`, error.problems);
  }
}
