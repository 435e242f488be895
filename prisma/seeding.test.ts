import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { ContentError } from "../lib/content/errors";
import { loadContent } from "../lib/content/load";
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

async function tableCounts() {
  const [department, user, deck, card, question, seedRun] = await Promise.all([
    db.department.count(),
    db.user.count(),
    db.deck.count(),
    db.card.count(),
    db.question.count(),
    db.seedRun.count(),
  ]);
  return { department, user, deck, card, question, seedRun };
}

/** Every content row, password hashes included, keyed for comparison. */
async function snapshot() {
  const [departments, users, decks, cards, questions] = await Promise.all([
    db.department.findMany({ orderBy: { key: "asc" } }),
    db.user.findMany({ orderBy: { email: "asc" }, omit: { passwordHash: false } }),
    db.deck.findMany({ orderBy: { slug: "asc" } }),
    db.card.findMany({ orderBy: { key: "asc" } }),
    db.question.findMany({ orderBy: { key: "asc" } }),
  ]);
  return { departments, users, decks, cards, questions };
}

const passwordOf = async (email: string) =>
  (await db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } })).passwordHash;

beforeEach(resetDatabase);

afterAll(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("seed", () => {
  it("creates departments, heads, the deck, its cards and questions on the first run", async () => {
    const result = await seed({ demo: false });

    expect(result.created).toBeGreaterThan(0);
    expect(result).toMatchObject({ changed: 0, retired: 0, demoUsers: 0 });
    // departments + heads + deck + cards + questions
    expect(result.created).toBe(
      content.departments.length + contentHeads.length + 1 + contentCards.length + contentQuestions.length,
    );

    const counts = await tableCounts();
    expect(counts).toMatchObject({ department: 8, deck: 1, card: 11, user: contentHeads.length });
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
      payload: question.payload,
      answerKey: question.answerKey,
      explanation: question.explanation,
      pool: question.pool,
      active: true,
      version: 1,
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
    expect(await tableCounts()).toEqual({ department: 0, user: 0, deck: 0, card: 0, question: 0, seedRun: 0 });
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
    expect(await tableCounts()).toEqual({ department: 0, user: 0, deck: 0, card: 0, question: 0, seedRun: 0 });
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
