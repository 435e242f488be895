import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { ContentError } from "../lib/content/errors";
import { loadContent } from "../lib/content/load";
import { fromStoredQuestion } from "../lib/content/question-data";
import { db } from "../lib/db";
import { resetDatabase } from "../lib/testing/database";
import { verifyPassword } from "../lib/users/password";
import { demoHeadDepartments, demoPassword, demoUsers } from "./demo-users";
import { seed, seedIfNeverSeeded } from "./seeding";

const contentDir = path.resolve(import.meta.dirname, "../content");
const deckDir = "decks/attestation-prep";
const content = loadContent(contentDir);
const contentQuestions = content.decks.flatMap((deck) => deck.cards.flatMap((card) => card.questions));
const contentCards = content.decks.flatMap((deck) => deck.cards);
const contentHeads = content.departments.flatMap((d) => (d.head ? [{ ...d.head, department: d.key }] : []));
const contentAssignments = content.exams.flatMap((exam) => exam.assignments);

const temporaryDirs: string[] = [];

/** A copy of content/ in a fresh temp folder. */
function copyContent() {
  const parent = mkdtempSync(path.join(os.tmpdir(), "seeding-test-"));
  temporaryDirs.push(parent);
  const copy = path.join(parent, "content");
  cpSync(contentDir, copy, { recursive: true });
  return copy;
}

type QuestionYaml = Record<string, unknown> & { id: string; prompt: string };
const questionsFile = (root: string, card: string) => path.join(root, deckDir, "questions", `${card}.yaml`);
const readQuestions = (root: string, card: string) =>
  YAML.parse(readFileSync(questionsFile(root, card), "utf8")) as QuestionYaml[];
const writeQuestions = (root: string, card: string, list: QuestionYaml[]) =>
  writeFileSync(questionsFile(root, card), YAML.stringify(list));

const examFile = (root: string, key = "mock-attestation") => path.join(root, "exams", `${key}.yaml`);
/** Replaces fields of the seed exam in a content copy. */
function editExam(root: string, changes: Record<string, unknown>) {
  const exam = { ...(YAML.parse(readFileSync(examFile(root), "utf8")) as Record<string, unknown>), ...changes };
  writeFileSync(examFile(root), YAML.stringify(exam));
}
const noRows = { department: 0, user: 0, deck: 0, card: 0, question: 0, exam: 0, examCard: 0, assignment: 0, seedRun: 0 };

async function tableCounts() {
  const [department, user, deck, card, question, exam, examCard, assignment, seedRun] = await Promise.all([
    db.department.count(),
    db.user.count(),
    db.deck.count(),
    db.card.count(),
    db.question.count(),
    db.exam.count(),
    db.examCard.count(),
    db.assignment.count(),
    db.seedRun.count(),
  ]);
  return { department, user, deck, card, question, exam, examCard, assignment, seedRun };
}

/** Every content row, password hashes included, keyed for comparison. */
async function snapshot() {
  const [departments, users, decks, cards, questions, exams, examCards, assignments] = await Promise.all([
    db.department.findMany({ orderBy: { key: "asc" } }),
    db.user.findMany({ orderBy: { email: "asc" }, omit: { passwordHash: false } }),
    db.deck.findMany({ orderBy: { slug: "asc" } }),
    db.card.findMany({ orderBy: { key: "asc" } }),
    db.question.findMany({ orderBy: { key: "asc" } }),
    db.exam.findMany({ orderBy: { key: "asc" } }),
    db.examCard.findMany({ orderBy: [{ examId: "asc" }, { cardId: "asc" }] }),
    db.assignment.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { departments, users, decks, cards, questions, exams, examCards, assignments };
}

const passwordOf = async (email: string) =>
  (await db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } })).passwordHash;

beforeEach(resetDatabase);

