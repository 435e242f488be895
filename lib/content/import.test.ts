import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { exportContent } from "./export";
import { importContent } from "./import";

const deckDir = "decks/attestation-prep";
const temporaryDirs: string[] = [];
const nothingToDo = { created: 0, changed: 0, retired: 0, items: [], errors: [], warnings: expect.any(Array) };

/** Every row an import may write, in a stable order. */
async function snapshot() {
  return {
    departments: await db.department.findMany({ orderBy: { key: "asc" } }),
    users: await db.user.findMany({ orderBy: { email: "asc" } }),
    decks: await db.deck.findMany({ orderBy: { slug: "asc" } }),
    cards: await db.card.findMany({ orderBy: { key: "asc" } }),
    questions: await db.question.findMany({ orderBy: { key: "asc" } }),
    exams: await db.exam.findMany({ orderBy: { key: "asc" } }),
    examCards: await db.examCard.findMany({ orderBy: [{ examId: "asc" }, { cardId: "asc" }] }),
    assignments: await db.assignment.findMany({ orderBy: { id: "asc" } }),
    seedRuns: await db.seedRun.findMany({ orderBy: { id: "asc" } }),
    auditLog: await db.auditLog.findMany({ orderBy: { id: "asc" } }),
  };
}

type Choice = { id: string; text: string };
const choicesOf = (payload: unknown) => Object.values(payload as Record<string, Choice[]>).flat();
const idsOf = (payload: unknown) => choicesOf(payload).map((choice) => choice.id);

type QuestionYaml = Record<string, unknown> & { id: string };
let dir: string;
const file = (relative: string) => path.join(dir, relative);
const readQuestions = (card: string) => YAML.parse(readFileSync(file(`${deckDir}/questions/${card}.yaml`), "utf8")) as QuestionYaml[];
const writeQuestions = (card: string, list: QuestionYaml[]) =>
  writeFileSync(file(`${deckDir}/questions/${card}.yaml`), YAML.stringify(list));

/** A folder of one deck "lint-deck" with one card and these questions (no org.yaml: import it with orgOptional). */
function lintDeckFolder(questions: QuestionYaml[]) {
  const root = mkdtempSync(path.join(os.tmpdir(), "content-lint-test-"));
  temporaryDirs.push(root);
  const deck = path.join(root, "decks", "lint-deck");
  mkdirSync(path.join(deck, "cards"), { recursive: true });
  mkdirSync(path.join(deck, "questions"));
  writeFileSync(path.join(deck, "deck.yaml"), YAML.stringify({ title: "Проверка банка", cards: ["pause"] }));
  writeFileSync(path.join(deck, "cards", "pause.md"), "---\nfront: Пауза\n---\n- Проверочная пауза длится семнадцать минут.\n");
  writeFileSync(path.join(deck, "questions", "pause.yaml"), YAML.stringify(questions));
  return root;
}

const explanation = "Карточка «Пауза»: «Проверочная пауза длится семнадцать минут».";

beforeEach(async () => {
  await resetDatabase();
  await seed({ demo: false });
  const parent = mkdtempSync(path.join(os.tmpdir(), "content-import-test-"));
  temporaryDirs.push(parent);
  dir = path.join(parent, "export");
  await exportContent(dir);
});

afterAll(() => {
  for (const parent of temporaryDirs.splice(0)) rmSync(parent, { recursive: true, force: true });
});

