import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { Prisma } from "../generated/prisma/client";
import { createCard, createExam, MINUTE, seedPortal, t0 } from "../testing/fixtures";
import { answerKeySchema, questionPayloadSchema } from "../content/question-data";
import { parseResponse } from "../grading/grade";
import { presentQuestion, randomSources, storedResponse } from "../grading/presentation";
import { examItemStats, itemFlags, itemStatsQuerySchema, MIN_FLAG_RESPONSES, questionStats, type TeamQuestionStat } from "./item-stats";

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;

async function createMember(email: string, departmentKey: string) {
  return db.user.create({ data: { email, name: email, departmentId: await departmentId(departmentKey) } });
}

type Question = Awaited<ReturnType<typeof createCard>>["questions"][number];
type Answer = { question: Question | null; response: unknown; points: number };

/**
 * An item as an attempt stores it now: fresh ids for this attempt, the response (given in
 * stored ids) in them, and the map back; items of attempts made before keep the stored ids.
 */
function snapshot(question: Question, response: unknown, fresh: boolean) {
  const { type } = question;
  if (!fresh) return { payload: question.payload as Prisma.InputJsonValue, answerKey: question.answerKey as Prisma.InputJsonValue, response };
  const shown = presentQuestion(type, questionPayloadSchema[type].parse(question.payload), answerKeySchema[type].parse(question.answerKey), randomSources());
  const toPresented = Object.fromEntries(Object.entries(shown.toStored).map(([presented, stored]) => [stored, presented]));
  const parsed = parseResponse(type, response);
  return {
    payload: shown.payload,
    answerKey: shown.answerKey,
    storedIds: shown.toStored,
    response: parsed.ok ? storedResponse(type, parsed.response, toPresented) : response,
  };
}

/** A finished (or running) attempt with the given items, written directly; `fresh` as in `snapshot`. */
async function addAttempt(
  userId: string,
  examId: string,
  percent: number,
  answers: Answer[],
  status: "SUBMITTED" | "EXPIRED" | "IN_PROGRESS" = "SUBMITTED",
  fresh = true,
) {
  const startedAt = new Date(t0.getTime() + percent * MINUTE);
  return db.attempt.create({
    data: {
      userId,
      examId,
      startedAt,
      deadline: new Date(startedAt.getTime() + 30 * MINUTE),
      status,
      percent: status === "IN_PROGRESS" ? null : percent,
      items: {
        create: answers.map(({ question, response: given, points }, position) => {
          const { response, ...shown } = question
            ? snapshot(question, given, fresh)
            : { payload: { options: [{ id: "a", text: "Да" }] }, answerKey: { correct: ["a"] }, response: given };
          return {
            ...shown,
            position,
            questionId: question?.id ?? null,
            questionVersion: 1,
            cardId: question?.cardId ?? null,
            type: question?.type ?? "SINGLE",
            prompt: question?.prompt ?? "Удалённый вопрос",
            explanation: "",
            response: response === null ? Prisma.DbNull : (response as Prisma.InputJsonValue),
            points: status === "IN_PROGRESS" ? null : points,
            correct: status === "IN_PROGRESS" ? null : points === 1,
          };
        }),
      },
    },
  });
}

const options = (...texts: string[]) => ({ options: texts.map((text, index) => ({ id: "abcd"[index], text })) });

/** The statistics, which must exist (not null). */
async function stats(who: CurrentUser, examId: string | undefined, department?: string) {
  const result = await examItemStats(who, examId, department);
  if (!result) throw new Error("expected statistics, got null");
  return result;
}

const byPrompt = (questions: TeamQuestionStat[], prompt: string) => {
  const found = questions.find((question) => question.prompt === prompt);
  if (!found) throw new Error(`no statistics for «${prompt}»`);
  return found;
};