afterAll(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("seed", () => {
  it("creates departments, heads, the deck, its cards and questions, the exam and its assignment on the first run", async () => {
    const result = await seed({ demo: false });

    expect(result.created).toBeGreaterThan(0);
    expect(result).toMatchObject({ changed: 0, retired: 0, demoUsers: 0 });
    // departments + heads + deck + cards + questions + exams + exam assignments (ExamCard rows are part of their exam)
    expect(content.exams).toHaveLength(1);
    expect(contentAssignments).toHaveLength(1);
    expect(result.created).toBe(
      content.departments.length +
        contentHeads.length +
        1 +
        contentCards.length +
        contentQuestions.length +
        content.exams.length +
        contentAssignments.length,
    );

    const counts = await tableCounts();
    expect(counts).toMatchObject({
      department: 8,
      deck: 1,
      card: 11,
      user: contentHeads.length,
      exam: 1,
      examCard: 11,
      assignment: 1,
    });
    expect(await db.question.count({ where: { active: true } })).toBe(contentQuestions.length);
    expect(counts.question).toBe(contentQuestions.length);

    const deck = await db.deck.findUniqueOrThrow({ where: { slug: "attestation-prep" }, include: { cards: true } });
    expect(deck.title).toBe("Подготовка к аттестации");
    expect(deck.published).toBe(true);
    expect([...deck.cards].sort((a, b) => a.position - b.position).map((c) => c.key)).toEqual(
      contentCards.map((c) => c.key),
    );
    for (const card of deck.cards) expect(card.version).toBe(1);

    const question = contentQuestions[0];
    const stored = await db.question.findUniqueOrThrow({ where: { key: question.key } });
    expect(stored).toMatchObject({
      type: question.type,
      prompt: question.prompt,
      explanation: question.explanation,
      pool: question.pool,
      active: true,
      version: 1,
    });
    // Stored under ids of their own, the options read back as the file has them.
    expect(fromStoredQuestion(stored.type, stored.payload, stored.answerKey)).toEqual(
      fromStoredQuestion(question.type, question.payload, question.answerKey),
    );
  });

  it("creates the exam mock-attestation on all 11 cards, assigned to back-office", async () => {
    await seed({ demo: false });

    const exam = await db.exam.findUniqueOrThrow({
      where: { key: "mock-attestation" },
      include: { cards: { select: { weight: true, card: { select: { key: true, deck: { select: { slug: true } } } } } }, assignments: true },
    });
    expect(exam).toMatchObject({
      title: "Пробная аттестация",
      description: "Пробный экзамен по всей колоде «Подготовка к аттестации»: 24 вопроса, больше — по объёмным темам; в трёх попытках вопросы не повторяются.",
      questionsPerCard: null,
      questionCount: 24,
      cardWeighting: "CUSTOM",
      timeLimitSeconds: 1800,
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
      published: true,
      version: 1,
    });
    expect(exam.cards.map((c) => c.card.key).sort()).toEqual(contentCards.map((c) => c.key).sort());
    expect(new Set(exam.cards.map((c) => c.card.deck.slug))).toEqual(new Set(["attestation-prep"]));
    const weights = exam.cards.map((c) => c.weight);
    expect(weights.reduce((sum, weight) => sum + weight, 0)).toBe(24);
    expect(Object.fromEntries(exam.cards.map((c) => [c.card.key, c.weight]))).toMatchObject({ "communication-principles": 4, email: 4, "video-calls": 1 });

    const backOffice = await db.department.findUniqueOrThrow({ where: { key: "back-office" } });
    expect(exam.assignments).toHaveLength(1);
    expect(exam.assignments[0]).toMatchObject({
      departmentId: backOffice.id,
      userId: null,
      createdById: null,
      dueAt: new Date("2026-12-25T15:00:00Z"),
    });
  });

  it("builds the department tree and makes each content head a HEAD without a password", async () => {
    await seed({ demo: false });

    const departments = await db.department.findMany({ include: { parent: true, head: true } });
    expect(departments.filter((d) => d.parentId === null).map((d) => d.key)).toEqual(["back-office"]);
    expect(
      departments
        .filter((d) => d.parent?.key === "sps")
        .map((d) => d.key)
        .sort(),
    ).toEqual(["customer-support", "system-engineers"]);

    for (const head of contentHeads) {
      const user = await db.user.findUniqueOrThrow({
        where: { email: head.email },
        select: { role: true, name: true, passwordHash: true, department: { select: { key: true } }, headOf: true },
      });
      expect(user.role, head.email).toBe("HEAD");
      expect(user.name).toBe(head.name);
      expect(user.passwordHash, head.email).toBeNull();
      expect(user.department?.key).toBe(head.department);
      expect(user.headOf.map((d) => d.key)).toEqual([head.department]);
    }
    expect(await db.user.count({ where: { role: "HEAD" } })).toBe(contentHeads.length);
  });

  it("changes nothing when run a second time without demo users", async () => {
    await seed({ demo: false });
    const countsBefore = await tableCounts();
    const before = await snapshot();

    const second = await seed({ demo: false });

    expect(second).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: 0 });
    const countsAfter = await tableCounts();
    expect({ ...countsAfter, seedRun: undefined }).toEqual({ ...countsBefore, seedRun: undefined });
    expect(countsAfter.seedRun).toBe(countsBefore.seedRun + 1);
    expect(await snapshot()).toEqual(before);
  });

  it("changes nothing when run a second time with demo users, keeping their password hashes", async () => {
    const first = await seed({ demo: true });
    expect(first.created).toBeGreaterThan(0);
    expect(first.demoUsers).toBe(demoUsers.length + demoHeadDepartments.length);
    const countsBefore = await tableCounts();
    const before = await snapshot();

    const second = await seed({ demo: true });

    expect(second).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: first.demoUsers });
    const countsAfter = await tableCounts();
    expect({ ...countsAfter, seedRun: undefined }).toEqual({ ...countsBefore, seedRun: undefined });
    expect(await db.user.count({ where: { email: { endsWith: "@demo.local" } } })).toBe(demoUsers.length);

    const after = await snapshot();
    // Compared without updatedAt: the demo users are upserted on every run.
    const stable = (s: Awaited<ReturnType<typeof snapshot>>) => ({
      ...s,
      users: s.users.map((user) => ({ ...user, updatedAt: undefined })),
    });
    expect(stable(after)).toEqual(stable(before));
    expect(after.users.map((u) => [u.email, u.passwordHash])).toEqual(before.users.map((u) => [u.email, u.passwordHash]));
  });

  it("creates the demo users only with demo: true, with the demo password", async () => {
    await seed({ demo: false });
    expect(await db.user.count({ where: { email: { endsWith: "@demo.local" } } })).toBe(0);
    expect(await db.user.count({ where: { passwordHash: { not: null } } })).toBe(0);
    expect(await db.user.count({ where: { demo: { not: null } } })).toBe(0);

    await seed({ demo: true });

    const users = await db.user.findMany({
      where: { email: { endsWith: "@demo.local" } },
      select: { email: true, role: true, passwordHash: true, department: { select: { key: true } } },
      orderBy: { email: "asc" },
    });
    expect(users.map((u) => u.email)).toEqual(demoUsers.map((u) => u.email).sort());
    for (const demo of demoUsers) {
      const user = users.find((u) => u.email === demo.email)!;
      expect(user.role, demo.email).toBe(demo.role);
      expect(user.department?.key, demo.email).toBe(demo.department);
      expect(user.passwordHash, demo.email).toBeTruthy();
    }
    expect(await verifyPassword(demoPassword, users[0].passwordHash!)).toBe(true);

    // The heads of the demo head departments can sign in too; the other heads cannot.
    for (const head of contentHeads) {
      const hash = await passwordOf(head.email);
      if (demoHeadDepartments.includes(head.department)) expect(hash, head.email).toBeTruthy();
      else expect(hash, head.email).toBeNull();
    }
    // Each is marked for the demo removal: the demo accounts as such, the real heads as holding the demo password.
    const marks = await db.user.findMany({ where: { demo: { not: null } }, select: { email: true, demo: true }, orderBy: { email: "asc" } });
    expect(marks).toEqual(
      [
        ...demoUsers.map((user) => ({ email: user.email, demo: "ACCOUNT" })),
        ...contentHeads.filter((head) => demoHeadDepartments.includes(head.department)).map((head) => ({ email: head.email, demo: "PASSWORD" })),
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
  });

  it("keeps a learner's schedule and review history when a card's text changes", async () => {
    await seed({ demo: false });
    const card = await db.card.findFirstOrThrow({ where: { key: "email" } });
    const learner = await db.user.create({ data: { email: "learner@company.example", name: "Учащийся" } });
    const due = new Date("2026-12-01T09:00:00Z");
    const state = { due, stability: 4, difficulty: 5, scheduledDays: 3, learningSteps: 0, reps: 2, lapses: 0, state: 2 };
    await db.cardState.create({ data: { userId: learner.id, cardId: card.id, ...state } });
    await db.reviewLog.create({
      data: { userId: learner.id, cardId: card.id, rating: 3, state: 1, due, stability: 4, difficulty: 5, scheduledDays: 3, learningSteps: 0 },
    });

    const root = copyContent();
    const cardFile = path.join(root, deckDir, "cards", "email.md");
    writeFileSync(cardFile, readFileSync(cardFile, "utf8").replace("Не пишите", "Никогда не пишите"));
    expect((await seed({ demo: false, contentDir: root })).changed).toBe(1);

    expect(await db.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: learner.id, cardId: card.id } } })).toMatchObject(state);
    expect(await db.reviewLog.count({ where: { userId: learner.id, cardId: card.id } })).toBe(1);
    expect((await db.card.findUniqueOrThrow({ where: { id: card.id } })).back).toContain("Никогда не пишите");
  });

  it("updates changed content in place and retires a removed question", async () => {
    await seed({ demo: false });
    const before = await snapshot();

    const root = copyContent();
    const cardKey = "email";
    const cardFile = path.join(root, deckDir, "cards", `${cardKey}.md`);
    writeFileSync(cardFile, `${readFileSync(cardFile, "utf8").trimEnd()}\n- Новый пункт, добавленный тестом.\n`);

    const edited = readQuestions(root, "video-calls");
    edited[0].prompt = `${edited[0].prompt} (изменено)`;
    writeQuestions(root, "video-calls", edited);

    const shortened = readQuestions(root, "requests-transfer");
    const removed = shortened.pop()!; // the last one, so no other question's position shifts
    writeQuestions(root, "requests-transfer", shortened);

    const result = await seed({ demo: false, contentDir: root });
    expect(result).toEqual({ created: 0, changed: 2, retired: 1, demoUsers: 0 });

    const after = await snapshot();
    const byKey = <T extends { key: string }>(rows: T[], key: string) => rows.find((row) => row.key === key)!;

    const cardBefore = byKey(before.cards, cardKey);
    const cardAfter = byKey(after.cards, cardKey);
    expect(cardAfter.version).toBe(cardBefore.version + 1);
    expect(cardAfter.back).toContain("Новый пункт, добавленный тестом.");
    expect(cardAfter.id).toBe(cardBefore.id);

    const questionBefore = byKey(before.questions, edited[0].id);
    const questionAfter = byKey(after.questions, edited[0].id);
    expect(questionAfter.version).toBe(questionBefore.version + 1);
    expect(questionAfter.prompt).toBe(edited[0].prompt);
    expect(questionAfter.id).toBe(questionBefore.id);
    expect(questionAfter.active).toBe(true);

    const retired = byKey(after.questions, removed.id);
    expect(retired.active).toBe(false);
    expect(retired.id).toBe(byKey(before.questions, removed.id).id);
    expect(retired.prompt).toBe(removed.prompt);
    expect(await db.question.count({ where: { active: true } })).toBe(contentQuestions.length - 1);
    expect(after.questions).toHaveLength(before.questions.length);

    // Nothing else changed: not a field, not a version, not an updatedAt.
    const touched = new Set([cardKey, edited[0].id, removed.id]);
    const untouched = <T extends { key: string }>(rows: T[]) => rows.filter((row) => !touched.has(row.key));
    expect(untouched(after.cards)).toEqual(untouched(before.cards));
    expect(untouched(after.questions)).toEqual(untouched(before.questions));
    expect(after.decks).toEqual(before.decks);
    expect(after.departments).toEqual(before.departments);
    expect(after.users).toEqual(before.users);
    expect(after.exams).toEqual(before.exams);
    expect(after.examCards).toEqual(before.examCards);
    expect(after.assignments).toEqual(before.assignments);

    // And applying the edited folder again changes nothing more.
    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: 0 });
  });

  it("writes nothing when the content is invalid", async () => {
    const root = copyContent();
    const list = readQuestions(root, "email");
    list[0].unexpected = true;
    writeQuestions(root, "email", list);

    await expect(seed({ demo: true, contentDir: root })).rejects.toBeInstanceOf(ContentError);
    await expect(seed({ demo: true, contentDir: root })).rejects.toThrow(
      `content/${deckDir}/questions/email.yaml: question 1 (${list[0].id})`,
    );
    expect(await tableCounts()).toEqual(noRows);
  });

  it("rolls everything back when the demo part fails after the content was written", async () => {
    // Valid content without a department a demo user belongs to: the failure comes
    // inside the transaction, after departments, deck, cards and questions were written.
    const root = copyContent();
    const orgFile = path.join(root, "org.yaml");
    const org = YAML.parse(readFileSync(orgFile, "utf8")) as { departments: { key: string; children?: unknown[] }[] };
    const [backOffice] = org.departments;
    backOffice.children = (backOffice.children as { key: string; children?: { key: string }[] }[]).map((child) =>
      child.key === "sps" ? { ...child, children: child.children?.filter((c) => c.key !== "customer-support") } : child,
    );
    writeFileSync(orgFile, YAML.stringify(org));
    expect(loadContent(root).departments.map((d) => d.key)).not.toContain("customer-support");

    await expect(seed({ demo: true, contentDir: root })).rejects.toThrow();
    expect(await tableCounts()).toEqual(noRows);
  });
});

