import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { rateCard } from "../study/review";
import { readinessOfUsers } from "../study/readiness";
import { createExam, deckCards, DECK, MINUTE, seedPortal, t0 } from "../testing/fixtures";
import { HEATMAP_ROW_LIMIT, topicHeatmap, topicsQuerySchema, type HeatmapRow } from "./topics";

const NOW = new Date("2026-12-10T09:00:00.000Z");

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;

/** [cardId, points, maxPoints] of one attempt item. */
type Item = [string, number, number];

/** The per-card breakdown a graded attempt stores: its items' points summed by card. */
function breakdownOf(items: Item[]) {
  const byCard = new Map<string, { points: number; maxPoints: number }>();
  for (const [cardId, points, maxPoints] of items) {
    const entry = byCard.get(cardId) ?? { points: 0, maxPoints: 0 };
    byCard.set(cardId, { points: entry.points + points, maxPoints: entry.maxPoints + maxPoints });
  }
  return [...byCard].map(([cardId, entry]) => ({ cardId, ...entry }));
}

/**
 * An attempt with items written directly: only status, the items' card snapshot and
 * points matter here, and a finished attempt's breakdown (which the heatmap reads),
 * consistent with its items as grading stores it.
 */
function addAttempt(memberId: string, examId: string, status: "IN_PROGRESS" | "SUBMITTED" | "EXPIRED", items: Item[]) {
  return db.attempt.create({
    data: {
      userId: memberId,
      examId,
      status,
      startedAt: t0,
      deadline: new Date(t0.getTime() + 30 * MINUTE),
      submittedAt: status === "IN_PROGRESS" ? null : new Date(t0.getTime() + 10 * MINUTE),
      breakdown: status === "IN_PROGRESS" ? undefined : breakdownOf(items),
      items: {
        create: items.map(([cardId, points, maxPoints], position) => ({
          position,
          cardId,
          questionVersion: 1,
          type: "TRUE_FALSE" as const,
          prompt: `Вопрос ${position + 1}`,
          payload: {},
          answerKey: {},
          explanation: "",
          points,
          maxPoints,
        })),
      },
    },
  });
}

/** The heatmap, which must exist (not null). */
async function heatmap(who: CurrentUser, input: Record<string, unknown> = {}) {
  const result = await topicHeatmap(who, topicsQuerySchema.parse(input), NOW);
  if (!result) throw new Error("expected a heatmap, got null");
  return result;
}

const cellOf = (row: HeatmapRow | undefined, cardId: string) => row?.cells.find((cell) => cell.cardId === cardId);

describe("topicsQuerySchema", () => {
  it("falls back to the defaults on junk from the URL", () => {
    expect(topicsQuerySchema.parse({})).toEqual({ rows: "members", layer: "exam" });
    expect(topicsQuerySchema.parse({ rows: "teams", layer: "salary", department: ["a", "b"] })).toEqual({
      rows: "members",
      layer: "exam",
      department: undefined,
    });
    expect(topicsQuerySchema.parse({ rows: "departments", layer: "readiness", exam: "e1" })).toEqual({ rows: "departments", layer: "readiness", exam: "e1" });
  });
});

