import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { ContentError } from "./errors";
import { exportContent } from "./export";
import { importContent } from "./import";
import { loadContent, type Content } from "./load";

const contentDir = path.resolve(import.meta.dirname, "../../content");
const deckDir = "decks/attestation-prep";
const temporaryDirs: string[] = [];

/** A path for an export, named "export", in a fresh temp folder. */
function exportDir() {
  const parent = mkdtempSync(path.join(os.tmpdir(), "content-export-test-"));
  temporaryDirs.push(parent);
  return path.join(parent, "export");
}

/** Every file of a folder, by path inside it. */
function filesOf(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesOf(root, full) : [path.relative(root, full)];
  });
}

/** The folder hash is the one thing that differs: it covers comments and README.md too. */
const withoutHash = (content: Content) => ({ ...content, hash: undefined });
const withoutYamlComments = (file: string, text: string) => (file.endsWith(".yaml") ? text.replace(/^#.*\n/gm, "") : text);

beforeEach(async () => {
  await resetDatabase();
  await seed({ demo: false });
});

afterAll(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("exportContent", () => {
  it("writes what loadContent reads back as content/ itself: decks, cards, questions, departments with heads, exams", async () => {
    const dir = exportDir();
    const exported = await exportContent(dir);

    expect(withoutHash(loadContent(dir))).toEqual(withoutHash(exported));
    expect(withoutHash(exported)).toEqual(withoutHash(loadContent(contentDir)));
  });

  it("writes content/'s own text apart from its comments, so a diff against content/ shows only real changes", async () => {
    const dir = exportDir();
    await exportContent(dir);

    const contentFiles = filesOf(contentDir).filter((file) => file !== "README.md");
    expect(filesOf(dir).sort()).toEqual(contentFiles.sort());
    for (const file of contentFiles) {
      const exported = readFileSync(path.join(dir, file), "utf8");
      expect(exported, file).toBe(withoutYamlComments(file, readFileSync(path.join(contentDir, file), "utf8")));
    }
  });

  it("refuses a folder that is not empty and leaves it as it was", async () => {
    const dir = exportDir();
    mkdirSync(dir);
    writeFileSync(path.join(dir, "notes.txt"), "HR's notes");

    await expect(exportContent(dir)).rejects.toThrow(ContentError);
    await expect(exportContent(dir)).rejects.toThrow(/is not empty: export into a new or empty folder/);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("writes a database changed in the portal as far as the format goes, and importing that changes nothing", async () => {
    const cards = await db.card.findMany({ where: { key: { in: ["email", "incoming-calls", "video-calls"] } } });
    const cardId = (key: string) => cards.find((card) => card.key === key)!.id;
    const videoQuestions = await db.question.findMany({ where: { cardId: cardId("video-calls") }, orderBy: { position: "asc" } });
    const retired = videoQuestions.at(-1)!;
    await db.question.update({ where: { id: retired.id }, data: { active: false } });
    await db.question.update({ where: { id: videoQuestions[0].id }, data: { explanation: "Первая строка.\nВторая строка." } });

    const sales = await db.department.findUniqueOrThrow({ where: { key: "sales" } });
    const exam = await db.exam.create({
      data: {
        key: "email-check",
        title: "Проверка: письма и звонки",
        questionCount: 3,
        timeLimitSeconds: 15 * 60,
        passPercent: 70,
        attemptsAllowed: null,
        opensAt: new Date("2026-10-31T21:00:00Z"),
        closesAt: new Date("2027-01-31T20:59:59.500Z"),
        reviewTiming: "AFTER_CLOSE",
        navigation: "SEQUENTIAL",
        cardWeighting: "CUSTOM",
        recheckDays: 14,
        cards: { create: [{ cardId: cardId("email"), weight: 3 }, { cardId: cardId("incoming-calls") }] },
      },
    });
    const employee = await db.user.create({ data: { email: "employee@company.example", name: "Сотрудник" } });
    await db.assignment.create({ data: { examId: exam.id, departmentId: sales.id } });
    await db.assignment.create({ data: { examId: exam.id, departmentId: sales.id, dueAt: new Date("2026-12-01T10:00:00Z") } });
    await db.assignment.create({ data: { examId: exam.id, userId: employee.id } });

    const dir = exportDir();
    const exported = await exportContent(dir);

    const videoCalls = exported.decks[0].cards.find((card) => card.key === "video-calls")!;
    expect(videoCalls.questions.map((q) => q.key)).toEqual(videoQuestions.slice(0, -1).map((q) => q.key));
    expect(videoCalls.questions[0].explanation).toBe("Первая строка.\nВторая строка.");
    expect(readFileSync(path.join(dir, deckDir, "questions/video-calls.yaml"), "utf8")).toContain(
      "  explanation: |-\n    Первая строка.\n    Вторая строка.\n",
    );

    expect(exported.exams.find((e) => e.key === "email-check")).toMatchObject({
      cardKeys: ["incoming-calls", "email"],
      questionsPerCard: null,
      questionCount: 3,
      timeLimitSeconds: 900,
      attemptsAllowed: null,
      opensAt: new Date("2026-10-31T21:00:00Z"),
      closesAt: new Date("2027-01-31T20:59:59.500Z"),
      reviewTiming: "AFTER_CLOSE",
      navigation: "SEQUENTIAL",
      cardWeighting: "CUSTOM",
      cardWeights: { "incoming-calls": 1, email: 3 },
      recheckDays: 14,
      assignments: [{ departmentKey: "sales", dueAt: null }],
    });
    const examFile = readFileSync(path.join(dir, "exams/email-check.yaml"), "utf8");
    expect(examFile).toContain("cards:\n  - incoming-calls\n  - email\n");
    expect(examFile).toContain("questionCount: 3\ncardWeights:\n  incoming-calls: 1\n  email: 3\n");
    expect(examFile).toContain("attemptsAllowed: unlimited\nopensAt: 2026-11-01T00:00:00+03:00\nclosesAt: 2027-01-31T23:59:59.500+03:00\n");
    expect(examFile).toContain("assignments:\n  - department: sales\n");
    expect(examFile).toContain("reviewPolicy: full\nreviewTiming: after_close\n");
    expect(examFile).toContain("recheckDays: 14\n");
    expect(examFile).not.toContain("employee@company.example");

    expect(await importContent(dir, { dryRun: true })).toEqual({ created: 0, changed: 0, retired: 0, items: [], errors: [], warnings: expect.any(Array) });
    expect(await db.question.findUniqueOrThrow({ where: { id: retired.id } })).toMatchObject({ active: false });

    // The review timing and the weights come back from the file.
    const examPath = path.join(dir, "exams/email-check.yaml");
    writeFileSync(
      examPath,
      examFile.replace("reviewTiming: after_close", "reviewTiming: after_each_attempt").replace("email: 3", "email: 5").replace("recheckDays: 14\n", ""),
    );
    expect(await importContent(dir, { dryRun: false })).toMatchObject({ changed: 1, errors: [] });
    expect(await db.exam.findUniqueOrThrow({ where: { key: "email-check" } })).toMatchObject({ reviewTiming: "AFTER_EACH_ATTEMPT", recheckDays: null, version: 2 });
    expect(await db.examCard.findUniqueOrThrow({ where: { examId_cardId: { examId: exam.id, cardId: cardId("email") } } })).toMatchObject({ weight: 5 });
  });
});