describe("seed: exams", () => {
  it("updates an exam whose passPercent changed in place: changed=1, version +1, cards and assignment kept", async () => {
    await seed({ demo: false });
    const before = await snapshot();

    const root = copyContent();
    editExam(root, { passPercent: 90 });
    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 0, changed: 1, retired: 0, demoUsers: 0 });

    const after = await snapshot();
    const [examBefore] = before.exams;
    const [examAfter] = after.exams;
    expect(examAfter).toMatchObject({ id: examBefore.id, passPercent: 90, version: examBefore.version + 1 });
    expect({ ...examAfter, passPercent: 80, version: 1, updatedAt: undefined }).toEqual({ ...examBefore, updatedAt: undefined });
    expect(after.examCards).toEqual(before.examCards);
    expect(after.assignments).toEqual(before.assignments);
    expect({ ...after, exams: undefined }).toEqual({ ...before, exams: undefined });

    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: 0 });
  });

  it("sets the exam's cards to exactly the chosen ones: one change, version +1, and back again", async () => {
    await seed({ demo: false });
    const exam = await db.exam.findUniqueOrThrow({ where: { key: "mock-attestation" } });
    const cardKeysOf = async () =>
      (await db.examCard.findMany({ where: { examId: exam.id }, select: { card: { select: { key: true } } } }))
        .map((row) => row.card.key)
        .sort();

    const root = copyContent();
    editExam(root, { cards: ["video-calls", "email"], cardWeights: { "video-calls": 1, email: 3 }, questionCount: 4 });
    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 0, changed: 1, retired: 0, demoUsers: 0 });
    expect(await cardKeysOf()).toEqual(["email", "video-calls"]);
    expect((await db.exam.findUniqueOrThrow({ where: { id: exam.id } })).version).toBe(2);
    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: 0 });

    expect(await seed({ demo: false })).toEqual({ created: 0, changed: 1, retired: 0, demoUsers: 0 });
    expect(await cardKeysOf()).toEqual(contentCards.map((c) => c.key).sort());
    expect((await db.exam.findUniqueOrThrow({ where: { id: exam.id } })).version).toBe(3);
  });

  it("upserts assignments by department: a new due date updates the row, a new department creates one", async () => {
    await seed({ demo: false });
    const [assignment] = await db.assignment.findMany();

    const root = copyContent();
    editExam(root, {
      assignments: [
        { department: "back-office", due: "2026-12-28T18:00:00+03:00" },
        { department: "sales" },
      ],
    });
    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 1, changed: 1, retired: 0, demoUsers: 0 });

    const sales = await db.department.findUniqueOrThrow({ where: { key: "sales" } });
    const after = await db.assignment.findMany({ orderBy: { createdAt: "asc" } });
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.id === assignment.id)?.dueAt).toEqual(new Date("2026-12-28T15:00:00Z"));
    expect(after.find((a) => a.id !== assignment.id)).toMatchObject({ departmentId: sales.id, dueAt: null, userId: null });
    expect((await db.exam.findFirstOrThrow()).version).toBe(1);

    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: 0 });
  });

  it("never deletes assignments made by other means, nor an exam that left the content", async () => {
    await seed({ demo: false });
    const exam = await db.exam.findUniqueOrThrow({ where: { key: "mock-attestation" } });
    const sps = await db.department.findUniqueOrThrow({ where: { key: "sps" } });
    const learner = await db.user.create({ data: { email: "learner@company.example", name: "Учащийся" } });
    const byHr = [
      await db.assignment.create({ data: { examId: exam.id, departmentId: sps.id } }),
      await db.assignment.create({ data: { examId: exam.id, userId: learner.id, dueAt: new Date("2026-12-01T10:00:00Z") } }),
    ];

    expect(await seed({ demo: false })).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: 0 });
    expect(await db.assignment.count()).toBe(3);

    // The exam's file removed: the exam and every assignment stay.
    const root = copyContent();
    rmSync(path.join(root, "exams"), { recursive: true });
    expect(await seed({ demo: false, contentDir: root })).toEqual({ created: 0, changed: 0, retired: 0, demoUsers: 0 });
    expect(await db.exam.findUniqueOrThrow({ where: { key: "mock-attestation" } })).toEqual(exam);
    const remaining = await db.assignment.findMany();
    expect(remaining).toHaveLength(3);
    for (const row of byHr) expect(remaining).toContainEqual(row);
  });

  it("writes nothing when an exam is invalid", async () => {
    const root = copyContent();
    editExam(root, { questionsPerCard: 50, questionCount: undefined, cardWeights: undefined });

    await expect(seed({ demo: false, contentDir: root })).rejects.toThrow(
      /content\/exams\/mock-attestation\.yaml: field "questionsPerCard": card "[a-z-]+" has only \d+ exam-pool questions/,
    );
    expect(await tableCounts()).toEqual(noRows);
  });
});