describe("topicHeatmap", () => {
  // The first four cards of the deck carry exam data; c5 is studied only.
  let c: string[];
  let examE: { id: string; title: string };
  let examF: { id: string; title: string };
  let examG: { id: string; title: string };
  let employee: string;
  let gorshkov: string;

  beforeAll(async () => {
    await seedPortal();
    c = (await deckCards()).map((card) => card.id);
    examE = await createExam({ cardIds: [c[0], c[1], c[2]] });
    examF = await createExam({ cardIds: [c[0], c[3]] });
    examG = await createExam({ cardIds: [c[0]] });
    employee = await userId("employee@demo.local");
    gorshkov = await userId("e.gorshkov@company.example");
    const engineer = await userId("engineer@demo.local");
    const boikova = await userId("a.boikova@company.example");
    const analyst = await userId("analyst@demo.local");
    const former = await db.user.create({
      data: { email: "former@test.example", name: "Бывший Сотрудник", departmentId: await departmentId("customer-support"), active: false },
    });

    await addAttempt(employee, examE.id, "SUBMITTED", [[c[0], 1, 1], [c[1], 0, 1]]);
    await addAttempt(employee, examE.id, "EXPIRED", [[c[0], 0, 1], [c[1], 0.5, 1], [c[2], 2, 2]]);
    await addAttempt(engineer, examE.id, "SUBMITTED", [[c[0], 1, 1], [c[1], 1, 1], [c[2], 1, 2]]);
    // Never counted: an attempt still running, an inactive member, a member of another department.
    await addAttempt(engineer, examE.id, "IN_PROGRESS", [[c[0], 0, 5]]);
    await addAttempt(former.id, examE.id, "SUBMITTED", [[c[3], 0, 100]]);
    await addAttempt(analyst, examE.id, "SUBMITTED", [[c[0], 0, 10]]);
    await addAttempt(analyst, examG.id, "SUBMITTED", [[c[0], 0, 10]]);
    await addAttempt(boikova, examF.id, "SUBMITTED", [[c[3], 1, 4], [c[0], 3, 4]]);

    const deck = await db.deck.findUniqueOrThrow({ where: { slug: DECK } });
    const study = [...[c[0], c[1], c[2]].map((cardId) => [employee, cardId]), [gorshkov, c[5]]];
    for (const [member, cardId] of study) {
      expect((await rateCard(member, deck.id, { cardId, rating: 3, expectedReps: 0 }, t0)).status).toBe("rated");
    }
  });

  it("orders the columns weakest first by team-wide exam share, then those without exam data by readiness", async () => {
    const { columns } = await heatmap(await viewer("i.zasypkin@company.example"));
    expect(columns.slice(0, 4).map((column) => [column.cardId, column.examShare])).toEqual([
      [c[3], 1 / 4],
      [c[1], 1.5 / 3],
      [c[0], 5 / 7],
      [c[2], 3 / 4],
    ]);
    const rest = columns.slice(4);
    expect(rest.map((column) => column.cardId).toSorted()).toEqual(c.filter((id, index) => index > 3).toSorted());
    expect(rest.every((column) => column.examShare === null)).toBe(true);
    expect(rest.at(-1)!.cardId).toBe(c[5]);
    expect(rest.at(-1)!.readiness).toBeGreaterThan(0);
    expect(rest.slice(0, -1).every((column) => column.readiness === 0)).toBe(true);
  });

  it("gives exact per-member shares of finished attempts, weakest member first", async () => {
    const result = await heatmap(await viewer("i.zasypkin@company.example"));
    expect(result.rows.map((row) => [row.name, row.examShare])).toEqual([
      ["Бойкова Анастасия", 4 / 8],
      ["Сотрудникова Мария (демо)", 3.5 / 6],
      ["Инженеров Павел (демо)", 3 / 4],
      // Without exam data: lower readiness first.
      ["Засыпкин Иван Владимирович", null],
      ["Горшков Евгений", null],
    ]);
    expect(result.totalRows).toBe(5);
    const byName = new Map(result.rows.map((row) => [row.name, row]));
    const mary = byName.get("Сотрудникова Мария (демо)");
    expect(cellOf(mary, c[0])).toMatchObject({ examShare: 1 / 2, examPoints: 1, examMaxPoints: 2 });
    expect(cellOf(mary, c[1])).toMatchObject({ examShare: 0.5 / 2, examPoints: 0.5, examMaxPoints: 2 });
    expect(cellOf(mary, c[3])).toMatchObject({ examShare: null, examPoints: 0, examMaxPoints: 0 });
    // The running attempt's 0 of 5 is not counted.
    expect(cellOf(byName.get("Инженеров Павел (демо)"), c[0])).toMatchObject({ examShare: 1, examPoints: 1, examMaxPoints: 1 });
    // Every row's cells follow the column order.
    for (const row of result.rows) expect(row.cells.map((cell) => cell.cardId)).toEqual(result.columns.map((column) => column.cardId));
    expect(result.rows.every((row) => row.kind === "member")).toBe(true);
  });

  it("gives the readiness of readinessOfUsers as the second layer", async () => {
    const result = await heatmap(await viewer("i.zasypkin@company.example"));
    const cardIds = result.columns.map((column) => column.cardId);
    for (const member of [employee, gorshkov]) {
      const expected = (await readinessOfUsers([member], cardIds, NOW)).get(member)!;
      const row = result.rows.find((candidate) => candidate.id === member)!;
      row.cells.forEach((cell, index) => expect(cell.readiness).toBeCloseTo(expected.cards[index].readiness, 12));
      expect(row.readiness).toBeCloseTo(expected.overall, 12);
    }
    const mary = result.rows.find((row) => row.id === employee)!;
    expect([c[0], c[1], c[2]].every((cardId) => cellOf(mary, cardId)!.readiness > 0)).toBe(true);
    // The team-wide column is the mean over the five members.
    const column = result.columns.find((candidate) => candidate.cardId === c[0])!;
    expect(column.readiness).toBeCloseTo(cellOf(mary, c[0])!.readiness / 5, 12);
  });

  it("limits shares and columns to one exam when asked", async () => {
    const result = await heatmap(await viewer("i.zasypkin@company.example"), { exam: examE.id });
    expect(result.columns.map((column) => [column.cardId, column.examShare])).toEqual([
      [c[1], 1.5 / 3],
      [c[0], 2 / 3],
      [c[2], 3 / 4],
    ]);
    expect(result.rows.find((row) => row.name === "Бойкова Анастасия")!.examShare).toBeNull();
  });

  it("groups rows by the direct sub-units (with their subtrees) and the unit's own members", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const result = await heatmap(head, { rows: "departments" });
    expect(result.rows.map((row) => [row.name, row.kind, row.examShare])).toEqual([
      ["Отдел поддержки клиентов", "subtree", 7.5 / 14],
      ["Системные инженеры", "subtree", 3 / 4],
      ["СПС", "own", null],
    ]);
    const support = result.rows[0];
    expect(cellOf(support, c[0])).toMatchObject({ examShare: 4 / 6, examPoints: 4, examMaxPoints: 6 });
    const mary = (await heatmap(head)).rows.find((row) => row.id === employee)!;
    expect(cellOf(support, c[0])!.readiness).toBeCloseTo(cellOf(mary, c[0])!.readiness / 2, 12);
    // Choosing СПС, as HR or as its head, gives the same rows.
    expect((await heatmap(await viewer("hr@demo.local"), { rows: "departments", department: await departmentId("sps") })).rows).toEqual(result.rows);
    expect((await heatmap(head, { rows: "departments", department: await departmentId("sps") })).rows).toEqual(result.rows);
    // A unit without sub-units: its own members only.
    const leaf = await heatmap(head, { rows: "departments", department: await departmentId("customer-support") });
    expect(leaf.rows.map((row) => [row.name, row.kind, row.examShare])).toEqual([["Отдел поддержки клиентов", "own", 7.5 / 14]]);
  });

  it("sums whole subtrees for HR's company-wide rows", async () => {
    const { rows } = await heatmap(await viewer("hr@demo.local"), { rows: "departments" });
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(rows.slice(0, 2).map((row) => row.name)).toEqual(["Отдел внедрения", "СПС"]);
    expect(byName.get("СПС")).toMatchObject({ kind: "subtree", examShare: 10.5 / 18 });
    expect(cellOf(byName.get("СПС"), c[0])).toMatchObject({ examPoints: 5, examMaxPoints: 7 });
    expect(cellOf(byName.get("Отдел внедрения"), c[0])).toMatchObject({ examShare: 0, examPoints: 0, examMaxPoints: 20 });
    expect(byName.get("Бэк-офис")).toMatchObject({ kind: "own", examShare: null });
    expect(byName.has("Системные инженеры")).toBe(false);
  });

  it("never shows a head a member or an exam of another department", async () => {
    const result = await heatmap(await viewer("i.zasypkin@company.example"));
    expect(result.rows.map((row) => row.name)).not.toContain("Аналитикова Ирина (демо)");
    expect(result.exams).toEqual([examE, examF].map(({ id, title }) => ({ id, title })));
    expect(result.departments.map((department) => department.name).toSorted()).toEqual(
      ["Отдел поддержки клиентов", "Системные инженеры", "СПС"].toSorted(),
    );
    const shikin = await heatmap(await viewer("a.shikin@company.example"));
    expect(shikin.rows.map((row) => row.name)).toEqual(["Аналитикова Ирина (демо)", "Шикин Алексей Николаевич"]);
    expect(shikin.exams.map((exam) => exam.id).toSorted()).toEqual([examE.id, examG.id].toSorted());
  });

  it("returns null for a department outside the scope or unknown", async () => {
    const shikin = await viewer("a.shikin@company.example");
    expect(await topicHeatmap(shikin, { rows: "members", department: await departmentId("sps") }, NOW)).toBeNull();
    expect(await topicHeatmap(shikin, { rows: "departments", department: await departmentId("customer-support") }, NOW)).toBeNull();
    const boikova = await viewer("a.boikova@company.example");
    expect(await topicHeatmap(boikova, { rows: "members", department: await departmentId("sps") }, NOW)).toBeNull();
    expect(await topicHeatmap(await viewer("hr@demo.local"), { rows: "members", department: "no-such-department" }, NOW)).toBeNull();
  });

  it("refuses an employee", async () => {
    const employeeViewer = await viewer("employee@demo.local");
    await expect(topicHeatmap(employeeViewer, { rows: "members" }, NOW)).rejects.toThrow(AccessDenied);
  });

  it(`returns at most ${HEATMAP_ROW_LIMIT} rows, the weakest`, async () => {
    const sales = await departmentId("sales");
    await db.user.createMany({
      data: Array.from({ length: HEATMAP_ROW_LIMIT }, (_, index) => ({ email: `bulk-${index}@test.example`, name: `Массовый ${index}`, departmentId: sales })),
    });
    const weakest = await db.user.findUniqueOrThrow({ where: { email: "bulk-199@test.example" } });
    await addAttempt(weakest.id, examE.id, "SUBMITTED", [[c[0], 0, 1], [c[1], 1, 2]]);
    // The only member who studied is the strongest: the one row left out.
    const studied = await db.user.findUniqueOrThrow({ where: { email: "bulk-7@test.example" } });
    const deck = await db.deck.findUniqueOrThrow({ where: { slug: DECK } });
    expect((await rateCard(studied.id, deck.id, { cardId: c[4], rating: 3, expectedReps: 0 }, t0)).status).toBe("rated");
    const result = await heatmap(await viewer("hr@demo.local"), { department: sales });
    expect(result.totalRows).toBe(HEATMAP_ROW_LIMIT + 1);
    expect(result.rows).toHaveLength(HEATMAP_ROW_LIMIT);
    expect(result.rows[0]).toMatchObject({ id: weakest.id, examShare: 1 / 3 });
    expect(cellOf(result.rows[0], c[0])).toMatchObject({ examShare: 0, examPoints: 0, examMaxPoints: 1, readiness: 0 });
    expect(cellOf(result.rows[0], c[1])).toMatchObject({ examShare: 0.5, examPoints: 1, examMaxPoints: 2, readiness: 0 });
    expect(result.rows.map((row) => row.id)).not.toContain(studied.id);
    for (const row of result.rows) expect(row.cells.map((cell) => cell.cardId)).toEqual(result.columns.map((column) => column.cardId));
    expect(result.rows.slice(1).every((row) => row.examShare === null && row.readiness === 0)).toBe(true);
    const column = result.columns.find((candidate) => candidate.cardId === c[4])!;
    const expected = (await readinessOfUsers([studied.id], [c[4]], NOW)).get(studied.id)!.overall;
    expect(column.readiness).toBeCloseTo(expected / (HEATMAP_ROW_LIMIT + 1), 12);
  });
});
