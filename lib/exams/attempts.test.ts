import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { questionPayloadSchema } from "../content/question-data";
import { describeKey } from "../grading/grade";
import type { Prisma } from "../generated/prisma/client";
import type { Taker } from "./access";
import {
  advanceCursor,
  finalizeAttempt,
  flagItem,
  GRACE_MS,
  saveResponse,
  startAttempt,
  submitAttempt,
  sweepExpiredAttempts,
  takerAttempt,
} from "./attempts";
import {
  at,
  attemptItems,
  correctResponse,
  createCard,
  createExam,
  deckCards,
  MINUTE,
  seedPortal,
  shown,
  shownResponse,
  started,
  t0,
  taker,
  wrongResponse,
  type ItemRow,
} from "../testing/fixtures";


const attemptRow = (id: string) => db.attempt.findUniqueOrThrow({ where: { id } });

const eligibleQuestions = (cardIds: string[]) =>
  db.question.findMany({ where: { cardId: { in: cardIds }, active: true, pool: { in: ["EXAM", "BOTH"] } } });

let seq = 0;
/** Saves a response with a fresh, increasing sequence number. */
const answer = (user: Taker, item: Pick<ItemRow, "id" | "attemptId">, response: unknown, now: Date) =>
  saveResponse(user, item.attemptId, item.id, { response, seq: ++seq }, now);