describe("seedIfNeverSeeded", () => {
  it("seeds an empty database and returns the counts", async () => {
    const result = await seedIfNeverSeeded({ demo: false });

    expect(result).not.toBeNull();
    expect(result!.created).toBeGreaterThan(0);
    expect(result).toMatchObject({ changed: 0, retired: 0 });
    expect(await db.card.count()).toBe(11);
    expect(await db.question.count({ where: { active: true } })).toBe(contentQuestions.length);
    expect(await db.seedRun.count()).toBeGreaterThan(0);
  });

  it("returns null once the database was seeded, and writes nothing", async () => {
    await seedIfNeverSeeded({ demo: true });
    const counts = await tableCounts();

    expect(await seedIfNeverSeeded({ demo: true })).toBeNull();
    expect(await tableCounts()).toEqual(counts);
  });

  it("keeps a card HR edited after the first seed", async () => {
    await seedIfNeverSeeded({ demo: false });
    const card = await db.card.findFirstOrThrow({ where: { key: "email" } });
    const back = "## Отредактировано HR\n\n- новый текст карточки";
    await db.card.update({ where: { id: card.id }, data: { back, version: { increment: 1 } } });

    expect(await seedIfNeverSeeded({ demo: false })).toBeNull();

    const after = await db.card.findUniqueOrThrow({ where: { id: card.id } });
    expect(after.back).toBe(back);
    expect(after.version).toBe(card.version + 1);
  });

  it("also counts a seed made directly with seed()", async () => {
    await seed({ demo: false });
    expect(await seedIfNeverSeeded({ demo: false })).toBeNull();
  });
});
