import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { ContentError } from "./errors";
import { loadContent, type Content, type ContentQuestion } from "./load";
import { answerKeySchema, questionPayloadSchema, type QuestionType } from "./question-data";
import { examFileSchema } from "./schema";

const contentDir = path.resolve(import.meta.dirname, "../../content");
const deckDir = "decks/attestation-prep";
const storedTypes: QuestionType[] = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "ORDERING", "MATCHING", "SHORT_TEXT"];

describe("loadContent: the real content/ folder", () => {
  const content: Content = loadContent(contentDir);
  const questions = content.decks.flatMap((deck) => deck.cards.flatMap((card) => card.questions));
  const ofType = (type: QuestionType) => questions.filter((q) => q.type === type);

  it("holds one deck «Подготовка к аттестации» with its 11 cards in deck.yaml order", () => {
    expect(content.decks).toHaveLength(1);
    const [deck] = content.decks;
    expect(deck.slug).toBe("attestation-prep");
    expect(deck.title).toBe("Подготовка к аттестации");
    expect(deck.published).toBe(true);
    expect(deck.description.length).toBeGreaterThan(0);

    const deckFile = YAML.parse(readFileSync(path.join(contentDir, deckDir, "deck.yaml"), "utf8")) as { cards: string[] };
    expect(deckFile.cards).toHaveLength(11);
    expect(deck.cards.map((card) => card.key)).toEqual(deckFile.cards);
    expect(deck.cards.map((card) => card.position)).toEqual(deckFile.cards.map((_, index) => index));
  });

  it("gives every card a front, a Markdown back without its front matter, and questions", () => {
    const [deck] = content.decks;
    expect(deck.cards[0].front).toBe("Структура компании");
    for (const card of deck.cards) {
      expect(card.front.trim(), card.key).not.toBe("");
      expect(card.back.trim(), card.key).not.toBe("");
      expect(card.back, card.key).not.toMatch(/^---/);
      expect(card.back, card.key).not.toContain("front:");
      expect(card.questions.length, card.key).toBeGreaterThan(0);
      expect(card.questions.map((q) => q.position), card.key).toEqual(card.questions.map((_, index) => index));
      for (const question of card.questions) expect(question.key.startsWith(`${card.key}-`), question.key).toBe(true);
    }
  });

  it("has at least 60 questions with unique ids, all six types, pools and non-empty texts", () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(new Set(questions.map((q) => q.key)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(storedTypes));
    for (const question of questions) {
      expect(question.prompt.trim(), question.key).not.toBe("");
      expect(question.explanation.trim(), question.key).not.toBe("");
      expect(["PRACTICE", "EXAM", "BOTH"], question.key).toContain(question.pool);
    }
  });

  it("stores every payload and answer key in the shape of its type", () => {
    for (const question of questions) {
      expect(questionPayloadSchema[question.type].safeParse(question.payload).success, question.key).toBe(true);
      expect(answerKeySchema[question.type].safeParse(question.answerKey).success, question.key).toBe(true);
    }
  });

  it("keys single and multiple choices by option ids, and keeps «correct» out of the payload", () => {
    const choiceIds = (q: ContentQuestion) => (q.payload as { options: { id: string }[] }).options.map((o) => o.id);
    for (const question of ofType("SINGLE")) {
      const { correct } = question.answerKey as { correct: string[] };
      expect(correct, question.key).toHaveLength(1);
      expect(choiceIds(question), question.key).toContain(correct[0]);
    }
    for (const question of ofType("MULTIPLE")) {
      const { correct } = question.answerKey as { correct: string[] };
      expect(correct.length, question.key).toBeGreaterThanOrEqual(2);
      expect(correct.length, question.key).toBeLessThan(choiceIds(question).length);
      for (const id of correct) expect(choiceIds(question), question.key).toContain(id);
    }
    for (const question of [...ofType("SINGLE"), ...ofType("MULTIPLE")]) {
      const { options } = question.payload as { options: Record<string, unknown>[] };
      expect(options.length, question.key).toBeGreaterThanOrEqual(3);
      expect(new Set(choiceIds(question)).size, question.key).toBe(options.length);
      for (const option of options) expect(Object.keys(option).sort(), question.key).toEqual(["id", "text"]);
    }
  });

  it("stores true/false, ordering, matching and short text keys against their payloads", () => {
    for (const question of ofType("TRUE_FALSE")) {
      expect(question.payload, question.key).toEqual({});
      expect(typeof (question.answerKey as { value: unknown }).value, question.key).toBe("boolean");
    }
    for (const question of ofType("ORDERING")) {
      const { items } = question.payload as { items: { id: string; text: string }[] };
      expect(items.length, question.key).toBeGreaterThanOrEqual(3);
      expect((question.answerKey as { order: string[] }).order, question.key).toEqual(items.map((item) => item.id));
    }
    for (const question of ofType("MATCHING")) {
      const { left, right } = question.payload as { left: { id: string }[]; right: { id: string }[] };
      const { pairs } = question.answerKey as { pairs: [string, string][] };
      expect(left.length, question.key).toBeGreaterThanOrEqual(3);
      expect(right, question.key).toHaveLength(left.length);
      expect(pairs, question.key).toHaveLength(left.length);
      const leftIds = left.map((l) => l.id);
      const rightIds = right.map((r) => r.id);
      expect(new Set(leftIds).size).toBe(leftIds.length);
      expect(new Set(rightIds).size).toBe(rightIds.length);
      for (const [l, r] of pairs) {
        expect(leftIds, question.key).toContain(l);
        expect(rightIds, question.key).toContain(r);
      }
      expect(pairs.map(([l]) => l).sort(), question.key).toEqual([...leftIds].sort());
      expect(pairs.map(([, r]) => r).sort(), question.key).toEqual([...rightIds].sort());
    }
    for (const question of ofType("SHORT_TEXT")) {
      expect(question.payload, question.key).toEqual({});
      const { accepted } = question.answerKey as { accepted: string[] };
      expect(accepted.length, question.key).toBeGreaterThan(0);
      for (const answer of accepted) expect(answer.trim(), question.key).not.toBe("");
    }
  });

  it("builds the department tree: 8 departments, back-office the only root, sps with two children", () => {
    const { departments } = content;
    expect(departments).toHaveLength(8);
    expect(new Set(departments.map((d) => d.key)).size).toBe(8);
    expect(departments.filter((d) => d.parentKey === null).map((d) => d.key)).toEqual(["back-office"]);
    expect(departments.find((d) => d.key === "back-office")?.name).toBe("Бэк-офис");
    expect(
      departments
        .filter((d) => d.parentKey === "sps")
        .map((d) => d.key)
        .sort(),
    ).toEqual(["customer-support", "system-engineers"]);
    expect(departments.filter((d) => d.parentKey === "back-office")).toHaveLength(5);
    // A parent always comes before its children (the seed relies on it).
    departments.forEach((department, index) => {
      if (department.parentKey) {
        expect(departments.slice(0, index).map((d) => d.key), department.key).toContain(department.parentKey);
      }
    });
  });

  it("gives heads unique, lower-case e-mails and full details", () => {
    const heads = content.departments.flatMap((d) => (d.head ? [d.head] : []));
    expect(heads.length).toBeGreaterThan(0);
    expect(new Set(heads.map((h) => h.email)).size).toBe(heads.length);
    for (const head of heads) {
      expect(head.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
      expect(head.email).toBe(head.email.toLowerCase());
      expect(head.name.trim()).not.toBe("");
      expect(head.position.trim()).not.toBe("");
    }
    expect(content.departments.find((d) => d.key === "sales")?.head?.email).toBe("i.bogatenkov@company.example");
  });

  it("holds the exam mock-attestation with every field mapped to the Exam columns", () => {
    expect(content.exams.map((exam) => exam.key)).toEqual(["mock-attestation"]);
    const [exam] = content.exams;
    const [deck] = content.decks;
    expect(exam).toEqual({
      key: "mock-attestation",
      title: "Пробная аттестация",
      description: "Пробный экзамен по всей колоде «Подготовка к аттестации»: 24 вопроса, больше — по объёмным темам; в трёх попытках вопросы не повторяются.",
      deckSlug: "attestation-prep",
      cardKeys: deck.cards.map((card) => card.key),
      questionsPerCard: null,
      questionCount: 24,
      cardWeighting: "CUSTOM",
      cardWeights: {
        "company-structure": 3,
        "company-goals": 3,
        "communication-principles": 4,
        "communication-channels": 1,
        "incoming-calls": 3,
        "outgoing-calls": 1,
        email: 4,
        "video-calls": 1,
        "requests-handling": 2,
        "requests-transfer": 1,
        "support-principles": 1,
      },
      timeLimitSeconds: 30 * 60,
      passPercent: 80,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      reviewPolicy: "FULL",
      reviewTiming: "AFTER_LAST_ATTEMPT",
      shuffleQuestions: true,
      shuffleOptions: true,
      navigation: "FREE",
      multipleScoring: "ALL_OR_NOTHING",
      recheckDays: null,
      published: true,
      assignments: [{ departmentKey: "back-office", dueAt: new Date("2026-12-25T15:00:00Z") }],
    });
    expect(exam.cardKeys).toHaveLength(11);
    expect(exam.assignments[0].dueAt).toBeInstanceOf(Date);
  });

  it("has enough exam-pool questions (pool exam or both) on every card for mock-attestation's attempts never to repeat one", () => {
    const [exam] = content.exams;
    expect(Object.values(exam.cardWeights).reduce((sum, weight) => sum + weight, 0)).toBe(exam.questionCount);
    for (const card of content.decks[0].cards) {
      const examPool = card.questions.filter((q) => q.pool === "EXAM" || q.pool === "BOTH");
      expect(examPool.length, card.key).toBeGreaterThanOrEqual(exam.cardWeights[card.key] * exam.attemptsAllowed!);
    }
  });

  it("hashes the folder's contents, not its location", () => {
    const copy = copyContent();
    expect(loadContent(copy).hash).toBe(content.hash);
    expect(content.hash).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(path.join(copy, "org.yaml"), `${readFileSync(path.join(copy, "org.yaml"), "utf8")}\n# changed\n`);
    expect(loadContent(copy).hash).not.toBe(content.hash);
  });
});

// --- Broken content ---------------------------------------------------------

const temporaryDirs: string[] = [];

/** A copy of content/ in a fresh temp folder, named "content" so messages read content/…. */
function copyContent() {
  const parent = mkdtempSync(path.join(os.tmpdir(), "content-load-test-"));
  temporaryDirs.push(parent);
  const copy = path.join(parent, "content");
  cpSync(contentDir, copy, { recursive: true });
  return copy;
}

const file = (root: string, relative: string) => path.join(root, relative);
const read = (root: string, relative: string) => readFileSync(file(root, relative), "utf8");
const write = (root: string, relative: string, text: string) => writeFileSync(file(root, relative), text);

type QuestionYaml = Record<string, unknown> & { id: string; type: string; options?: { text: string; correct?: true }[] };
const questionsPath = (card: string) => `${deckDir}/questions/${card}.yaml`;
const readQuestions = (root: string, card: string) => YAML.parse(read(root, questionsPath(card))) as QuestionYaml[];
const writeQuestions = (root: string, card: string, list: QuestionYaml[]) =>
  write(root, questionsPath(card), YAML.stringify(list));

/** Runs loadContent, expecting a ContentError; returns its message. */
function loadError(root: string): string {
  let caught: unknown;
  try {
    loadContent(root);
  } catch (error) {
    caught = error;
  }
  expect(caught, "loadContent should have thrown").toBeInstanceOf(ContentError);
  const message = (caught as ContentError).message;
  expect(message).toContain("nothing was written");
  return message;
}

describe("loadContent: broken content is rejected with the file and the field", () => {
  afterEach(() => {
    for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("loads an untouched copy (the cases below break exactly one thing)", () => {
    expect(() => loadContent(copyContent())).not.toThrow();
  });

  it("rejects a single-choice question with two correct options", () => {
    const root = copyContent();
    const list = readQuestions(root, "email");
    const index = list.findIndex((q) => q.type === "single");
    expect(index).toBeGreaterThanOrEqual(0);
    list[index].options!.forEach((option) => (option.correct = true));
    writeQuestions(root, "email", list);

    const message = loadError(root);
    expect(message).toContain(`content/${questionsPath("email")}: question ${index + 1} (${list[index].id})`);
    expect(message).toContain('field "options"');
    expect(message).toContain("exactly one option with correct: true");
  });

  it("rejects an unknown key in a question (strict schema)", () => {
    const root = copyContent();
    const list = readQuestions(root, "video-calls");
    list[1].hint = "подсказка";
    writeQuestions(root, "video-calls", list);

    const message = loadError(root);
    expect(message).toContain(`content/${questionsPath("video-calls")}: question 2 (${list[1].id})`);
    expect(message).toMatch(/unrecognized key/i);
    expect(message).toContain('"hint"');
  });

  it("rejects a type that is not one of the six", () => {
    const root = copyContent();
    const list = readQuestions(root, "video-calls");
    list[0].type = "essay";
    writeQuestions(root, "video-calls", list);

    const message = loadError(root);
    expect(message).toContain(`content/${questionsPath("video-calls")}: question 1 (${list[0].id})`);
    expect(message).toContain('field "type"');
  });

  it("rejects invalid YAML syntax, naming the file and the line", () => {
    const root = copyContent();
    write(root, questionsPath("email"), `- id: email-broken\n  type: single\n  prompt: "не закрыта кавычка\n  options: [a, b\n`);

    const message = loadError(root);
    expect(message).toContain(`content/${questionsPath("email")}: line`);
    expect(message).toContain("invalid YAML");
  });

  it("gives the line number of invalid YAML", () => {
    const root = copyContent();
    write(root, "org.yaml", "departments:\n  - key: back-office\n    name: [Бэк-офис\n  - key: sales\n");

    const message = loadError(root);
    expect(message).toMatch(/content\/org\.yaml: line \d+: invalid YAML/);
  });

  it("rejects a question id used in two files", () => {
    const root = copyContent();
    const emailQuestions = readQuestions(root, "email");
    const videoQuestions = readQuestions(root, "video-calls");
    const duplicate = emailQuestions[0];
    writeQuestions(root, "video-calls", [...videoQuestions, duplicate]);

    const message = loadError(root);
    expect(message).toContain(
      `content/${questionsPath("video-calls")}: question ${videoQuestions.length + 1} (${duplicate.id}), field "id"`,
    );
    expect(message).toContain(`"${duplicate.id}" is already used in email.yaml`);
  });

  it("rejects a card listed in deck.yaml without its .md file", () => {
    const root = copyContent();
    const cards = (YAML.parse(read(root, `${deckDir}/deck.yaml`)) as { cards: string[] }).cards;
    unlinkSync(file(root, `${deckDir}/cards/video-calls.md`));

    const message = loadError(root);
    expect(message).toContain(`content/${deckDir}/deck.yaml: field "cards.${cards.indexOf("video-calls")}"`);
    expect(message).toContain("there is no file cards/video-calls.md");
  });

  it("rejects a card .md without front matter", () => {
    const root = copyContent();
    const card = `${deckDir}/cards/email.md`;
    write(root, card, read(root, card).replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ""));
    expect(read(root, card)).not.toMatch(/^---/);

    const message = loadError(root);
    expect(message).toContain(`content/${card}: must start with front matter`);
  });

  it("rejects a card .md that deck.yaml does not list", () => {
    const root = copyContent();
    write(root, `${deckDir}/cards/extra-card.md`, "---\nfront: Лишняя карточка\n---\n- пункт\n");

    const message = loadError(root);
    expect(message).toContain(`content/${deckDir}/cards/extra-card.md: card "extra-card" is not listed in deck.yaml "cards"`);
  });

  it("rejects a card listed in deck.yaml without its questions file", () => {
    const root = copyContent();
    rmSync(path.join(root, questionsPath("video-calls")));

    const message = loadError(root);
    expect(message).toContain(`content/${questionsPath("video-calls")}: file is missing`);
  });

  it("rejects a card whose back is empty", () => {
    const root = copyContent();
    write(root, `${deckDir}/cards/video-calls.md`, "---\nfront: В Skype\n---\n\n   \n");

    const message = loadError(root);
    expect(message).toContain(`content/${deckDir}/cards/video-calls.md: the card's back`);
    expect(message).toContain("is empty");
  });

  it("rejects a head with an invalid e-mail in org.yaml", () => {
    const root = copyContent();
    const org = read(root, "org.yaml");
    expect(org).toContain("email: i.bogatenkov@company.example");
    write(root, "org.yaml", org.replace("email: i.bogatenkov@company.example", "email: bogatenkov-at-company"));

    const message = loadError(root);
    expect(message).toMatch(/content\/org\.yaml: field "departments\.0\.children\.\d+\.head\.email": must be an email address/);
  });

  it("reports problems in two files together, in one message", () => {
    const root = copyContent();
    write(root, "org.yaml", read(root, "org.yaml").replace("email: a.shikin@company.example", "email: shikin"));
    const list = readQuestions(root, "company-goals");
    list[0].pool = "sometimes";
    writeQuestions(root, "company-goals", list);

    const message = loadError(root);
    expect(message).toMatch(/content\/org\.yaml: field "[^"]*\.head\.email"/);
    expect(message).toContain(`content/${questionsPath("company-goals")}: question 1 (${list[0].id}), field "pool"`);
    expect(message.split("; ").length).toBeGreaterThanOrEqual(2);
  });

  it("rejects a content folder that does not exist", () => {
    const missing = path.join(os.tmpdir(), "content-load-test-missing", "content");
    expect(() => loadContent(missing)).toThrow(ContentError);
    expect(() => loadContent(missing)).toThrow(/does not exist/);
  });
});

// --- Exams -----------------------------------------------------------------

const examPath = (key: string) => `exams/${key}.yaml`;
type ExamYaml = Record<string, unknown>;
const readExam = (root: string, key = "mock-attestation") => YAML.parse(read(root, examPath(key))) as ExamYaml;
const writeExam = (root: string, key: string, exam: ExamYaml) => write(root, examPath(key), YAML.stringify(exam));
/** The seed exam with some fields replaced (undefined removes a field), written back in place. */
function editExam(root: string, changes: ExamYaml) {
  const exam = { ...readExam(root), ...changes };
  for (const [field, value] of Object.entries(changes)) if (value === undefined) delete exam[field];
  writeExam(root, "mock-attestation", exam);
}
const examFile = `content/${examPath("mock-attestation")}`;
const examPoolSize = (content: Content, cardKey: string) =>
  content.decks[0].cards.find((card) => card.key === cardKey)!.questions.filter((q) => q.pool !== "PRACTICE").length;

describe("loadContent: exams", () => {
  afterEach(() => {
    for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("treats a missing exams folder as no exams", () => {
    const root = copyContent();
    rmSync(path.join(root, "exams"), { recursive: true });
    const loaded = loadContent(root);
    expect(loaded.exams).toEqual([]);
    expect(loaded.decks).toHaveLength(1);
  });

  it("resolves a card list in deck order, a question count, unlimited attempts, a window and the enums", () => {
    const root = copyContent();
    writeExam(root, "email-check", {
      title: "Проверка: письма и звонки",
      deck: "attestation-prep",
      cards: ["email", "incoming-calls"],
      questionCount: 5,
      timeLimitMinutes: 15,
      passPercent: 70,
      attemptsAllowed: "unlimited",
      opensAt: "2026-11-01T00:00:00+03:00",
      closesAt: "2027-01-31T23:59:59Z",
      reviewPolicy: "breakdown",
      reviewTiming: "after_close",
      shuffleQuestions: false,
      shuffleOptions: false,
      navigation: "sequential",
      multipleScoring: "proportional",
      published: false,
    });
    const exam = loadContent(root).exams.find((e) => e.key === "email-check")!;
    expect(exam).toMatchObject({
      description: "",
      cardKeys: ["incoming-calls", "email"],
      questionsPerCard: null,
      questionCount: 5,
      timeLimitSeconds: 900,
      passPercent: 70,
      attemptsAllowed: null,
      opensAt: new Date("2026-10-31T21:00:00Z"),
      closesAt: new Date("2027-01-31T23:59:59Z"),
      reviewPolicy: "BREAKDOWN",
      reviewTiming: "AFTER_CLOSE",
      shuffleQuestions: false,
      shuffleOptions: false,
      navigation: "SEQUENTIAL",
      multipleScoring: "PROPORTIONAL",
      published: false,
      assignments: [],
    });
  });

  it("accepts a date-time both as a string and as a Date (a YAML 1.1 timestamp)", () => {
    const base = { ...readExam(contentDir), assignments: undefined };
    const asString = examFileSchema.parse({ ...base, opensAt: "2026-11-01T00:00:00+03:00" });
    const asDate = examFileSchema.parse({ ...base, opensAt: new Date("2026-10-31T21:00:00Z") });
    expect(asString.opensAt).toEqual(new Date("2026-10-31T21:00:00Z"));
    expect(asDate.opensAt).toEqual(asString.opensAt);
    expect(examFileSchema.safeParse({ ...base, opensAt: new Date("not a date") }).success).toBe(false);
    expect(examFileSchema.safeParse({ ...base, opensAt: 20261101 }).success).toBe(false);

    const root = copyContent();
    write(root, examPath("quoted"), `${read(root, examPath("mock-attestation")).replace(/due: (\S+)/, 'due: "$1"')}`);
    expect(read(root, examPath("quoted"))).toContain('due: "2026-12-25T18:00:00+03:00"');
    const quoted = loadContent(root).exams.find((e) => e.key === "quoted")!;
    expect(quoted.assignments[0].dueAt).toEqual(new Date("2026-12-25T15:00:00Z"));
  });

  it("reads how a total is spread over the cards: pool by default, by length, or a weight per card key", () => {
    const root = copyContent();
    const exam = (cardWeights?: unknown) => ({
      title: "Веса",
      deck: "attestation-prep",
      cards: ["email", "incoming-calls", "video-calls"],
      questionCount: 4,
      timeLimitMinutes: 15,
      passPercent: 70,
      ...(cardWeights === undefined ? {} : { cardWeights }),
    });
    writeExam(root, "by-pool", exam());
    writeExam(root, "by-length", exam("length"));
    writeExam(root, "by-weight", exam({ email: 3, "video-calls": 2 }));
    const loaded = new Map(loadContent(root).exams.map((e) => [e.key, e]));
    expect(loaded.get("by-pool")).toMatchObject({ cardWeighting: "POOL" });
    expect(loaded.get("by-length")).toMatchObject({ cardWeighting: "LENGTH" });
    expect(loaded.get("by-weight")).toMatchObject({ cardWeighting: "CUSTOM", cardWeights: { "incoming-calls": 1, email: 3, "video-calls": 2 } });

    const wrong = copyContent();
    writeExam(wrong, "bad-weights", exam({ email: 0, "no-such-card": 2, "company-goals": 1 }));
    const message = loadError(wrong);
    expect(message).toContain('content/exams/bad-weights.yaml: field "cardWeights.email": must be at least 1');
    const unknown = copyContent();
    writeExam(unknown, "bad-weights", exam({ "company-goals": 2 }));
    expect(loadError(unknown)).toContain('content/exams/bad-weights.yaml: field "cardWeights.company-goals": the exam has no card "company-goals"');
    const perCard = copyContent();
    writeExam(perCard, "bad-weights", { ...exam("length"), questionCount: undefined, questionsPerCard: 1 });
    expect(loadError(perCard)).toContain('content/exams/bad-weights.yaml: field "cardWeights": needs "questionCount"');
  });

  it("rejects an unknown deck", () => {
    const root = copyContent();
    editExam(root, { deck: "no-such-deck" });
    expect(loadError(root)).toContain(`${examFile}: field "deck": there is no deck "no-such-deck"`);
  });

  it("rejects an unknown card key", () => {
    const root = copyContent();
    editExam(root, { cards: ["email", "no-such-card"] });
    expect(loadError(root)).toContain(`${examFile}: field "cards.1": there is no card "no-such-card" in deck "attestation-prep"`);
  });

  it("rejects cards that are neither \"all\" nor a list", () => {
    const root = copyContent();
    editExam(root, { cards: "some" });
    expect(loadError(root)).toContain(`${examFile}: field "cards": must be "all" or a list of card keys`);
  });

  it("rejects an unknown department key in an assignment", () => {
    const root = copyContent();
    editExam(root, { assignments: [{ department: "back-office" }, { department: "marketing" }] });
    expect(loadError(root)).toContain(
      `${examFile}: field "assignments.1.department": there is no department "marketing" in org.yaml`,
    );
  });

  it("rejects both questionsPerCard and questionCount", () => {
    const root = copyContent();
    editExam(root, { questionsPerCard: 2 });
    const message = loadError(root);
    expect(message).toContain(`${examFile}: field "questionCount"`);
    expect(message).toContain('set exactly one of "questionsPerCard" and "questionCount", not both');
  });

  it("rejects neither questionsPerCard nor questionCount", () => {
    const root = copyContent();
    editExam(root, { questionCount: undefined, cardWeights: undefined });
    const message = loadError(root);
    expect(message).toContain(`${examFile}: field "questionsPerCard": set exactly one of "questionsPerCard" and "questionCount"`);
  });

  it("rejects closesAt equal to or before opensAt", () => {
    for (const closesAt of ["2026-11-01T00:00:00+03:00", "2026-10-31T23:00:00+03:00"]) {
      const root = copyContent();
      editExam(root, { opensAt: "2026-11-01T00:00:00+03:00", closesAt });
      expect(loadError(root), closesAt).toContain(`${examFile}: field "closesAt": must be after "opensAt"`);
    }
  });

  it("reads each review timing, and defaults to the full review after the last attempt", () => {
    const root = copyContent();
    for (const [timing, stored] of [["after_each_attempt", "AFTER_EACH_ATTEMPT"], ["after_last_attempt", "AFTER_LAST_ATTEMPT"]]) {
      editExam(root, { reviewTiming: timing });
      expect(loadContent(root).exams[0].reviewTiming).toBe(stored);
    }
    editExam(root, { reviewPolicy: undefined, reviewTiming: undefined });
    expect(loadContent(root).exams[0]).toMatchObject({ reviewPolicy: "FULL", reviewTiming: "AFTER_LAST_ATTEMPT" });
  });

  it("rejects an unknown review timing, after_close without closesAt and the old reviewAfterClose", () => {
    const root = copyContent();
    editExam(root, { reviewTiming: "after_first_attempt" });
    expect(loadError(root)).toContain(
      `${examFile}: field "reviewTiming": must be one of after_each_attempt, after_last_attempt, after_close`,
    );
    editExam(root, { reviewTiming: "after_close" });
    expect(loadError(root)).toContain(`${examFile}: field "reviewTiming": is after_close but "closesAt" is not set`);
    editExam(root, { reviewTiming: undefined, reviewAfterClose: true });
    expect(loadError(root)).toMatch(/unrecognized key.*"reviewAfterClose"/i);
  });

  it("rejects invalid dates and date-times without an offset", () => {
    const cases: [string, ExamYaml][] = [
      ["opensAt", { opensAt: "2026-02-30T00:00:00+03:00" }],
      ["closesAt", { closesAt: "2026-12-31T10:00:00" }],
      ["assignments.0.due", { assignments: [{ department: "back-office", due: "25.12.2026" }] }],
    ];
    for (const [field, changes] of cases) {
      const root = copyContent();
      editExam(root, changes);
      expect(loadError(root), field).toContain(`${examFile}: field "${field}": must be a date-time with a UTC offset`);
    }
  });

  it("rejects a questionsPerCard the exam pool of a chosen card cannot supply, naming the card", () => {
    const root = copyContent();
    const loaded = loadContent(root);
    const perCard = 5;
    const short = loaded.decks[0].cards.filter((card) => examPoolSize(loaded, card.key) < perCard);
    expect(short.length).toBeGreaterThan(0);
    editExam(root, { questionsPerCard: perCard, questionCount: undefined, cardWeights: undefined });

    const message = loadError(root);
    for (const card of short) {
      expect(message).toContain(
        `${examFile}: field "questionsPerCard": card "${card.key}" has only ${examPoolSize(loaded, card.key)} exam-pool questions`,
      );
    }
    // A practice-only question does not count: only cards short of exam/both questions are named.
    expect(message.split("; ")).toHaveLength(short.length);
  });

  it("rejects a questionCount the chosen cards' exam pool cannot supply", () => {
    const root = copyContent();
    const loaded = loadContent(root);
    const available = examPoolSize(loaded, "requests-transfer") + examPoolSize(loaded, "video-calls");
    editExam(root, { cards: ["requests-transfer", "video-calls"], cardWeights: undefined, questionCount: available + 1 });
    expect(loadError(root)).toContain(
      `${examFile}: field "questionCount": the chosen cards have only ${available} exam-pool questions (pool exam or both), ${available + 1} needed`,
    );

    editExam(root, { questionCount: available });
    expect(loadContent(root).exams[0].questionCount).toBe(available);
  });

  it("rejects out-of-range numbers and an unknown field", () => {
    const cases: [string, ExamYaml][] = [
      ["timeLimitMinutes", { timeLimitMinutes: 0 }],
      ["timeLimitMinutes", { timeLimitMinutes: 12.5 }],
      ["timeLimitMinutes", { timeLimitMinutes: 601 }],
      ["passPercent", { passPercent: 101 }],
      ["attemptsAllowed", { attemptsAllowed: 0 }],
      ["attemptsAllowed", { attemptsAllowed: "many" }],
      ["questionsPerCard", { questionsPerCard: 0 }],
      ["reviewPolicy", { reviewPolicy: "answers" }],
      ["navigation", { navigation: "linear" }],
    ];
    for (const [field, changes] of cases) {
      const root = copyContent();
      editExam(root, changes);
      expect(loadError(root), JSON.stringify(changes)).toContain(`${examFile}: field "${field}"`);
    }

    const root = copyContent();
    editExam(root, { timeLimit: 30 });
    const message = loadError(root);
    expect(message).toContain(`${examFile}: `);
    expect(message).toMatch(/unrecognized key/i);
    expect(message).toContain('"timeLimit"');
  });

  it("rejects a department assigned twice, a bad exam file name and a non-YAML file in exams/", () => {
    const root = copyContent();
    editExam(root, { assignments: [{ department: "sales" }, { department: "sales", due: "2026-12-01T10:00:00+03:00" }] });
    write(root, "exams/Mock_Exam.yaml", read(root, examPath("mock-attestation")));
    write(root, "exams/notes.yml", "title: x\n");
    mkdirSync(path.join(root, "exams", "drafts"));

    const message = loadError(root);
    expect(message).toContain(`${examFile}: field "assignments": assigns a department twice`);
    expect(message).toContain("content/exams/Mock_Exam.yaml: the file name (the exam key) must be");
    expect(message).toContain("content/exams/notes.yml: exams/ may only hold <exam-key>.yaml files");
    expect(message).toContain("content/exams/drafts: exams/ may only hold <exam-key>.yaml files");
  });

  it("reports an exam problem together with a problem elsewhere", () => {
    const root = copyContent();
    editExam(root, { passPercent: -1 });
    const list = readQuestions(root, "email");
    list[0].pool = "sometimes";
    writeQuestions(root, "email", list);

    const message = loadError(root);
    expect(message).toContain(`${examFile}: field "passPercent"`);
    expect(message).toContain(`content/${questionsPath("email")}: question 1`);
  });
});
