// The database itself keeps the invariants the migrations promise.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { resetDatabase } from "../lib/testing/database";
import { noFilters, readMigrationList, schemaPath, withSchemaEngine } from "./schema-engine";
import { readFileSync } from "node:fs";

async function examAndUser() {
  const user = await db.user.create({ data: { email: "taker@company.example", name: "Тест" } });
  const exam = await db.exam.create({
    data: { key: "mock", title: "Пробная", questionCount: 10, timeLimitSeconds: 600, passPercent: 80 },
  });
  return { user, exam };
}

const deadline = () => new Date(Date.now() + 600_000);

describe("database constraints", () => {
  beforeEach(resetDatabase);

  it("allows at most one attempt in progress per user and exam, even when started in parallel", async () => {
    const { user, exam } = await examAndUser();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => db.attempt.create({ data: { userId: user.id, examId: exam.id, deadline: deadline() } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.attempt.count({ where: { status: "IN_PROGRESS" } })).toBe(1);
  });

  it("keeps the topic scores equal to the sums of the finished attempts' breakdowns", async () => {
    const { user, exam } = await examAndUser();
    const deck = await db.deck.create({ data: { slug: "d", title: "Колода" } });
    const [c1, c2] = await Promise.all(
      ["c1", "c2"].map((key, position) => db.card.create({ data: { deckId: deck.id, key, front: key, back: "", position } })),
    );
    const scores = async () =>
      Object.fromEntries(
        (await db.topicScore.findMany({ where: { userId: user.id } })).map((row) => [row.cardId === c1.id ? "c1" : "c2", [row.points, row.maxPoints]]),
      );
    const breakdown = (c1Points: number, c1Max: number, more: object[] = []) => [{ cardId: c1.id, points: c1Points, maxPoints: c1Max }, ...more];

    const running = await db.attempt.create({ data: { userId: user.id, examId: exam.id, deadline: deadline(), breakdown: breakdown(1, 1) } });
    expect(await scores()).toEqual({});
    // Finishing counts it; entries of unknown cards (a deleted card's items) are ignored.
    await db.attempt.update({
      where: { id: running.id },
      data: { status: "SUBMITTED", breakdown: breakdown(1, 2, [{ cardId: c2.id, points: 0, maxPoints: 1 }, { cardId: "", points: 1, maxPoints: 1 }]) },
    });
    expect(await scores()).toEqual({ c1: [1, 2], c2: [0, 1] });
    const other = await db.attempt.create({
      data: { userId: user.id, examId: exam.id, deadline: deadline(), status: "EXPIRED", breakdown: breakdown(2, 2) },
    });
    expect(await scores()).toEqual({ c1: [3, 4], c2: [0, 1] });
    // A regrade replaces the attempt's share; an update of other columns changes nothing.
    await db.attempt.update({ where: { id: running.id }, data: { breakdown: breakdown(2, 2) } });
    await db.attempt.update({ where: { id: other.id }, data: { percent: 50 } });
    expect(await scores()).toEqual({ c1: [4, 4], c2: [0, 0] });
    await db.attempt.delete({ where: { id: other.id } });
    expect(await scores()).toEqual({ c1: [2, 2], c2: [0, 0] });
  });

  it("allows a new attempt once the previous one is submitted", async () => {
    const { user, exam } = await examAndUser();
    const first = await db.attempt.create({ data: { userId: user.id, examId: exam.id, deadline: deadline() } });
    await db.attempt.update({ where: { id: first.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    await db.attempt.create({ data: { userId: user.id, examId: exam.id, deadline: deadline() } });
    expect(await db.attempt.count()).toBe(2);
  });

  it("requires an assignment to target exactly one department or one user", async () => {
    const { user, exam } = await examAndUser();
    const department = await db.department.create({ data: { key: "d", name: "Отдел" } });
    await expect(db.assignment.create({ data: { examId: exam.id } })).rejects.toThrow();
    await expect(
      db.assignment.create({ data: { examId: exam.id, userId: user.id, departmentId: department.id } }),
    ).rejects.toThrow();
    await db.assignment.create({ data: { examId: exam.id, userId: user.id } });
    expect(await db.assignment.count()).toBe(1);
  });

  it("requires an exam to set exactly one way of counting questions and a sane pass mark", async () => {
    const base = { title: "Экзамен", timeLimitSeconds: 600, passPercent: 80 };
    await expect(db.exam.create({ data: { ...base, key: "none" } })).rejects.toThrow();
    await expect(db.exam.create({ data: { ...base, key: "both", questionCount: 5, questionsPerCard: 1 } })).rejects.toThrow();
    await expect(db.exam.create({ data: { ...base, key: "pct", questionCount: 5, passPercent: 120 } })).rejects.toThrow();
    await expect(db.exam.create({ data: { ...base, key: "time", questionCount: 5, timeLimitSeconds: 0 } })).rejects.toThrow();
    expect(await db.exam.count()).toBe(0);
  });

  it("allows at most one open re-check per user and exam, and a sane number of days to re-confirm", async () => {
    const { user, exam } = await examAndUser();
    const recheck = { userId: user.id, examId: exam.id, cardIds: [], dueAt: deadline() };
    await db.recheck.create({ data: recheck });
    await expect(db.recheck.create({ data: recheck })).rejects.toThrow();
    await db.recheck.updateMany({ data: { passedAt: new Date() } });
    await db.recheck.create({ data: recheck });
    expect(await db.recheck.count()).toBe(2);
    await expect(db.exam.update({ where: { id: exam.id }, data: { recheckDays: 0 } })).rejects.toThrow();
    await expect(db.exam.update({ where: { id: exam.id }, data: { recheckDays: 366 } })).rejects.toThrow();
  });

  it("stores emails lower-cased only and keeps retention within the allowed range", async () => {
    await expect(db.user.create({ data: { email: "Upper@company.example", name: "X" } })).rejects.toThrow();
    await expect(db.user.create({ data: { email: "r@company.example", name: "X", desiredRetention: 0.99 } })).rejects.toThrow();
  });
});

describe("migrations", () => {
  it("match schema.prisma exactly (no migration missing)", async () => {
    const diff = await withSchemaEngine(process.env.DATABASE_URL!, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...readMigrationList() },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] },
        script: true,
        exitCode: true,
        filters: noFilters,
      }),
    );
    expect(diff.exitCode).toBe(0);
  });
});
