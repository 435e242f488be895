import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import type { Taker } from "./access";
import { GRACE_MS, saveResponse, startAttempt, submitAttempt, takerAttempt } from "./attempts";
import { attemptResult, myAttempts, reviewLevel, type ReviewLevel, type ReviewTiming } from "./results";
import {
  at,
  attemptItems,
  correctResponse,
  createCard,
  createExam,
  deckCards,
  MINUTE,
  seedPortal,
  started,
  t0,
  taker,
  wrongResponse,
  type ExamOptions,
} from "../testing/fixtures";

const SECRET_ANSWER = "тайный-ответ-7q";
const SECRET_EXPLANATION = "тайное-пояснение-7q";


describe("attempt results", () => {
  let employee: Taker;
  let engineer: Taker;
  let secrets: Awaited<ReturnType<typeof createCard>>;
  let topicCards: Awaited<ReturnType<typeof deckCards>>;

  beforeAll(async () => {
    await seedPortal();
    employee = await taker("employee@demo.local");
    engineer = await taker("engineer@demo.local");
    secrets = await createCard([
      {
        type: "SINGLE",
        prompt: "Какой вариант верный?",
        payload: { options: [{ id: "a", text: "Первый" }, { id: "b", text: "Второй" }, { id: "c", text: "Третий" }] },
        answerKey: { correct: ["c"] },
        explanation: "Верен третий вариант.",
      },
      {
        type: "SHORT_TEXT",
        prompt: "Назовите пароль.",
        payload: {},
        answerKey: { accepted: [SECRET_ANSWER] },
        explanation: SECRET_EXPLANATION,
      },
    ]);
    // Three real cards, chosen out of deck order.
    const cards = await deckCards();
    topicCards = [cards[5], cards[1], cards[3]];
  });

  // An exam left open would hold back the keys of its exam-only questions in every later test's review.
  afterEach(() => db.exam.updateMany({ data: { published: false } }));

  /** An exam over the secrets card (2 items) and one item from each topic card, not shuffled. */
  const examWith = (options: ExamOptions) =>
    createExam({ cardIds: [secrets.card.id, ...topicCards.map((c) => c.id)], questionsPerCard: 2, shuffleQuestions: false, ...options });

  /** Starts at t0, answers every other item right, submits at t0 + 5 minutes. */
  async function finishedAttempt(user: Taker, options: ExamOptions) {
    const exam = await examWith(options);
    const attemptId = started(await startAttempt(user, exam.id, t0));
    for (const [index, item] of (await attemptItems(attemptId)).entries()) {
      const response = index % 2 === 0 ? correctResponse(item) : wrongResponse(item);
      expect((await saveResponse(user, attemptId, item.id, { response, seq: 1 }, at(MINUTE))).status).toBe("saved");
    }
    await submitAttempt(user, attemptId, at(5 * MINUTE));
    return { exam, attemptId };
  }

  it("computes the review level from the policy, the timing and whether the taker may still take the exam", () => {
    const closesAt = at(60 * MINUTE);
    const level = (reviewPolicy: ReviewLevel, reviewTiming: ReviewTiming, now: Date, mayStillTake: boolean, closes: Date | null = closesAt) =>
      reviewLevel({ reviewPolicy, reviewTiming, closesAt: closes }, now, mayStillTake);
    expect(level("FULL", "AFTER_EACH_ATTEMPT", t0, true, null)).toBe("FULL");
    expect(level("FULL", "AFTER_LAST_ATTEMPT", t0, true)).toBe("BREAKDOWN");
    expect(level("FULL", "AFTER_LAST_ATTEMPT", t0, false)).toBe("FULL");
    expect(level("FULL", "AFTER_CLOSE", at(60 * MINUTE - 1), false)).toBe("BREAKDOWN");
    expect(level("FULL", "AFTER_CLOSE", closesAt, true)).toBe("FULL");
    // With no window end, the full review is held back for good.
    expect(level("FULL", "AFTER_CLOSE", at(100_000 * MINUTE), false, null)).toBe("BREAKDOWN");
    // The timing only holds back the full review: the other policies apply at once.
    for (const timing of ["AFTER_EACH_ATTEMPT", "AFTER_LAST_ATTEMPT", "AFTER_CLOSE"] as const) {
      expect(level("BREAKDOWN", timing, t0, true)).toBe("BREAKDOWN");
      expect(level("SCORE_ONLY", timing, closesAt, false)).toBe("SCORE_ONLY");
    }
  });

  it("gives only the score under SCORE_ONLY", async () => {
    const { attemptId } = await finishedAttempt(employee, { reviewPolicy: "SCORE_ONLY", passPercent: 50 });
    const result = await attemptResult(employee, attemptId, at(10 * MINUTE));
    const stored = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(result).toMatchObject({
      id: attemptId,
      status: "SUBMITTED",
      level: "SCORE_ONLY",
      topics: [],
      items: [],
      score: stored.score,
      maxScore: stored.maxScore,
      percent: stored.percent,
      passed: stored.passed,
      submittedAt: at(5 * MINUTE),
    });
    expect(stored.maxScore).toBe(8);
    expect(stored.score).toBe(4);
    expect(JSON.stringify(result)).not.toContain(SECRET_EXPLANATION);
  });

  it("gives the score per topic, in deck order, but no items under BREAKDOWN", async () => {
    const { attemptId } = await finishedAttempt(employee, { reviewPolicy: "BREAKDOWN" });
    const result = await attemptResult(employee, attemptId, at(10 * MINUTE));
    expect(result?.level).toBe("BREAKDOWN");
    expect(result?.items).toEqual([]);
    const graded = await attemptItems(attemptId);
    const expectedOrder = [...topicCards].sort((a, b) => a.position - b.position).map((c) => c.id).concat(secrets.card.id);
    expect(result?.topics.map((t) => t.cardId)).toEqual(expectedOrder);
    for (const topic of result!.topics) {
      const ofCard = graded.filter((i) => i.cardId === topic.cardId);
      expect(topic.maxPoints).toBe(ofCard.length);
      expect(topic.points).toBeCloseTo(ofCard.reduce((sum, i) => sum + i.points!, 0));
      const front = topic.cardId === secrets.card.id ? secrets.card.front : topicCards.find((c) => c.id === topic.cardId)!.front;
      expect(topic.front).toBe(front);
    }
    expect(JSON.stringify(result)).not.toContain(SECRET_EXPLANATION);
    expect(JSON.stringify(result)).not.toContain(SECRET_ANSWER);
  });

  it("gives every item with the key, the explanation and the points under FULL", async () => {
    const { attemptId } = await finishedAttempt(employee, { reviewPolicy: "FULL", reviewTiming: "AFTER_EACH_ATTEMPT" });
    const result = await attemptResult(employee, attemptId, at(10 * MINUTE));
    expect(result?.level).toBe("FULL");
    expect(result?.topics).toHaveLength(4);
    const graded = await attemptItems(attemptId);
    expect(result?.items).toHaveLength(graded.length);
    for (const [index, item] of result!.items.entries()) {
      const row = graded[index];
      expect(item).toMatchObject({
        position: row.position,
        type: row.type,
        prompt: row.prompt,
        payload: row.payload,
        response: row.response,
        correct: row.correct,
        points: row.points,
        maxPoints: 1,
        explanation: row.explanation,
      });
      expect(item).not.toHaveProperty("answerKey");
      expect(item.key.type).toBe(row.type);
    }
    const single = result!.items.find((i) => i.prompt === "Какой вариант верный?")!;
    expect(single).toMatchObject({ key: { type: "SINGLE", texts: ["Третий"] }, explanation: "Верен третий вариант.", cardFront: secrets.card.front });
    const short = result!.items.find((i) => i.type === "SHORT_TEXT" && i.prompt === "Назовите пароль.")!;
    expect(short).toMatchObject({ key: { type: "SHORT_TEXT", accepted: [SECRET_ANSWER] }, explanation: SECRET_EXPLANATION });
  });

  it("holds the full review back until closesAt passes under AFTER_CLOSE", async () => {
    const closesAt = at(60 * MINUTE);
    const { attemptId } = await finishedAttempt(employee, { reviewPolicy: "FULL", reviewTiming: "AFTER_CLOSE", closesAt, attemptsAllowed: 1 });
    const before = await attemptResult(employee, attemptId, at(60 * MINUTE - 1));
    expect(before).toMatchObject({ level: "BREAKDOWN", items: [] });
    expect(before?.topics).toHaveLength(4);
    expect(before?.percent).not.toBeNull();
    expect(JSON.stringify(before)).not.toContain(SECRET_EXPLANATION);
    expect(JSON.stringify(before)).not.toContain(SECRET_ANSWER);

    const after = await attemptResult(employee, attemptId, closesAt);
    expect(after?.level).toBe("FULL");
    expect(after?.items).toHaveLength(8);
    expect(JSON.stringify(after)).toContain(SECRET_EXPLANATION);
  });

  it("holds the full review back under AFTER_LAST_ATTEMPT while the taker may still take the exam", async () => {
    const exam = await examWith({ reviewPolicy: "FULL", reviewTiming: "AFTER_LAST_ATTEMPT", attemptsAllowed: 2 });
    const first = started(await startAttempt(engineer, exam.id, t0));
    await submitAttempt(engineer, first, at(MINUTE));
    const held = await attemptResult(engineer, first, at(2 * MINUTE));
    expect(held).toMatchObject({ level: "BREAKDOWN", items: [] });
    expect(JSON.stringify(held)).not.toContain(SECRET_EXPLANATION);

    // A second attempt running: still not.
    const second = started(await startAttempt(engineer, exam.id, at(3 * MINUTE)));
    expect((await attemptResult(engineer, first, at(4 * MINUTE)))?.level).toBe("BREAKDOWN");
    await submitAttempt(engineer, second, at(5 * MINUTE));
    const full = await attemptResult(engineer, first, at(6 * MINUTE));
    expect(full?.level).toBe("FULL");
    expect(JSON.stringify(full)).toContain(SECRET_EXPLANATION);

    // Unlimited attempts: held back until the window closes.
    const unlimited = await examWith({ reviewPolicy: "FULL", reviewTiming: "AFTER_LAST_ATTEMPT", closesAt: at(60 * MINUTE) });
    const attemptId = started(await startAttempt(engineer, unlimited.id, t0));
    await submitAttempt(engineer, attemptId, at(MINUTE));
    expect((await attemptResult(engineer, attemptId, at(60 * MINUTE - 1)))?.level).toBe("BREAKDOWN");
    expect((await attemptResult(engineer, attemptId, at(60 * MINUTE)))?.level).toBe("FULL");
  });

  it("holds back an exam-only question's key while another exam the taker may still take can draw it", async () => {
    const analyst = await taker("analyst@demo.local");
    const hidden = "ключ-другого-экзамена-5t";
    const shared = await createCard([
      { type: "SHORT_TEXT", payload: {}, answerKey: { accepted: [hidden] }, explanation: "Общий вопрос.", pool: "EXAM" },
    ]);
    const practiceOnly = await createCard([{ type: "SHORT_TEXT", payload: {}, answerKey: { accepted: ["открыто-в-практике"] }, pool: "BOTH" }]);
    const assignTo = { userId: analyst.id };
    const eachAttempt = await createExam({ cardIds: [shared.card.id], reviewPolicy: "FULL", reviewTiming: "AFTER_EACH_ATTEMPT", assignTo });
    const later = await createExam({ cardIds: [shared.card.id], reviewPolicy: "FULL", reviewTiming: "AFTER_LAST_ATTEMPT", attemptsAllowed: 1, assignTo });
    const sameTiming = await createExam({ cardIds: [practiceOnly.card.id], reviewPolicy: "FULL", reviewTiming: "AFTER_EACH_ATTEMPT", assignTo });
    await createExam({ cardIds: [practiceOnly.card.id], reviewPolicy: "FULL", reviewTiming: "AFTER_LAST_ATTEMPT", attemptsAllowed: 1, assignTo });

    const attemptId = started(await startAttempt(analyst, eachAttempt.id, t0));
    await submitAttempt(analyst, attemptId, at(MINUTE));
    const held = await attemptResult(analyst, attemptId, at(2 * MINUTE));
    expect(held).toMatchObject({ level: "BREAKDOWN", items: [], keysAskedElsewhere: true });
    expect(JSON.stringify(held)).not.toContain(hidden);

    // A question also in the practice pool is no secret: practice shows its key after answering.
    const open = started(await startAttempt(analyst, sameTiming.id, at(2 * MINUTE)));
    await submitAttempt(analyst, open, at(3 * MINUTE));
    expect((await attemptResult(analyst, open, at(4 * MINUTE)))?.level).toBe("FULL");

    const last = started(await startAttempt(analyst, later.id, at(5 * MINUTE)));
    await submitAttempt(analyst, last, at(6 * MINUTE));
    const full = await attemptResult(analyst, attemptId, at(7 * MINUTE));
    expect(full?.level).toBe("FULL");
    expect(JSON.stringify(full)).toContain(hidden);
  });

  it("gives no level, topics or items for an attempt in progress", async () => {
    const exam = await examWith({ reviewPolicy: "FULL", timeLimitSeconds: 600 });
    const attemptId = started(await startAttempt(employee, exam.id, t0));
    const [item] = await attemptItems(attemptId);
    await saveResponse(employee, attemptId, item.id, { response: correctResponse(item), seq: 1 }, at(MINUTE));
    for (const now of [at(2 * MINUTE), at(10 * MINUTE + GRACE_MS)]) {
      const result = await attemptResult(employee, attemptId, now);
      expect(result).toMatchObject({ status: "IN_PROGRESS", level: null, topics: [], items: [], score: null, percent: null, passed: null });
      const json = JSON.stringify(result);
      expect(json).not.toContain(SECRET_ANSWER);
      expect(json).not.toContain(SECRET_EXPLANATION);
      expect(json).not.toContain("answerKey");
    }
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("IN_PROGRESS");
  });

  it("finalises an attempt past deadline + grace before showing its result", async () => {
    const exam = await examWith({ reviewPolicy: "FULL", reviewTiming: "AFTER_EACH_ATTEMPT", timeLimitSeconds: 600 });
    const attemptId = started(await startAttempt(employee, exam.id, t0));
    const [item] = await attemptItems(attemptId);
    await saveResponse(employee, attemptId, item.id, { response: correctResponse(item), seq: 1 }, at(MINUTE));
    const result = await attemptResult(employee, attemptId, at(10 * MINUTE + GRACE_MS + 1));
    expect(result).toMatchObject({ status: "EXPIRED", level: "FULL", score: 1, maxScore: 8, submittedAt: at(10 * MINUTE) });
    expect(result?.items).toHaveLength(8);
  });

  it("answers null for another user's attempt", async () => {
    const { attemptId } = await finishedAttempt(employee, { reviewPolicy: "FULL" });
    expect(await attemptResult(engineer, attemptId, at(10 * MINUTE))).toBeNull();
    expect(await attemptResult(engineer, "no-such-attempt", at(10 * MINUTE))).toBeNull();
  });

  it("never gives the taker the answer key or the explanation", async () => {
    const exam = await examWith({ reviewPolicy: "FULL", shuffleOptions: false });
    const attemptId = started(await startAttempt(employee, exam.id, t0));
    const itemKeys = ["flagged", "id", "payload", "position", "prompt", "response", "responseSeq", "savedAt", "type"];

    const view = await takerAttempt(employee, attemptId, at(MINUTE));
    expect(view).toMatchObject({ id: attemptId, status: "IN_PROGRESS", remainingMs: 9 * MINUTE, exam: { id: exam.id, title: exam.title } });
    expect(view?.items).toHaveLength(8);
    for (const item of view!.items) expect(Object.keys(item).toSorted()).toEqual(itemKeys);
    expect(view?.items.find((i) => i.type === "SHORT_TEXT" && i.prompt === "Назовите пароль.")?.payload).toEqual({});
    const json = JSON.stringify(view);
    expect(json).not.toContain(SECRET_ANSWER);
    expect(json).not.toContain(SECRET_EXPLANATION);
    expect(json).not.toContain("answerKey");
    expect(json).not.toContain("explanation");

    // Nor after submission: the review goes through attemptResult.
    await submitAttempt(employee, attemptId, at(2 * MINUTE));
    const after = await takerAttempt(employee, attemptId, at(3 * MINUTE));
    expect(after?.status).toBe("SUBMITTED");
    for (const item of after!.items) expect(Object.keys(item).toSorted()).toEqual(itemKeys);
    expect(JSON.stringify(after)).not.toContain(SECRET_ANSWER);

    expect(await takerAttempt(engineer, attemptId, at(3 * MINUTE))).toBeNull();
  });

  it("lists the user's attempts newest first with their durations", async () => {
    const user = await db.user.create({
      data: { email: "history@exams.test", name: "История", departmentId: employee.departmentId },
      select: { id: true, departmentId: true },
    });
    const first = await createExam({ timeLimitSeconds: 600 });
    const second = await createExam({ timeLimitSeconds: 600 });
    const third = await createExam({ timeLimitSeconds: 600 });

    const submitted = started(await startAttempt(user, first.id, t0));
    await submitAttempt(user, submitted, at(7 * MINUTE));
    const expired = started(await startAttempt(user, second.id, at(30 * MINUTE)));
    await submitAttempt(user, expired, at(50 * MINUTE)); // past deadline + grace: EXPIRED at the deadline
    const running = started(await startAttempt(user, third.id, at(60 * MINUTE)));
    await startAttempt(employee, first.id, at(90 * MINUTE)); // someone else's

    const list = await myAttempts(user);
    expect(list.map((a) => [a.id, a.status, a.durationMs])).toEqual([
      [running, "IN_PROGRESS", null],
      [expired, "EXPIRED", 10 * MINUTE],
      [submitted, "SUBMITTED", 7 * MINUTE],
    ]);
    expect(list[2]).toMatchObject({ exam: { id: first.id, title: first.title }, startedAt: t0, submittedAt: at(7 * MINUTE), percent: 0, passed: false });
    expect(list[0]).toMatchObject({ percent: null, passed: null, submittedAt: null });
  });
});