describe("itemFlags", () => {
  const stat = (facility: number, discrimination: number | null, responses = MIN_FLAG_RESPONSES) => ({ facility, discrimination, responses });

  it("flags easy, hard and negatively discriminating questions at the thresholds' strict side", () => {
    expect(itemFlags(stat(0.91, 0.2))).toEqual(["too-easy"]);
    expect(itemFlags(stat(0.9, 0.2))).toEqual([]);
    expect(itemFlags(stat(0.29, 0.2))).toEqual(["too-hard"]);
    expect(itemFlags(stat(0.3, 0))).toEqual([]);
    expect(itemFlags(stat(0.2, -0.01))).toEqual(["too-hard", "negative-discrimination"]);
    expect(itemFlags(stat(0.5, null))).toEqual([]);
  });

  it("flags nothing below the minimum number of responses", () => {
    expect(itemFlags(stat(0, -1, MIN_FLAG_RESPONSES - 1))).toEqual([]);
  });
});

describe("itemStatsQuerySchema", () => {
  it("drops junk from the URL", () => {
    expect(itemStatsQuerySchema.parse({})).toEqual({});
    expect(itemStatsQuerySchema.parse({ exam: ["a", "b"], department: "x".repeat(65) })).toEqual({ exam: undefined, department: undefined });
    expect(itemStatsQuerySchema.parse({ exam: "e1", department: "d1", other: "1" })).toEqual({ exam: "e1", department: "d1" });
  });
});