describe("importContent", () => {
  it("finds nothing to do in a fresh export, and a dry run writes nothing", async () => {
    const before = await snapshot();
    expect(await importContent(dir, { dryRun: true })).toEqual(nothingToDo);
    expect(await snapshot()).toEqual(before);
  });

  it("imports a fresh export without changing any content row, and records the import in the audit log", async () => {
    const { seedRuns, auditLog, ...before } = await snapshot();
    expect(await importContent(dir, { dryRun: false })).toEqual(nothingToDo);

    const after = await snapshot();
    expect({ ...after, seedRuns: undefined, auditLog: undefined }).toEqual({ ...before, seedRuns: undefined, auditLog: undefined });
    expect(after.seedRuns).toHaveLength(seedRuns.length + 1);
    expect(auditLog).toEqual([]);
    expect(after.auditLog).toMatchObject([
      { actorId: null, action: "content.import", entity: "content", entityId: "export", before: null, after: { created: 0, changed: 0, retired: 0 } },
    ]);
  });

  it("counts an edited card, an added and a removed question exactly in a dry run that writes nothing, then imports them", async () => {
    const cardFile = file(`${deckDir}/cards/email.md`);
    writeFileSync(cardFile, `${readFileSync(cardFile, "utf8")}- Новый пункт карточки.\n`);
    const added = {
      id: "video-calls-camera-on",
      type: "true_false",
      pool: "practice",
      prompt: "На видеозвонке с заказчиком камера должна быть включена.",
      answer: true,
      explanation: "Карточка «В Skype»: пример вопроса для проверки импорта.",
    };
    writeQuestions("video-calls", [...readQuestions("video-calls"), added]);
    const structureQuestions = readQuestions("company-structure");
    const removedQuestion = structureQuestions.at(-1)!;
    const removed = removedQuestion.id;
    writeQuestions("company-structure", structureQuestions.slice(0, -1));

    const before = await snapshot();
    const expected = {
      created: 1,
      changed: 1,
      retired: 1,
      items: [
        { action: "changed", kind: "card", key: "email", title: "В письме" },
        { action: "created", kind: "question", key: added.id, title: added.prompt },
        { action: "retired", kind: "question", key: removed, title: removedQuestion.prompt },
      ],
      errors: [],
      warnings: expect.any(Array),
    };
    expect(await importContent(dir, { dryRun: true })).toEqual(expected);
    expect(await snapshot()).toEqual(before);

    expect(await importContent(dir, { dryRun: false })).toEqual(expected);
    expect((await db.card.findFirstOrThrow({ where: { key: "email" } })).back).toMatch(/- Новый пункт карточки\.$/);
    expect(await db.question.findUniqueOrThrow({ where: { key: added.id } })).toMatchObject({ active: true, pool: "PRACTICE" });
    expect(await db.question.findUniqueOrThrow({ where: { key: removed } })).toMatchObject({ active: false });
    expect(await db.auditLog.findMany()).toMatchObject([{ action: "content.import", after: { created: 1, changed: 1, retired: 1 } }]);

    expect(await importContent(dir, { dryRun: true })).toEqual(nothingToDo);
  });

  it("a card marked substantive is requeued for exactly those who studied it or passed an exam with it; other edits stay editorial", async () => {
    const card = (key: string) => db.card.findFirstOrThrow({ where: { key }, select: { id: true, back: true } });
    const [email, structure] = [await card("email"), await card("company-structure")];
    const user = (name: string) => db.user.create({ data: { email: `${name}@import.test`, name }, select: { id: true } });
    const [studied, passed, failed, other] = [await user("studied"), await user("passed"), await user("failed"), await user("other")];
    const later = new Date(Date.now() + 10 * 24 * 3600_000);
    const schedule = { due: later, stability: 9, difficulty: 5, scheduledDays: 10, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: new Date() };
    await db.cardState.create({ data: { userId: studied.id, cardId: email.id, ...schedule } });
    await db.cardState.create({ data: { userId: other.id, cardId: structure.id, ...schedule } });
    const exam = await db.exam.create({
      data: { key: "import-recheck", title: "Проверка", timeLimitSeconds: 600, passPercent: 80, questionsPerCard: 1, cards: { create: [{ cardId: email.id }] } },
    });
    for (const [taker, ok] of [[passed, true], [failed, false]] as const) {
      await db.attempt.create({ data: { userId: taker.id, examId: exam.id, deadline: new Date(), status: "SUBMITTED", percent: ok ? 100 : 0, passed: ok } });
    }

    const emailFile = file(`${deckDir}/cards/email.md`);
    writeFileSync(emailFile, readFileSync(emailFile, "utf8").replace(/^---\n/, "---\nchange: substantive\n").concat("- Новый срок ответа — один день.\n"));
    const structureFile = file(`${deckDir}/cards/company-structure.md`);
    writeFileSync(structureFile, `${readFileSync(structureFile, "utf8")}- Уточнённая формулировка.\n`);

    const before = Date.now();
    const result = await importContent(dir, { dryRun: false });
    expect(result.items.filter((item) => item.kind === "card")).toEqual([
      { action: "changed", kind: "card", key: "company-structure", title: expect.any(String) },
      { action: "changed", kind: "card", key: "email", title: "В письме", substantive: true },
    ]);
    expect(await db.cardChange.findMany({ select: { cardId: true, oldBack: true, newBack: true, actorId: true } })).toEqual([
      { cardId: email.id, oldBack: email.back, newBack: `${email.back}\n- Новый срок ответа — один день.`, actorId: null },
    ]);
    const states = await db.cardState.findMany({ where: { cardId: email.id }, select: { userId: true, due: true } });
    expect(states.map((state) => state.userId).sort()).toEqual([studied.id, passed.id].sort());
    for (const state of states) expect(state.due.getTime()).toBeGreaterThanOrEqual(before);
    for (const state of states) expect(state.due.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await db.cardState.findMany({ where: { cardId: structure.id }, select: { userId: true, due: true } })).toEqual([{ userId: other.id, due: later }]);
    expect(await db.auditLog.findMany()).toMatchObject([{ action: "content.import", after: { changed: 2, substantive: ["email"] } }]);
  });

  it("refuses a card whose change is neither substantive nor editorial, naming the file and field", async () => {
    const emailFile = file(`${deckDir}/cards/email.md`);
    writeFileSync(emailFile, readFileSync(emailFile, "utf8").replace(/^---\n/, "---\nchange: important\n"));
    const result = await importContent(dir, { dryRun: true });
    expect(result.errors).toEqual([expect.stringMatching(/email\.md.*change.*substantive, editorial/)]);
  });

  it("stores every option, item and side of the seeded questions under a random id, unique within its question", async () => {
    const questions = await db.question.findMany({ where: { type: { in: ["SINGLE", "MULTIPLE", "ORDERING", "MATCHING"] } } });
    expect(questions.length).toBeGreaterThan(0);
    for (const question of questions) {
      const ids = idsOf(question.payload);
      expect(ids.filter((id) => !/^[a-z2-7]{8}$/.test(id))).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("keeps the stored ids of unchanged options through an export and import, and gives a changed one a fresh id", async () => {
    const question = await db.question.findUniqueOrThrow({ where: { key: "communication-channels-operative-exchange" } });
    // Ids an earlier edit left: not in the order a file would give them.
    const ids = ["keptzzzz", "kepta222", "keptmmmm", "keptbbbb"];
    const options = choicesOf(question.payload).map((option, index) => ({ id: ids[index], text: option.text }));
    await db.question.update({ where: { id: question.id }, data: { payload: { options }, answerKey: { correct: [ids[0]] } } });
    // The export (made before this change) carries texts only: it is what an export now would write.
    expect(await importContent(dir, { dryRun: false })).toEqual(nothingToDo);
    expect(await db.question.findUniqueOrThrow({ where: { id: question.id } })).toMatchObject({ payload: { options }, version: question.version });

    const list = readQuestions("communication-channels");
    const edited = list.find((q) => q.id === question.key)! as QuestionYaml & { options: { text: string }[] };
    edited.options[3].text = "Переписка в корпоративном чате";
    writeQuestions("communication-channels", list);
    expect(await importContent(dir, { dryRun: false })).toMatchObject({ changed: 1 });
    const after = choicesOf((await db.question.findUniqueOrThrow({ where: { id: question.id } })).payload);
    expect(after.slice(0, 3)).toEqual(options.slice(0, 3));
    expect(after[3].text).toBe("Переписка в корпоративном чате");
    expect(after[3].id).toMatch(/^[a-z2-7]{8}$/);
    expect(ids).not.toContain(after[3].id);
  });

  it("reports every problem of a broken folder by file, row and field, and writes nothing, dry run or not", async () => {
    const emailQuestions = readQuestions("email");
    emailQuestions[2].pool = "sometimes";
    writeQuestions("email", emailQuestions);
    const examFile = file("exams/mock-attestation.yaml");
    writeFileSync(examFile, readFileSync(examFile, "utf8").replace("passPercent: 80", "passPercent: 101"));

    const before = await snapshot();
    for (const dryRun of [true, false]) {
      const result = await importContent(dir, { dryRun });
      expect(result, `dryRun: ${dryRun}`).toMatchObject({ created: 0, changed: 0, retired: 0 });
      expect(result.errors).toHaveLength(2);
      expect(result.errors[0]).toMatch(
        new RegExp(`^export/${deckDir}/questions/email\\.yaml: question 3 \\(${emailQuestions[2].id}\\), field "pool": `),
      );
      expect(result.errors[1]).toMatch(/^export\/exams\/mock-attestation\.yaml: field "passPercent": /);
      expect(await snapshot()).toEqual(before);
    }
  });

  it("refuses a deck with a bank lint error, naming the deck, the questions and the rule, and writes nothing, dry run or not", async () => {
    const folder = lintDeckFolder([
      { id: "pause-length", type: "short_text", pool: "exam", prompt: "Сколько длится проверочная пауза?", answers: ["семнадцать минут"], explanation },
      { id: "pause-statement", type: "true_false", pool: "practice", prompt: "Проверочная пауза длится семнадцать минут.", answer: true, explanation },
    ]);
    const before = await snapshot();
    for (const dryRun of [true, false]) {
      const result = await importContent(folder, { dryRun, orgOptional: true });
      expect(result, `dryRun: ${dryRun}`).toMatchObject({ created: 0, changed: 0, retired: 0, items: [], warnings: [] });
      expect(result.errors).toEqual([
        'decks/lint-deck: questions pause-length, pause-statement, rule "key-leak" (error): Ответ вопроса pause-length («семнадцать минут») виден в формулировке или вариантах вопроса pause-statement.',
      ]);
      expect(await snapshot()).toEqual(before);
    }
  });

  it("imports a deck with bank lint warnings and reports them", async () => {
    const folder = lintDeckFolder([
      { id: "pause-greeting", type: "true_false", pool: "practice", prompt: "Во время паузы не нужно молчать.", answer: false, explanation },
    ]);
    const result = await importContent(folder, { dryRun: false, orgOptional: true });
    expect(result).toMatchObject({ created: 3, changed: 0, retired: 0, errors: [] });
    expect(result.warnings).toEqual([
      expect.objectContaining({ deckSlug: "lint-deck", severity: "warning", rule: "unmarked-negative", questionKeys: ["pause-greeting"] }),
    ]);
    expect(await db.question.findUnique({ where: { key: "pause-greeting" } })).toMatchObject({ active: true });
  });

  it("reports a folder that does not exist as one error", async () => {
    const missing = path.join(path.dirname(dir), "missing");
    expect(await importContent(missing, { dryRun: true })).toEqual({ ...nothingToDo, errors: [`The content folder ${missing} does not exist.`], warnings: [] });
  });
});