describe("exam attempts", () => {
  let employee: Taker;
  let engineer: Taker;
  let analyst: Taker;
  let hr: Taker;
  let admin: Taker;
  /** A card with one question of each type, in this order: SINGLE, MULTIPLE, TRUE_FALSE, ORDERING, MATCHING, SHORT_TEXT. */
  let allTypes: Awaited<ReturnType<typeof createCard>>;
  /** A card whose eligible questions are known: two BOTH and one EXAM; the rest must never be drawn. */
  let pools: Awaited<ReturnType<typeof createCard>>;

  const allTypesExam = (options: Parameters<typeof createExam>[0] = {}) =>
    createExam({ cardIds: [allTypes.card.id], questionsPerCard: 6, shuffleQuestions: false, ...options });

  beforeAll(async () => {
    await seedPortal();
    [employee, engineer, analyst, hr, admin] = await Promise.all(
      ["employee@demo.local", "engineer@demo.local", "analyst@demo.local", "hr@demo.local", "admin@demo.local"].map(taker),
    );
    const options = (...texts: string[]) => ({ options: texts.map((text, i) => ({ id: "abcd"[i], text })) });
    allTypes = await createCard([
      { type: "SINGLE", payload: options("Один", "Два", "Три", "Четыре"), answerKey: { correct: ["b"] } },
      { type: "MULTIPLE", payload: options("Красный", "Круглый", "Спелый", "Сладкий"), answerKey: { correct: ["a", "c", "d"] } },
      { type: "TRUE_FALSE", payload: {}, answerKey: { value: true } },
      { type: "ORDERING", payload: { items: options("Первый", "Второй", "Третий", "Четвёртый").options }, answerKey: { order: ["a", "b", "c", "d"] } },
      {
        type: "MATCHING",
        payload: {
          left: [{ id: "la", text: "Понедельник" }, { id: "lb", text: "Вторник" }, { id: "lc", text: "Среда" }],
          right: [{ id: "ra", text: "1" }, { id: "rb", text: "2" }, { id: "rc", text: "3" }],
        },
        answerKey: { pairs: [["la", "ra"], ["lb", "rb"], ["lc", "rc"]] },
      },
      { type: "SHORT_TEXT", payload: {}, answerKey: { accepted: ["Ответ один", "ответ 1"] } },
    ]);
    const trueFalse = (pool: "PRACTICE" | "EXAM" | "BOTH", active = true) =>
      ({ type: "TRUE_FALSE", payload: {}, answerKey: { value: true }, pool, active }) as const;
    pools = await createCard([
      trueFalse("BOTH"),
      trueFalse("PRACTICE"),
      trueFalse("EXAM"),
      trueFalse("BOTH", false),
      trueFalse("EXAM", false),
      trueFalse("PRACTICE", false),
      trueFalse("BOTH"),
    ]);
  });

  describe("starting", () => {
    it("draws questionsPerCard from each chosen card, only active EXAM or BOTH questions", async () => {
      const real = (await deckCards()).slice(0, 3);
      const exam = await createExam({ cardIds: [pools.card.id, ...real.map((c) => c.id)], questionsPerCard: 3 });
      const eligible = await eligibleQuestions([pools.card.id, ...real.map((c) => c.id)]);
      const eligibleIds = new Set(eligible.map((q) => q.id));
      const drawnPools = [pools.questions[0].id, pools.questions[2].id, pools.questions[6].id].toSorted();

      for (const user of [employee, engineer, analyst]) {
        const items = await attemptItems(started(await startAttempt(user, exam.id, t0)));
        for (const item of items) expect(eligibleIds.has(item.questionId!)).toBe(true);
        // The card with exactly three eligible questions gives exactly those three.
        expect(items.filter((i) => i.cardId === pools.card.id).map((i) => i.questionId).toSorted()).toEqual(drawnPools);
        for (const card of real) {
          const available = eligible.filter((q) => q.cardId === card.id).length;
          expect(items.filter((i) => i.cardId === card.id)).toHaveLength(Math.min(3, available));
        }
        expect(new Set(items.map((i) => i.questionId)).size).toBe(items.length);
      }
    });

    it("draws fewer than a card has when questionsPerCard is smaller", async () => {
      const exam = await createExam({ cardIds: [pools.card.id], questionsPerCard: 2 });
      const items = await attemptItems(started(await startAttempt(employee, exam.id, t0)));
      expect(items).toHaveLength(2);
      const allowed = [pools.questions[0].id, pools.questions[2].id, pools.questions[6].id];
      for (const item of items) expect(allowed).toContain(item.questionId);
    });

    it("draws questionCount questions in total from the eligible pool of all chosen cards", async () => {
      const cardIds = (await deckCards()).map((c) => c.id);
      const eligibleIds = new Set((await eligibleQuestions(cardIds)).map((q) => q.id));
      const ten = await createExam({ questionCount: 10 });
      const items = await attemptItems(started(await startAttempt(employee, ten.id, t0)));
      expect(items).toHaveLength(10);
      expect(items.map((i) => i.position)).toEqual([...Array(10).keys()]);
      expect(new Set(items.map((i) => i.questionId)).size).toBe(10);
      for (const item of items) expect(eligibleIds.has(item.questionId!)).toBe(true);

      // Asking for more than there are gives every eligible question, and nothing else.
      const everything = await createExam({ questionCount: 10_000, cardIds: [...cardIds, pools.card.id] });
      const all = await attemptItems(started(await startAttempt(employee, everything.id, t0)));
      const expected = (await eligibleQuestions([...cardIds, pools.card.id])).map((q) => q.id);
      expect(all.map((i) => i.questionId).toSorted()).toEqual(expected.toSorted());
      const practiceOnly = await db.question.count({ where: { cardId: { in: cardIds }, pool: "PRACTICE" } });
      expect(practiceOnly).toBeGreaterThan(0); // the deck does have questions that must be left out
    });

    it("draws the questions a taker has not met in earlier attempts of the exam first, and repeats only when none are left", async () => {
      const trueFalse = { type: "TRUE_FALSE", payload: {}, answerKey: { value: true } } as const;
      const six = await createCard(Array.from({ length: 6 }, () => trueFalse));
      const exam = await createExam({ cardIds: [six.card.id], questionsPerCard: 2, attemptsAllowed: 4 });
      const drawn: string[][] = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        const attemptId = started(await startAttempt(employee, exam.id, at(attempt * 20 * MINUTE)));
        drawn.push((await attemptItems(attemptId)).map((item) => item.questionId!));
        await submitAttempt(employee, attemptId, at(attempt * 20 * MINUTE + MINUTE));
      }
      // Three attempts of two questions from a card of six: no question twice.
      expect(new Set(drawn.slice(0, 3).flat()).size).toBe(6);
      // The fourth has only seen ones left; another taker still starts with any.
      for (const id of drawn[3]) expect(drawn.slice(0, 3).flat()).toContain(id);
      const other = await attemptItems(started(await startAttempt(engineer, exam.id, t0)));
      expect(other).toHaveLength(2);
    });

    it("spreads a total count over the cards by their weights, or by the length of their text", async () => {
      const trueFalse = { type: "TRUE_FALSE", payload: {}, answerKey: { value: true } } as const;
      const long = await createCard(Array.from({ length: 8 }, () => trueFalse), { back: "Длинный текст. ".repeat(30) });
      const short = await createCard(Array.from({ length: 8 }, () => trueFalse), { back: "Короткий текст." });
      const perCard = (items: ItemRow[]) => [long.card.id, short.card.id].map((cardId) => items.filter((item) => item.cardId === cardId).length);

      const weighted = await createExam({ cardIds: [long.card.id, short.card.id], questionCount: 8, cardWeighting: "CUSTOM", cardWeights: { [long.card.id]: 3 } });
      expect(perCard(await attemptItems(started(await startAttempt(employee, weighted.id, t0))))).toEqual([6, 2]);

      // 450 and 15 characters: 8 × 450 / 465 = 7.7 → 7 + the larger remainder.
      const byLength = await createExam({ cardIds: [long.card.id, short.card.id], questionCount: 8, cardWeighting: "LENGTH" });
      expect(perCard(await attemptItems(started(await startAttempt(employee, byLength.id, t0))))).toEqual([8, 0]);

      // A card cannot give more than it holds: the rest comes from the others.
      const capped = await createExam({ cardIds: [long.card.id, short.card.id], questionCount: 12, cardWeighting: "CUSTOM", cardWeights: { [short.card.id]: 20 } });
      expect(perCard(await attemptItems(started(await startAttempt(employee, capped.id, t0))))).toEqual([4, 8]);
    });

    it("answers no-questions when the cards have no eligible question", async () => {
      const { card } = await createCard([
        { type: "TRUE_FALSE", payload: {}, answerKey: { value: true }, pool: "PRACTICE" },
        { type: "TRUE_FALSE", payload: {}, answerKey: { value: true }, pool: "EXAM", active: false },
      ]);
      const exam = await createExam({ cardIds: [card.id] });
      expect(await startAttempt(employee, exam.id, t0)).toEqual({ status: "no-questions" });
      expect(await db.attempt.count({ where: { examId: exam.id } })).toBe(0);
    });

    it("keeps card then question order when questions are not shuffled", async () => {
      const cards = (await deckCards()).slice(0, 4).toReversed();
      const exam = await createExam({ cardIds: cards.map((c) => c.id), questionsPerCard: 100, shuffleQuestions: false });
      const items = await attemptItems(started(await startAttempt(employee, exam.id, t0)));
      const questions = await db.question.findMany({
        where: { id: { in: items.map((i) => i.questionId!) } },
        select: { id: true, position: true, card: { select: { position: true } } },
      });
      const rank = new Map(questions.map((q) => [q.id, [q.card.position, q.position] as const]));
      const ranks = items.map((i) => rank.get(i.questionId!)!);
      const sorted = ranks.toSorted((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(ranks).toEqual(sorted);
    });

    it("shuffles the questions when shuffleQuestions is set", async () => {
      const exam = await createExam({ questionCount: 10_000, shuffleQuestions: true });
      const items = await attemptItems(started(await startAttempt(employee, exam.id, t0)));
      const questions = await db.question.findMany({
        where: { id: { in: items.map((i) => i.questionId!) } },
        select: { id: true, position: true, card: { select: { position: true } } },
      });
      const rank = new Map(questions.map((q) => [q.id, [q.card.position, q.position] as const]));
      const ranks = items.map((i) => rank.get(i.questionId!)!);
      expect(ranks).not.toEqual(ranks.toSorted((a, b) => a[0] - b[0] || a[1] - b[1]));
    });

    it("snapshots each question into the attempt's items", async () => {
      await db.question.update({ where: { id: allTypes.questions[2].id }, data: { version: 7 } });
      const exam = await allTypesExam({ shuffleOptions: false });
      const items = await attemptItems(started(await startAttempt(employee, exam.id, t0)));
      expect(items.map((i) => i.type)).toEqual(["SINGLE", "MULTIPLE", "TRUE_FALSE", "ORDERING", "MATCHING", "SHORT_TEXT"]);
      const questions = await db.question.findMany({ where: { cardId: allTypes.card.id } });
      for (const item of items) {
        const question = questions.find((q) => q.id === item.questionId)!;
        expect(item).toMatchObject({
          cardId: allTypes.card.id,
          type: question.type,
          prompt: question.prompt,
          explanation: question.explanation,
          questionVersion: question.version,
          response: null,
          responseSeq: 0,
          points: null,
          correct: null,
          maxPoints: 1,
        });
        // The same question and key under this attempt's own ids, which map back to the stored ones.
        expect(describeKey(item.type, item.payload as never, item.answerKey as never)).toEqual(
          describeKey(question.type, question.payload as never, question.answerKey as never),
        );
        const storedIds = Object.values(question.payload as Record<string, { id: string }[]>).flatMap((choices) => choices.map((c) => c.id));
        expect(Object.values(item.storedIds ?? {}).toSorted()).toEqual(storedIds.toSorted());
      }
      expect(items[2].questionVersion).toBe(7);
    });

    it("sets the deadline to now + the time limit, and never after closesAt", async () => {
      const free = await createExam({ timeLimitSeconds: 900 });
      const attempt = await attemptRow(started(await startAttempt(employee, free.id, t0)));
      expect(attempt).toMatchObject({ status: "IN_PROGRESS", startedAt: t0, deadline: at(15 * MINUTE), cursor: 0, submittedAt: null });

      const closing = await createExam({ timeLimitSeconds: 900, closesAt: at(10 * MINUTE) });
      const capped = await attemptRow(started(await startAttempt(employee, closing.id, at(MINUTE))));
      expect(capped.deadline).toEqual(at(10 * MINUTE));
      const early = await attemptRow(started(await startAttempt(engineer, closing.id, at(-10 * MINUTE))));
      expect(early.deadline).toEqual(at(5 * MINUTE));
    });

    it("resumes the attempt in progress on a second start", async () => {
      const exam = await createExam({ questionsPerCard: 1 });
      const first = await startAttempt(employee, exam.id, t0);
      expect(first).toMatchObject({ status: "started", resumed: false });
      const before = await attemptItems(started(first));
      const second = await startAttempt(employee, exam.id, at(5 * MINUTE));
      expect(second).toEqual({ status: "started", attemptId: started(first), resumed: true });
      expect(await attemptItems(started(first))).toEqual(before);
      expect(await db.attempt.count({ where: { examId: exam.id } })).toBe(1);
    });

    it("creates exactly one attempt when 20 starts race", async () => {
      const exam = await createExam({ questionsPerCard: 2, attemptsAllowed: 1 });
      const results = await Promise.all(Array.from({ length: 20 }, () => startAttempt(employee, exam.id, t0)));
      const ids = new Set(results.map(started));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.status === "started" && !r.resumed)).toHaveLength(1);
      const attempts = await db.attempt.findMany({ where: { examId: exam.id }, select: { id: true } });
      expect(attempts).toEqual([{ id: [...ids][0] }]);
    });

    it("refuses before opensAt and from closesAt on", async () => {
      const exam = await createExam({ opensAt: at(60 * MINUTE), closesAt: at(120 * MINUTE) });
      expect(await startAttempt(employee, exam.id, t0)).toEqual({ status: "not-yet-open" });
      expect(await startAttempt(employee, exam.id, at(60 * MINUTE - 1))).toEqual({ status: "not-yet-open" });
      expect(await startAttempt(employee, exam.id, at(120 * MINUTE))).toEqual({ status: "closed" });
      expect(await startAttempt(employee, exam.id, at(200 * MINUTE))).toEqual({ status: "closed" });
      expect(await db.attempt.count({ where: { examId: exam.id } })).toBe(0);

      expect(await startAttempt(employee, exam.id, at(60 * MINUTE))).toMatchObject({ status: "started", resumed: false });
      expect(await startAttempt(engineer, exam.id, at(120 * MINUTE - 1))).toMatchObject({ status: "started", resumed: false });
    });

    it("allows attemptsAllowed finished attempts, then no-attempts-left", async () => {
      const exam = await createExam({ attemptsAllowed: 2 });
      for (let i = 0; i < 2; i++) {
        const id = started(await startAttempt(employee, exam.id, at(i * 20 * MINUTE)));
        await submitAttempt(employee, id, at(i * 20 * MINUTE + MINUTE));
      }
      expect(await startAttempt(employee, exam.id, at(60 * MINUTE))).toEqual({ status: "no-attempts-left" });
      expect(await db.attempt.count({ where: { examId: exam.id, userId: employee.id } })).toBe(2);
      // Another user has their own count.
      expect(await startAttempt(engineer, exam.id, at(60 * MINUTE))).toMatchObject({ status: "started", resumed: false });
    });

    it("allows any number of attempts when attemptsAllowed is null", async () => {
      const exam = await createExam({ attemptsAllowed: null });
      const ids = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const result = await startAttempt(employee, exam.id, at(i * 20 * MINUTE));
        expect(result).toMatchObject({ status: "started", resumed: false });
        ids.add(started(result));
        await submitAttempt(employee, started(result), at(i * 20 * MINUTE + MINUTE));
      }
      expect(ids.size).toBe(4);
    });

    // The partial unique index only forbids two attempts IN PROGRESS: a start that stalls
    // (here: while drawing questions) while another start is made and submitted must still
    // respect attemptsAllowed, which startAttempt counts under a per-user-and-exam lock.
    it("never exceeds attemptsAllowed when a start stalls while another start is submitted", async () => {
      const exam = await createExam({ attemptsAllowed: 1, questionsPerCard: 1 });
      // `db` forwards to the one client: the spy goes on the client itself.
      const client = (globalThis as unknown as { prisma: typeof db }).prisma;
      const queryRaw = client.$queryRaw.bind(client);
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let stalled = false;
      const spy = vi.spyOn(client, "$queryRaw").mockImplementation(((query: TemplateStringsArray, ...values: unknown[]) => {
        if (stalled || !query.join("?").includes('JOIN "ExamCard"')) return queryRaw(query, ...values);
        stalled = true;
        return gate.then(() => queryRaw(query, ...values));
      }) as typeof client.$queryRaw);
      try {
        const slow = startAttempt(analyst, exam.id, t0); // stalls drawing questions
        await vi.waitFor(() => expect(stalled).toBe(true));
        const fast = startAttempt(analyst, exam.id, t0).then(async (result) => {
          if (result.status === "started") await submitAttempt(analyst, result.attemptId, at(MINUTE));
          return result;
        });
        // A fix that serialises starts makes `fast` wait for `slow`: give up waiting after 2 s.
        await Promise.race([fast, new Promise((resolve) => setTimeout(resolve, 2_000))]);
        release();
        await Promise.all([slow, fast]);
      } finally {
        release();
        spy.mockRestore();
      }
      expect(await db.attempt.count({ where: { examId: exam.id, userId: analyst.id } })).toBe(1);
    });

    it("finalises an attempt left past its deadline + grace, then starts a new one if attempts remain", async () => {
      const exam = await createExam({ attemptsAllowed: 2, timeLimitSeconds: 600 });
      const firstId = started(await startAttempt(employee, exam.id, t0));
      const [item] = await attemptItems(firstId);
      expect((await answer(employee, item, correctResponse(item), at(MINUTE))).status).toBe("saved");
      const deadline = at(10 * MINUTE);

      // Still within grace: the same attempt.
      expect(await startAttempt(employee, exam.id, new Date(deadline.getTime() + GRACE_MS))).toEqual({
        status: "started",
        attemptId: firstId,
        resumed: true,
      });
      const second = await startAttempt(employee, exam.id, new Date(deadline.getTime() + GRACE_MS + 1));
      expect(second).toMatchObject({ status: "started", resumed: false });
      expect(started(second)).not.toBe(firstId);
      const first = await attemptRow(firstId);
      expect(first).toMatchObject({ status: "EXPIRED", submittedAt: deadline, score: 1 });
      expect(first.maxScore).toBe((await attemptItems(firstId)).length);
    });

    it("finalises an attempt left past grace and refuses a new one when none remain", async () => {
      const exam = await createExam({ attemptsAllowed: 1, timeLimitSeconds: 600 });
      const id = started(await startAttempt(employee, exam.id, t0));
      expect(await startAttempt(employee, exam.id, at(11 * MINUTE))).toEqual({ status: "no-attempts-left" });
      expect(await attemptRow(id)).toMatchObject({ status: "EXPIRED", submittedAt: at(10 * MINUTE), score: 0, passed: false });
    });
  });

  describe("snapshots", () => {
    it("keeps the items and their grading when the question is edited after the start", async () => {
      const exam = await allTypesExam({ passPercent: 100 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const before = await attemptItems(attemptId);

      const [single, , , , , short] = allTypes.questions;
      await db.question.update({
        where: { id: single.id },
        data: {
          prompt: "Изменённый вопрос",
          payload: { options: [{ id: "a", text: "Новый" }, { id: "e", text: "Другой" }] },
          answerKey: { correct: ["e"] },
          explanation: "Новое пояснение",
          version: { increment: 1 },
        },
      });
      await db.question.update({ where: { id: short.id }, data: { answerKey: { accepted: ["Совсем другой ответ"] }, version: { increment: 1 } } });
      try {
        expect(await attemptItems(attemptId)).toEqual(before);
        for (const item of before) expect((await answer(employee, item, correctResponse(item), at(MINUTE))).status).toBe("saved");
        expect(await submitAttempt(employee, attemptId, at(2 * MINUTE))).toMatchObject({ attemptStatus: "SUBMITTED", percent: 100, passed: true });
        const singleItem = (await attemptItems(attemptId)).find((i) => i.type === "SINGLE")!;
        const b = shown(singleItem, "b");
        expect(singleItem).toMatchObject({ prompt: single.prompt, answerKey: { correct: [b] }, response: { choice: b }, correct: true });

        // An attempt started after the edit takes the new version.
        const later = (await attemptItems(started(await startAttempt(engineer, exam.id, at(3 * MINUTE))))).find((i) => i.type === "SINGLE")!;
        expect(later).toMatchObject({
          prompt: "Изменённый вопрос",
          answerKey: { correct: [shown(later, "e")] },
          questionVersion: single.version + 1,
        });
      } finally {
        const json = (value: unknown) => value as Prisma.InputJsonValue;
        await db.question.update({
          where: { id: single.id },
          data: { prompt: single.prompt, payload: json(single.payload), answerKey: json(single.answerKey), explanation: single.explanation },
        });
        await db.question.update({ where: { id: short.id }, data: { answerKey: json(short.answerKey) } });
      }
    });

    it("keeps the attempt gradable when its question is deleted", async () => {
      const { card, questions } = await createCard([{ type: "TRUE_FALSE", payload: {}, answerKey: { value: false } }]);
      const exam = await createExam({ cardIds: [card.id] });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      await db.question.delete({ where: { id: questions[0].id } });
      const [item] = await attemptItems(attemptId);
      expect(item).toMatchObject({ questionId: null, answerKey: { value: false } });
      expect((await answer(employee, item, { value: false }, at(MINUTE))).status).toBe("saved");
      expect(await submitAttempt(employee, attemptId, at(2 * MINUTE))).toMatchObject({ percent: 100 });
    });

    it("shows SINGLE and MULTIPLE options as a shuffled permutation of the question's options, under fresh ids", async () => {
      const exam = await createExam({ questionCount: 10_000, shuffleOptions: true });
      const items = await attemptItems(started(await startAttempt(employee, exam.id, t0)));
      const questions = new Map((await db.question.findMany({ where: { id: { in: items.map((i) => i.questionId!) } } })).map((q) => [q.id, q]));
      const choiceItems = items.filter((i) => i.type === "SINGLE" || i.type === "MULTIPLE");
      expect(choiceItems.length).toBeGreaterThan(10);
      let reordered = 0;
      for (const item of choiceItems) {
        const options = questionPayloadSchema.SINGLE.parse(item.payload).options;
        const storedIds = item.storedIds as Record<string, string>;
        const stored = questionPayloadSchema.SINGLE.parse(questions.get(item.questionId!)!.payload).options;
        // Each shown option is a stored one under its own id.
        expect(options.map((o) => ({ id: storedIds[o.id], text: o.text })).toSorted((a, b) => a.id.localeCompare(b.id))).toEqual(
          stored.map(({ id, text }) => ({ id, text })).toSorted((a, b) => a.id.localeCompare(b.id)),
        );
        for (const option of options) expect(stored.map((o) => o.id)).not.toContain(option.id);
        for (const option of (item.payload as { options: object[] }).options) expect(Object.keys(option).toSorted()).toEqual(["id", "text"]);
        if (options.some((option, index) => option.text !== stored[index].text)) reordered++;
      }
      expect(reordered).toBeGreaterThan(0);
    });

    it("shows SINGLE options without shuffleOptions in one order per question for every taker, not the stored one for all", async () => {
      const exam = await createExam({ questionCount: 10_000, shuffleOptions: false });
      const texts = async (user: Taker) => {
        const items = await attemptItems(started(await startAttempt(user, exam.id, t0)));
        return new Map(items.filter((i) => i.type === "SINGLE").map((i) => [i.questionId!, questionPayloadSchema.SINGLE.parse(i.payload).options.map((o) => o.text)]));
      };
      const first = await texts(employee);
      expect(await texts(engineer)).toEqual(first);
      const questions = await db.question.findMany({ where: { id: { in: [...first.keys()] } } });
      const storedOrder = questions.filter((q) => questionPayloadSchema.SINGLE.parse(q.payload).options.every((o, index) => o.text === first.get(q.id)![index]));
      expect(storedOrder.length).toBeLessThan(questions.length / 2);
    });

    it("shuffles ORDERING items and the MATCHING right side even without shuffleOptions", async () => {
      const exam = await createExam({ questionCount: 10_000, shuffleOptions: false, attemptsAllowed: null });
      const orders = new Map<string, Set<string>>();
      for (let round = 0; round < 6; round++) {
        const attemptId = started(await startAttempt(employee, exam.id, at(round * 20 * MINUTE)));
        for (const item of await attemptItems(attemptId)) {
          const payload = item.payload as { items?: { text: string }[]; right?: { text: string }[] };
          const shownTexts = (payload.items ?? payload.right)?.map((choice) => choice.text).join("|");
          if (shownTexts === undefined) continue;
          orders.set(item.questionId!, (orders.get(item.questionId!) ?? new Set()).add(shownTexts));
        }
        await submitAttempt(employee, attemptId, at(round * 20 * MINUTE + MINUTE));
      }
      expect(orders.size).toBeGreaterThanOrEqual(6);
      expect([...orders.values()].filter((seen) => seen.size > 1).length).toBeGreaterThan(orders.size / 2);
    });
  });

  describe("saving responses", () => {
    it("stores the response, its sequence number and the save time", async () => {
      const exam = await allTypesExam({ timeLimitSeconds: 600 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [single] = await attemptItems(attemptId);
      const b = shown(single, "b");
      const result = await saveResponse(employee, attemptId, single.id, { response: { choice: b }, seq: 1 }, at(MINUTE));
      expect(result).toEqual({ status: "saved", savedAt: at(MINUTE), remainingMs: 9 * MINUTE });
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: single.id } })).toMatchObject({
        response: { choice: b },
        responseSeq: 1,
        savedAt: at(MINUTE),
      });
      const view = await takerAttempt(employee, attemptId, at(2 * MINUTE));
      expect(view?.items[0]).toMatchObject({ response: { choice: b }, responseSeq: 1, savedAt: at(MINUTE) });
      expect(view?.remainingMs).toBe(8 * MINUTE);
    });

    it("ignores a save whose sequence number is not newer than the stored one", async () => {
      const exam = await allTypesExam();
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [single] = await attemptItems(attemptId);
      const save = (choice: string, s: number, minute: number) =>
        saveResponse(employee, attemptId, single.id, { response: { choice: shown(single, choice) }, seq: s }, at(minute * MINUTE));
      expect((await save("c", 5, 1)).status).toBe("saved");
      expect(await save("a", 4, 2)).toMatchObject({ status: "stale", savedAt: null });
      expect(await save("d", 5, 3)).toMatchObject({ status: "stale", savedAt: null });
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: single.id } })).toMatchObject({
        response: { choice: shown(single, "c") },
        responseSeq: 5,
        savedAt: at(MINUTE),
      });
      expect((await save("d", 6, 4)).status).toBe("saved");
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: single.id } })).toMatchObject({ response: { choice: shown(single, "d") }, responseSeq: 6 });
    });

    it("keeps the newest of saves that arrive out of order at the same time", async () => {
      const exam = await allTypesExam();
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [single] = await attemptItems(attemptId);
      const choices = ["a", "b", "c", "d"].map((id) => shown(single, id));
      await Promise.all(
        [3, 1, 4, 2, 8, 5, 7, 6].map((s) =>
          saveResponse(employee, attemptId, single.id, { response: { choice: choices[s % 4] }, seq: s }, at(MINUTE)),
        ),
      );
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: single.id } })).toMatchObject({ response: { choice: choices[0] }, responseSeq: 8 });
    });

    it("refuses an invalid response and stores nothing", async () => {
      const exam = await allTypesExam();
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [single, multiple, trueFalse, ordering, matching, short] = await attemptItems(attemptId);
      const invalid: [ItemRow, unknown][] = [
        [single, { choice: "z" }],
        // A stored id is not one this attempt shows.
        [single, { choice: "a" }],
        [single, shownResponse(single, { choices: ["a"] })],
        [multiple, shownResponse(multiple, { choices: ["a", "x"] })],
        [multiple, shownResponse(multiple, { choices: ["a", "a"] })],
        [trueFalse, { value: "yes" }],
        [ordering, shownResponse(ordering, { order: ["a", "b", "c"] })],
        [ordering, shownResponse(ordering, { order: ["a", "b", "c", "q"] })],
        [matching, shownResponse(matching, { pairs: { la: "rz" } })],
        [matching, shownResponse(matching, { pairs: { lz: "ra" } })],
        [matching, shownResponse(matching, { pairs: { la: "ra", lb: "ra" } })],
        [short, { text: "x".repeat(501) }],
        [short, "просто строка"],
      ];
      for (const [item, response] of invalid) {
        const result = await saveResponse(employee, attemptId, item.id, { response, seq: 1 }, at(MINUTE));
        expect(result.status, JSON.stringify(response)).toBe("invalid");
      }
      for (const item of await attemptItems(attemptId)) expect(item).toMatchObject({ response: null, responseSeq: 0, savedAt: null });
    });

    it("clears a response with null", async () => {
      const exam = await allTypesExam();
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [, , trueFalse] = await attemptItems(attemptId);
      expect((await saveResponse(employee, attemptId, trueFalse.id, { response: { value: true }, seq: 1 }, at(MINUTE))).status).toBe("saved");
      expect((await saveResponse(employee, attemptId, trueFalse.id, { response: null, seq: 2 }, at(2 * MINUTE))).status).toBe("saved");
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: trueFalse.id } })).toMatchObject({ response: null, responseSeq: 2, savedAt: at(2 * MINUTE) });
      await submitAttempt(employee, attemptId, at(3 * MINUTE));
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: trueFalse.id } })).toMatchObject({ points: 0, correct: false });
    });

    it("accepts saves until deadline + grace; a later save is late and the attempt expires with what was saved in time", async () => {
      const exam = await allTypesExam({ timeLimitSeconds: 600, passPercent: 10 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const deadline = at(10 * MINUTE).getTime();
      const [single, multiple, trueFalse] = await attemptItems(attemptId);
      expect((await answer(employee, single, correctResponse(single), at(MINUTE))).status).toBe("saved");
      const inGrace = await answer(employee, multiple, correctResponse(multiple), new Date(deadline + GRACE_MS - 1));
      expect(inGrace).toEqual({ status: "saved", savedAt: new Date(deadline + GRACE_MS - 1), remainingMs: 0 });

      const late = await answer(employee, trueFalse, correctResponse(trueFalse), new Date(deadline + GRACE_MS + 1));
      expect(late).toEqual({ status: "late" });
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: trueFalse.id } })).toMatchObject({ response: null, responseSeq: 0, points: 0 });
      expect(await attemptRow(attemptId)).toMatchObject({
        status: "EXPIRED",
        submittedAt: new Date(deadline),
        score: 2,
        maxScore: 6,
        percent: 33.3,
        passed: true,
      });
      // Nothing is saved any more.
      expect(await answer(employee, trueFalse, correctResponse(trueFalse), new Date(deadline + GRACE_MS + 2))).toEqual({ status: "finished" });
    });

    it("answers not-found for another user's attempt or an item of another attempt", async () => {
      const exam = await allTypesExam();
      const mine = started(await startAttempt(employee, exam.id, t0));
      const theirs = started(await startAttempt(engineer, exam.id, t0));
      const [myItem] = await attemptItems(mine);
      const [theirItem] = await attemptItems(theirs);
      const response = { response: { choice: "b" }, seq: 1 };
      expect(await saveResponse(employee, theirs, theirItem.id, response, at(MINUTE))).toEqual({ status: "not-found" });
      expect(await saveResponse(employee, mine, theirItem.id, response, at(MINUTE))).toEqual({ status: "not-found" });
      expect(await saveResponse(engineer, mine, myItem.id, response, at(MINUTE))).toEqual({ status: "not-found" });
      expect(await saveResponse(employee, mine, "no-such-item", response, at(MINUTE))).toEqual({ status: "not-found" });
      expect(await flagItem(employee, theirs, theirItem.id, true, at(MINUTE))).toEqual({ status: "not-found" });
      expect(await flagItem(employee, mine, theirItem.id, true, at(MINUTE))).toEqual({ status: "not-found" });
      expect(await advanceCursor(employee, theirs, 0, at(MINUTE))).toEqual({ status: "stale" });
      expect(await submitAttempt(employee, theirs, at(MINUTE))).toEqual({ status: "not-found" });
      expect(await takerAttempt(employee, theirs, at(MINUTE))).toBeNull();
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: theirItem.id } })).toMatchObject({ response: null, flagged: false });
      expect(await attemptRow(theirs)).toMatchObject({ status: "IN_PROGRESS", cursor: 0 });
    });

    it("answers finished after submission", async () => {
      const exam = await allTypesExam();
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [single] = await attemptItems(attemptId);
      await submitAttempt(employee, attemptId, at(MINUTE));
      expect(await saveResponse(employee, attemptId, single.id, { response: { choice: shown(single, "b") }, seq: 1 }, at(2 * MINUTE))).toEqual({
        status: "finished",
      });
      expect(await flagItem(employee, attemptId, single.id, true, at(2 * MINUTE))).toEqual({ status: "finished" });
      expect(await db.attemptItem.findUniqueOrThrow({ where: { id: single.id } })).toMatchObject({ response: null, flagged: false });
    });

    it("flags and unflags an item while the attempt runs", async () => {
      const exam = await allTypesExam();
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [, item] = await attemptItems(attemptId);
      expect(await flagItem(employee, attemptId, item.id, true, at(MINUTE))).toEqual({ status: "ok" });
      expect((await db.attemptItem.findUniqueOrThrow({ where: { id: item.id } })).flagged).toBe(true);
      expect(await flagItem(employee, attemptId, item.id, false, at(2 * MINUTE))).toEqual({ status: "ok" });
      expect((await db.attemptItem.findUniqueOrThrow({ where: { id: item.id } })).flagged).toBe(false);
      expect(await flagItem(employee, attemptId, item.id, true, at(10 * MINUTE + GRACE_MS + 1))).toEqual({ status: "finished" });
    });

    it("with sequential navigation accepts saves only for the current item and moves on from it", async () => {
      const exam = await allTypesExam({ navigation: "SEQUENTIAL" });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [first, second, third] = await attemptItems(attemptId);

      expect(await answer(employee, second, correctResponse(second), at(MINUTE))).toEqual({ status: "closed-item" });
      expect((await answer(employee, first, correctResponse(first), at(MINUTE))).status).toBe("saved");

      expect(await advanceCursor(employee, attemptId, 1, at(2 * MINUTE))).toEqual({ status: "stale" });
      expect((await attemptRow(attemptId)).cursor).toBe(0);
      expect(await advanceCursor(employee, attemptId, 0, at(2 * MINUTE))).toEqual({ status: "ok" });
      expect((await attemptRow(attemptId)).cursor).toBe(1);
      // A repeated click from the same position does not skip an item.
      expect(await advanceCursor(employee, attemptId, 0, at(2 * MINUTE))).toEqual({ status: "stale" });
      expect((await attemptRow(attemptId)).cursor).toBe(1);

      expect(await answer(employee, first, wrongResponse(first), at(3 * MINUTE))).toEqual({ status: "closed-item" });
      expect((await db.attemptItem.findUniqueOrThrow({ where: { id: first.id } })).response).toEqual(correctResponse(first));
      expect((await answer(employee, second, correctResponse(second), at(3 * MINUTE))).status).toBe("saved");
      expect(await answer(employee, third, correctResponse(third), at(3 * MINUTE))).toEqual({ status: "closed-item" });

      // Parallel moves from the same position advance once.
      const moves = await Promise.all(Array.from({ length: 5 }, () => advanceCursor(employee, attemptId, 1, at(4 * MINUTE))));
      expect(moves.filter((m) => m.status === "ok")).toHaveLength(1);
      expect((await attemptRow(attemptId)).cursor).toBe(2);

      const view = await takerAttempt(employee, attemptId, at(4 * MINUTE));
      expect(view).toMatchObject({ cursor: 2, exam: { navigation: "SEQUENTIAL" } });
      // Questions after the current one are not sent yet.
      for (const item of view!.items) {
        if (item.position <= 2) expect(item.prompt).not.toBe("");
        else expect(item).toMatchObject({ prompt: "", payload: {} });
      }
      // The cursor never moves past the last question.
      const last = view!.items.length - 1;
      await db.attempt.update({ where: { id: attemptId }, data: { cursor: last } });
      expect(await advanceCursor(employee, attemptId, last, at(4 * MINUTE))).toEqual({ status: "stale" });
      await db.attempt.update({ where: { id: attemptId }, data: { cursor: 2 } });
      // No move after deadline + grace.
      expect(await advanceCursor(employee, attemptId, 2, at(10 * MINUTE + GRACE_MS + 1))).toEqual({ status: "stale" });
    });

    it("with free navigation accepts saves for any item in any order", async () => {
      const exam = await allTypesExam({ navigation: "FREE" });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const items = await attemptItems(attemptId);
      for (const item of items.toReversed()) expect((await answer(employee, item, correctResponse(item), at(MINUTE))).status).toBe("saved");
    });
  });

  describe("finalisation", () => {
    it("grades an attempt once when 10 submits race", async () => {
      const exam = await allTypesExam({ passPercent: 50 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const items = await attemptItems(attemptId);
      for (const item of items.slice(0, 4)) await answer(employee, item, correctResponse(item), at(MINUTE));

      const results = await Promise.all(Array.from({ length: 10 }, () => submitAttempt(employee, attemptId, at(2 * MINUTE))));
      expect(results.filter((r) => r.status === "finished" && r.finalizedNow)).toHaveLength(1);
      for (const result of results) expect(result).toMatchObject({ status: "finished", attemptStatus: "SUBMITTED", percent: 66.7, passed: true });
      const stored = await attemptRow(attemptId);
      expect(stored).toMatchObject({ status: "SUBMITTED", submittedAt: at(2 * MINUTE), score: 4, maxScore: 6, percent: 66.7, passed: true });

      // Later submits, the sweep and finalize change nothing.
      expect(await submitAttempt(employee, attemptId, at(30 * MINUTE))).toMatchObject({ finalizedNow: false, attemptStatus: "SUBMITTED" });
      expect(await finalizeAttempt(attemptId, at(40 * MINUTE))).toBe(false);
      expect(await attemptRow(attemptId)).toEqual(stored);
    });

    it("decides pass or fail from the exact share, not the rounded percent", async () => {
      const exam = await allTypesExam({ passPercent: 80 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const [first, second, ...rest] = await attemptItems(attemptId);
      await db.attemptItem.update({ where: { id: first.id }, data: { maxPoints: 7996 } });
      await db.attemptItem.update({ where: { id: second.id }, data: { maxPoints: 2004 } });
      await db.attemptItem.updateMany({ where: { id: { in: rest.map((item) => item.id) } }, data: { maxPoints: 0 } });
      await answer(employee, first, correctResponse(first), at(MINUTE));

      expect(await submitAttempt(employee, attemptId, at(2 * MINUTE))).toMatchObject({ percent: 80, passed: false });
    });

    it("grades exactly the saves that won against a racing submit", async () => {
      const exam = await allTypesExam({ passPercent: 0 });
      for (const user of [employee, engineer, analyst]) {
        const attemptId = started(await startAttempt(user, exam.id, t0));
        const items = await attemptItems(attemptId);
        const [submit, ...saves] = await Promise.all([
          submitAttempt(user, attemptId, at(MINUTE)),
          ...items.map((item) => answer(user, item, correctResponse(item), at(MINUTE))),
        ]);
        expect(submit).toMatchObject({ finalizedNow: true, attemptStatus: "SUBMITTED" });
        const graded = await attemptItems(attemptId);
        for (const [index, save] of saves.entries()) {
          expect(["saved", "finished"]).toContain(save.status);
          expect(graded[index].points).toBe(save.status === "saved" ? 1 : 0);
          expect(graded[index].response === null).toBe(save.status === "finished");
        }
        expect((await attemptRow(attemptId)).score).toBe(saves.filter((s) => s.status === "saved").length);
      }
    });

    it("grades every type: all right gives 100 % and passes, all wrong gives 0", async () => {
      const exam = await allTypesExam({ passPercent: 100, attemptsAllowed: 2 });
      const right = started(await startAttempt(employee, exam.id, t0));
      for (const item of await attemptItems(right)) expect((await answer(employee, item, correctResponse(item), at(MINUTE))).status).toBe("saved");
      expect(await submitAttempt(employee, right, at(2 * MINUTE))).toMatchObject({ percent: 100, passed: true });
      for (const item of await attemptItems(right)) expect(item, item.type).toMatchObject({ points: 1, correct: true });

      const wrong = started(await startAttempt(employee, exam.id, at(20 * MINUTE)));
      for (const item of await attemptItems(wrong)) expect((await answer(employee, item, wrongResponse(item), at(21 * MINUTE))).status).toBe("saved");
      expect(await submitAttempt(employee, wrong, at(22 * MINUTE))).toMatchObject({ percent: 0, passed: false });
      for (const item of await attemptItems(wrong)) expect(item, item.type).toMatchObject({ points: 0, correct: false });
    });

    it("grades the whole real deck through the attempt from the snapshot's key", async () => {
      const exam = await createExam({ questionCount: 10_000, attemptsAllowed: 2 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const items = await attemptItems(attemptId);
      expect(new Set(items.map((i) => i.type))).toEqual(new Set(["SINGLE", "MULTIPLE", "TRUE_FALSE", "ORDERING", "MATCHING", "SHORT_TEXT"]));
      for (const item of items) expect((await answer(employee, item, correctResponse(item), at(MINUTE))).status).toBe("saved");
      expect(await submitAttempt(employee, attemptId, at(2 * MINUTE))).toMatchObject({ attemptStatus: "SUBMITTED", percent: 100, passed: true });
      expect(await attemptRow(attemptId)).toMatchObject({ score: items.length, maxScore: items.length });

      const wrongId = started(await startAttempt(employee, exam.id, at(20 * MINUTE)));
      for (const item of await attemptItems(wrongId)) await answer(employee, item, wrongResponse(item), at(21 * MINUTE));
      expect(await submitAttempt(employee, wrongId, at(22 * MINUTE))).toMatchObject({ percent: 0, passed: false });
    });

    it("gives partial points for MULTIPLE only under PROPORTIONAL scoring, and for MATCHING always", async () => {
      const answerPartly = async (user: Taker, examId: string) => {
        const attemptId = started(await startAttempt(user, examId, t0));
        const [, multiple, , , matching] = await attemptItems(attemptId);
        await answer(user, multiple, shownResponse(multiple, { choices: ["a", "c"] }), at(MINUTE)); // 2 of 3 right, none wrong
        await answer(user, matching, shownResponse(matching, { pairs: { la: "ra", lb: "rc" } }), at(MINUTE)); // 1 of 3 pairs
        await submitAttempt(user, attemptId, at(2 * MINUTE));
        return attemptItems(attemptId);
      };
      const proportional = await answerPartly(employee, (await allTypesExam({ multipleScoring: "PROPORTIONAL" })).id);
      expect(proportional[1].points).toBeCloseTo(2 / 3);
      expect(proportional[1].correct).toBe(false);
      expect(proportional[4].points).toBeCloseTo(1 / 3);
      const strict = await answerPartly(employee, (await allTypesExam({ multipleScoring: "ALL_OR_NOTHING" })).id);
      expect(strict[1].points).toBe(0);
      expect(strict[4].points).toBeCloseTo(1 / 3);

      // A wrong choice costs a right one under PROPORTIONAL.
      const exam = await allTypesExam({ multipleScoring: "PROPORTIONAL" });
      const attemptId = started(await startAttempt(engineer, exam.id, t0));
      const [, multiple] = await attemptItems(attemptId);
      await answer(engineer, multiple, shownResponse(multiple, { choices: ["a", "b", "c"] }), at(MINUTE));
      await submitAttempt(engineer, attemptId, at(2 * MINUTE));
      const stored = await attemptRow(attemptId);
      expect((await attemptItems(attemptId))[1].points).toBeCloseTo(1 / 3);
      expect(stored.score).toBeCloseTo(1 / 3);
      expect(stored.percent).toBe(5.6);
    });

    it("stores a breakdown per card that sums to the score", async () => {
      const cards = (await deckCards()).slice(0, 4);
      const exam = await createExam({ cardIds: cards.map((c) => c.id), questionsPerCard: 2 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      const items = await attemptItems(attemptId);
      for (const [index, item] of items.entries()) {
        await answer(employee, item, index % 3 === 0 ? correctResponse(item) : wrongResponse(item), at(MINUTE));
      }
      await submitAttempt(employee, attemptId, at(2 * MINUTE));
      const stored = await attemptRow(attemptId);
      const graded = await attemptItems(attemptId);
      const breakdown = stored.breakdown as { cardId: string; points: number; maxPoints: number }[];
      expect(breakdown.map((b) => b.cardId).toSorted()).toEqual(cards.map((c) => c.id).toSorted());
      for (const entry of breakdown) {
        const ofCard = graded.filter((i) => i.cardId === entry.cardId);
        expect(entry.maxPoints).toBe(ofCard.length);
        expect(entry.points).toBeCloseTo(ofCard.reduce((sum, i) => sum + i.points!, 0));
      }
      expect(breakdown.reduce((sum, b) => sum + b.points, 0)).toBeCloseTo(stored.score!);
      expect(breakdown.reduce((sum, b) => sum + b.maxPoints, 0)).toBe(stored.maxScore);
      expect(stored.score).toBe(Math.ceil(items.length / 3));
    });

    it("passes at exactly passPercent and fails just above it", async () => {
      const cards = (await deckCards()).slice(0, 4);
      const half = async (user: Taker, passPercent: number) => {
        const exam = await createExam({ cardIds: cards.map((c) => c.id), questionsPerCard: 1, passPercent });
        const attemptId = started(await startAttempt(user, exam.id, t0));
        const items = await attemptItems(attemptId);
        for (const [index, item] of items.entries()) await answer(user, item, index < 2 ? correctResponse(item) : wrongResponse(item), at(MINUTE));
        return submitAttempt(user, attemptId, at(2 * MINUTE));
      };
      expect(await half(employee, 50)).toMatchObject({ percent: 50, passed: true });
      expect(await half(employee, 51)).toMatchObject({ percent: 50, passed: false });
    });

    it("submits within grace as SUBMITTED at that time, after grace as EXPIRED at the deadline", async () => {
      const exam = await allTypesExam({ timeLimitSeconds: 600 });
      const inGrace = started(await startAttempt(employee, exam.id, t0));
      const submitAt = at(10 * MINUTE + GRACE_MS);
      expect(await submitAttempt(employee, inGrace, submitAt)).toMatchObject({ finalizedNow: true, attemptStatus: "SUBMITTED" });
      expect((await attemptRow(inGrace)).submittedAt).toEqual(submitAt);

      const tooLate = started(await startAttempt(engineer, exam.id, t0));
      expect(await submitAttempt(engineer, tooLate, at(10 * MINUTE + GRACE_MS + 1))).toMatchObject({ finalizedNow: true, attemptStatus: "EXPIRED" });
      expect((await attemptRow(tooLate)).submittedAt).toEqual(at(10 * MINUTE));
    });

    it("finalises an attempt past grace when its taker reopens it", async () => {
      const exam = await allTypesExam({ timeLimitSeconds: 600 });
      const attemptId = started(await startAttempt(employee, exam.id, t0));
      expect(await takerAttempt(employee, attemptId, at(10 * MINUTE + GRACE_MS))).toMatchObject({ status: "IN_PROGRESS", remainingMs: 0 });
      expect(await takerAttempt(employee, attemptId, at(10 * MINUTE + GRACE_MS + 1))).toMatchObject({ status: "EXPIRED", remainingMs: 0 });
      expect(await attemptRow(attemptId)).toMatchObject({ status: "EXPIRED", score: 0, maxScore: 6 });
    });
  });

  describe("sweep", () => {
    beforeEach(async () => {
      await db.attempt.deleteMany();
    });

    /** Attempts of 10-minute exams started at the given minutes by different users. */
    async function attemptsStartedAt(minutes: number[]) {
      const users = [employee, engineer, analyst, hr, admin];
      const ids: string[] = [];
      for (const [index, minute] of minutes.entries()) {
        const exam = await allTypesExam({ timeLimitSeconds: 600 });
        ids.push(started(await startAttempt(users[index % users.length], exam.id, at(minute * MINUTE))));
      }
      return ids;
    }

    it("finalises only attempts past deadline + grace, once", async () => {
      // Deadlines: 10, 15, 20 minutes (past), 30 minutes (now - 3 s: within grace), 40 minutes (running).
      const now = at(30 * MINUTE + 3_000);
      const [a, b, c, inGrace, running] = await attemptsStartedAt([0, 5, 10, 20, 30]);
      const [item] = await attemptItems(a);
      await answer(employee, item, correctResponse(item), at(MINUTE));

      expect(await sweepExpiredAttempts(now)).toBe(3);
      for (const id of [a, b, c]) expect((await attemptRow(id)).status).toBe("EXPIRED");
      expect(await attemptRow(a)).toMatchObject({ submittedAt: at(10 * MINUTE), score: 1, maxScore: 6 });
      for (const id of [inGrace, running]) expect(await attemptRow(id)).toMatchObject({ status: "IN_PROGRESS", score: null });

      expect(await sweepExpiredAttempts(now)).toBe(0);
      expect(await sweepExpiredAttempts(at(40 * MINUTE))).toBe(1);
      expect((await attemptRow(inGrace)).status).toBe("EXPIRED");
      expect((await attemptRow(running)).status).toBe("IN_PROGRESS");
    });

    it("finalises each attempt once when two sweeps run at the same time", async () => {
      const ids = await attemptsStartedAt([0, 1, 2, 3, 4, 5, 6, 7]);
      const now = at(60 * MINUTE);
      const [first, second] = await Promise.all([sweepExpiredAttempts(now), sweepExpiredAttempts(now)]);
      expect(first + second).toBe(ids.length);
      expect(await db.attempt.count({ where: { id: { in: ids }, status: "EXPIRED" } })).toBe(ids.length);
      expect(await sweepExpiredAttempts(now)).toBe(0);
    });

    it("finalises each attempt once when sweeps race submits", async () => {
      const ids = await attemptsStartedAt([0, 1, 2, 3, 4]);
      const users = [employee, engineer, analyst, hr, admin];
      const now = at(60 * MINUTE);
      const [sweep, ...submits] = await Promise.all([
        sweepExpiredAttempts(now),
        ...ids.map((id, index) => submitAttempt(users[index], id, now)),
      ]);
      const bySubmit = submits.filter((s) => s.status === "finished" && s.finalizedNow).length;
      expect(sweep + bySubmit).toBe(ids.length);
      for (const submit of submits) expect(submit).toMatchObject({ attemptStatus: "EXPIRED" });
    });
  });
});