describe("examItemStats", () => {
  let examId: string;
  let assignedExamId: string;
  let foreignExamId: string;

  // Six members of «Отдел поддержки клиентов» (under СПС) with attempts of 90, 80, 60,
  // 50, 20 and 10 percent. Each of the six questions answered by all of them, each
  // third is floor(6 / 3) = 2 attempts: top = 90 and 80, bottom = 20 and 10.
  //
  //                          90     80     60     50     20       10 (expired)
  // single (key a)           a 1    a 1    b 0    a 1    b 0      c 0
  //   facility 3/6 = 0.5, discrimination 2/2 − 0/2 = 1; wrong: b ×2, c ×1
  // multiple (key a, b)      c 0    a ½    ab 1   ac 0   ab 1     ab 1
  //   facility 3.5/6, discrimination 0.5/2 − 2/2 = −0.75; wrong: c ×2 (a is in the key)
  // true/false (key true)    T 1    T 1    T 1    T 1    T 1      F 0
  //   facility 5/6, discrimination 1 − 0.5 = 0.5; wrong: false ×1
  // short text               1      0      0      0      — 0      — 0
  //   facility 1/6, discrimination 0.5 − 0 = 0.5, answered 4; no wrong option
  // ordering                 1      1      1      1      1        1
  //   facility 1, discrimination 0
  // rare single (key a)      b 0           b 0           c 0
  //   drawn 3 times: facility 0, discrimination null, no flags; wrong: b ×2
  //
  // Outside the head's scope, an «Отдел внедрения» member at 95% answers single «d»:
  // for HR the single question has 7 responses, facility 3/7, thirds of floor(7/3) = 2:
  // top = 95 (0) and 90 (1), bottom = 20 and 10 (0): discrimination 0.5.
  beforeAll(async () => {
    await seedPortal();
    const first = await createCard([
      { type: "SINGLE", prompt: "single", payload: options("Вариант А", "Вариант Б", "Вариант В", "Вариант Г"), answerKey: { correct: ["a"] }, pool: "EXAM" },
      { type: "MULTIPLE", prompt: "multiple", payload: options("Один", "Два", "Три"), answerKey: { correct: ["a", "b"] } },
      { type: "TRUE_FALSE", prompt: "true/false", payload: {}, answerKey: { value: true } },
    ]);
    const second = await createCard([
      { type: "SHORT_TEXT", prompt: "short text", payload: {}, answerKey: { accepted: ["ответ"] } },
      { type: "ORDERING", prompt: "ordering", payload: { items: [{ id: "a", text: "1" }, { id: "b", text: "2" }] }, answerKey: { order: ["a", "b"] } },
      { type: "SINGLE", prompt: "rare single", payload: options("Да", "Нет", "Не знаю"), answerKey: { correct: ["a"] } },
    ]);
    const [single, multiple, trueFalse] = first.questions;
    const [shortText, ordering, rare] = second.questions;
    const cardIds = [first.card.id, second.card.id];
    examId = (await createExam({ cardIds, assignTo: null })).id;
    // Closed: the heads may no longer take them, so their questions' answers are theirs to see.
    assignedExamId = (await createExam({ cardIds, assignTo: { department: "back-office" }, closesAt: t0 })).id;
    foreignExamId = (await createExam({ cardIds, assignTo: { department: "implementation" }, closesAt: t0 })).id;

    const members = [];
    for (let i = 1; i <= 7; i++) members.push(await createMember(`item-stats-${i}@test.example`, "customer-support"));
    const rows: [percent: number, single: [string, number], multiple: [string[], number], value: boolean, text: string | null, textPoints: number][] = [
      [90, ["a", 1], [["c"], 0], true, "ответ", 1],
      [80, ["a", 1], [["a"], 0.5], true, "нет", 0],
      [60, ["b", 0], [["a", "b"], 1], true, "нет", 0],
      [50, ["a", 1], [["a", "c"], 0], true, "нет", 0],
      [20, ["b", 0], [["a", "b"], 1], true, null, 0],
      [10, ["c", 0], [["a", "b"], 1], false, null, 0],
    ];
    const rareChoices = new Map([[90, "b"], [60, "b"], [20, "c"]]);
    for (const [index, [percent, [choice, singlePoints], [choices, multiplePoints], value, text, textPoints]] of rows.entries()) {
      const answers: Answer[] = [
        { question: single, response: { choice }, points: singlePoints },
        { question: multiple, response: { choices }, points: multiplePoints },
        { question: trueFalse, response: { value }, points: value ? 1 : 0 },
        { question: shortText, response: text === null ? null : { text }, points: textPoints },
        { question: ordering, response: { order: ["a", "b"] }, points: 1 },
      ];
      const rareChoice = rareChoices.get(percent);
      if (rareChoice) answers.push({ question: rare, response: { choice: rareChoice }, points: 0 });
      // The first attempt also holds an item of a deleted question: left out.
      if (index === 0) answers.push({ question: null, response: { choice: "a" }, points: 1 });
      // Every other attempt as made before attempts had their own ids: both count together.
      await addAttempt(members[index].id, examId, percent, answers, percent === 10 ? "EXPIRED" : "SUBMITTED", index % 2 === 0);
    }
    // A running attempt: its (wrong) answers do not count.
    await addAttempt(members[6].id, examId, 0, [{ question: single, response: { choice: "d" }, points: 0 }], "IN_PROGRESS");

    const outsider = await createMember("item-stats-outsider@test.example", "implementation");
    await addAttempt(outsider.id, examId, 95, [{ question: single, response: { choice: "d" }, points: 0 }]);
  });

  it("computes facility, discrimination, responses and the most chosen wrong option", async () => {
    const result = await stats(await viewer("i.zasypkin@company.example"), examId);
    expect(result.exam?.id).toBe(examId);
    expect(result.attempts).toBe(6);
    expect(result.questions.map((question) => question.prompt).toSorted()).toEqual(
      ["multiple", "ordering", "rare single", "short text", "single", "true/false"].toSorted(),
    );
    const question = (prompt: string) => byPrompt(result.questions, prompt);

    expect(question("single")).toMatchObject({ type: "SINGLE", cardFront: expect.stringMatching(/^Тестовая тема/), responses: 6, answered: 6 });
    expect(question("single").facility).toBeCloseTo(0.5);
    expect(question("single").discrimination).toBeCloseTo(1);
    expect(question("single").mostChosenWrong).toEqual({ text: "Вариант Б", count: 2 });

    expect(question("multiple").facility).toBeCloseTo(3.5 / 6);
    expect(question("multiple").discrimination).toBeCloseTo(-0.75);
    expect(question("multiple").mostChosenWrong).toEqual({ text: "Три", count: 2 });

    expect(question("true/false").facility).toBeCloseTo(5 / 6);
    expect(question("true/false").discrimination).toBeCloseTo(0.5);
    expect(question("true/false").mostChosenWrong).toEqual({ value: false, count: 1 });

    expect(question("short text")).toMatchObject({ responses: 6, answered: 4, mostChosenWrong: null });
    expect(question("short text").facility).toBeCloseTo(1 / 6);
    expect(question("short text").discrimination).toBeCloseTo(0.5);

    expect(question("ordering")).toMatchObject({ facility: 1, discrimination: 0, mostChosenWrong: null });

    expect(question("rare single")).toMatchObject({ responses: 3, facility: 0, discrimination: null, mostChosenWrong: { text: "Нет", count: 2 } });
  });

  it("flags questions and lists the flagged first, then the hardest", async () => {
    const result = await stats(await viewer("i.zasypkin@company.example"), examId);
    expect(result.questions.map((question) => [question.prompt, question.flags])).toEqual([
      ["short text", ["too-hard"]],
      ["multiple", ["negative-discrimination"]],
      ["ordering", ["too-easy"]],
      ["rare single", []],
      ["single", []],
      ["true/false", []],
    ]);
  });

  it("counts only the head's subtree and narrows to a department", async () => {
    const boikova = await stats(await viewer("a.boikova@company.example"), examId);
    expect(boikova.attempts).toBe(6);
    expect(byPrompt(boikova.questions, "single").facility).toBeCloseTo(0.5);

    const head = await viewer("i.zasypkin@company.example");
    const support = await stats(head, examId, await departmentId("customer-support"));
    expect(byPrompt(support.questions, "single").responses).toBe(6);
    const engineers = await stats(head, examId, await departmentId("system-engineers"));
    expect(engineers).toMatchObject({ attempts: 0, questions: [] });
    expect(engineers.departments).toHaveLength(3);

    const shikin = await stats(await viewer("a.shikin@company.example"), examId);
    expect(shikin.attempts).toBe(1);
    expect(shikin.questions).toMatchObject([{ prompt: "single", responses: 1, facility: 0, discrimination: null, flags: [] }]);
  });

  it("ranks HR's thirds over every attempt: floor(7 / 3) = 2 at each end", async () => {
    const result = await stats(await viewer("hr@demo.local"), examId);
    expect(result.attempts).toBe(7);
    const single = byPrompt(result.questions, "single");
    expect(single.responses).toBe(7);
    expect(single.facility).toBeCloseTo(3 / 7);
    expect(single.discrimination).toBeCloseTo(0.5);
    expect(single.mostChosenWrong).toEqual({ text: "Вариант Б", count: 2 });
    // The thirds are of the attempts, not of each question's responses: the top third
    // (95 and 90) holds one attempt that drew «multiple» (90: 0 points), the bottom
    // third (20 and 10) two (1 point each), so 0 − 1 instead of the head's −0.75.
    expect(byPrompt(result.questions, "multiple").discrimination).toBeCloseTo(-1);
  });

  it("offers the exams with finished attempts or assigned to the covered members, by title", async () => {
    const zasypkin = await stats(await viewer("i.zasypkin@company.example"), undefined);
    expect(zasypkin.exams.map((exam) => exam.id)).toEqual([examId, assignedExamId]);
    // Without an exam chosen, the first one offered.
    expect(zasypkin.exam?.id).toBe(examId);
    expect(zasypkin.attempts).toBe(6);

    const shikin = await stats(await viewer("a.shikin@company.example"), undefined);
    expect(shikin.exams.map((exam) => exam.id)).toEqual([examId, assignedExamId, foreignExamId]);
    const engineers = await stats(await viewer("i.zasypkin@company.example"), undefined, await departmentId("system-engineers"));
    expect(engineers.exams.map((exam) => exam.id)).toEqual([assignedExamId]);
  });

  it("gives a head who covers nobody no exam", async () => {
    const lonely = await createMember("item-stats-lonely@test.example", "sales");
    await db.user.update({ where: { id: lonely.id }, data: { role: "HEAD" } });
    expect(await stats(await viewer(lonely.email), undefined)).toMatchObject({ exam: null, exams: [], attempts: 0, questions: [] });
    expect(await stats(await viewer(lonely.email), examId)).toMatchObject({ exam: { id: examId }, attempts: 0, questions: [] });
    await db.user.update({ where: { id: lonely.id }, data: { active: false } });
  });

  it("returns null for a department outside the scope, an unknown department or an unknown exam", async () => {
    const head = await viewer("i.zasypkin@company.example");
    expect(await examItemStats(head, examId, await departmentId("implementation"))).toBeNull();
    expect(await examItemStats(head, examId, await departmentId("back-office"))).toBeNull();
    expect(await examItemStats(head, examId, "no-such-department")).toBeNull();
    expect(await examItemStats(head, "no-such-exam")).toBeNull();
    expect(await examItemStats(await viewer("hr@demo.local"), examId, "no-such-department")).toBeNull();
  });

  it("refuses an employee", async () => {
    const employee = await viewer("employee@demo.local");
    await expect(examItemStats(employee, examId)).rejects.toThrow(AccessDenied);
    await expect(examItemStats(employee, undefined)).rejects.toThrow(AccessDenied);
  });

  it("hides from a head who may still take an exam drawing a question its exam-only prompt and its most chosen wrong answer", async () => {
    const zasypkin = await viewer("i.zasypkin@company.example");
    const first = await db.question.findFirstOrThrow({ where: { prompt: "single" }, select: { cardId: true } });
    // Another exam, over the first card (single: exam-only; multiple; true/false), that the head may take once.
    const open = await createExam({ cardIds: [first.cardId], assignTo: { userId: zasypkin.id }, attemptsAllowed: 1 });
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

    const withheld = await examItemStats(zasypkin, examId, undefined, at(1));
    expect(withheld!.questions.map((question) => [question.prompt ?? "", question.withheld]).toSorted()).toEqual(
      [["", true], ["multiple", true], ["ordering", false], ["rare single", false], ["short text", false], ["true/false", true]].toSorted(),
    );
    for (const question of withheld!.questions.filter((q) => q.withheld)) expect(question.mostChosenWrong).toBeNull();
    const hidden = withheld!.questions.find((question) => question.prompt === null)!;
    expect(hidden).toMatchObject({ responses: 6, cardFront: expect.stringMatching(/^Тестовая тема/) });
    expect(hidden.facility).toBeCloseTo(0.5);
    expect(JSON.stringify(withheld)).not.toContain("Вариант Б");

    // Not assigned (another head), HR, no attempt left, window closed: everything shown.
    const seesAll = (result: Awaited<ReturnType<typeof stats>>) => {
      expect(result.questions.every((question) => !question.withheld && question.prompt !== null)).toBe(true);
      expect(byPrompt(result.questions, "true/false").mostChosenWrong).toEqual({ value: false, count: 1 });
    };
    const shikin = await stats(await viewer("a.shikin@company.example"), examId);
    expect(shikin.questions).toMatchObject([{ prompt: "single", withheld: false, mostChosenWrong: { text: "Вариант Г", count: 1 } }]);
    seesAll(await stats(await viewer("hr@demo.local"), examId));
    const hrSingle = byPrompt((await stats(await viewer("hr@demo.local"), examId)).questions, "single");
    expect(hrSingle.mostChosenWrong).toEqual({ text: "Вариант Б", count: 2 });

    const attempt = await addAttempt(zasypkin.id, open.id, 50, []);
    seesAll((await examItemStats(zasypkin, examId, undefined, at(1)))!);
    await db.attempt.delete({ where: { id: attempt.id } });
    await db.exam.update({ where: { id: open.id }, data: { closesAt: at(1) } });
    seesAll((await examItemStats(zasypkin, examId, undefined, at(1)))!);
    expect((await examItemStats(zasypkin, examId, undefined, at(0)))!.questions.filter((question) => question.withheld)).toHaveLength(3);
  });

  it("gives statistics of chosen questions across all exams, for any users", async () => {
    const single = await db.question.findFirstOrThrow({ where: { prompt: "single" } });
    const rows = await questionStats({ userSql: Prisma.sql`u."active"`, questionIds: [single.id] });
    expect(rows).toMatchObject([{ questionId: single.id, responses: 7 }]);
    expect(rows[0].facility).toBeCloseTo(3 / 7);
  });
});
