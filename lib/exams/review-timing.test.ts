// The seeded mock exam (3 attempts, full review) as content/ defines it: the full
// review waits until the taker has no attempt left or the window has closed.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import type { Taker } from "./access";
import { startAttempt, submitAttempt } from "./attempts";
import { attemptResult } from "./results";
import { at, attemptItems, MINUTE, started, t0, taker } from "../testing/fixtures";

/** Starts an attempt at `start` and submits it blank a minute later. */
async function blankAttempt(user: Taker, examId: string, start: Date) {
  const attemptId = started(await startAttempt(user, examId, start));
  await submitAttempt(user, attemptId, new Date(start.getTime() + MINUTE));
  return attemptId;
}

/** Nothing of the keys: no explanation, no accepted answer, no per-item correctness. */
async function expectNoKeys(attemptId: string, result: unknown) {
  const json = JSON.stringify(result);
  for (const item of await attemptItems(attemptId)) {
    expect(json).not.toContain(item.explanation);
    expect(json).not.toContain(JSON.stringify(item.answerKey));
  }
  for (const word of ["answerKey", "explanation", '"correct"', '"key"']) expect(json).not.toContain(word);
}

describe("review timing of the seeded mock exam", () => {
  let examId: string;
  let employee: Taker;

  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
    examId = (await db.exam.findUniqueOrThrow({ where: { key: "mock-attestation" } })).id;
    employee = await taker("employee@demo.local");
  });

  it("shows score and topics but no key after a blank first attempt, and the full review after the last one", async () => {
    const first = await blankAttempt(employee, examId, t0);
    const afterFirst = await attemptResult(employee, first, at(2 * MINUTE));
    expect(afterFirst).toMatchObject({ level: "BREAKDOWN", percent: 0, items: [] });
    expect(afterFirst?.topics).toHaveLength(11);
    await expectNoKeys(first, afterFirst);

    const second = await blankAttempt(employee, examId, at(10 * MINUTE));
    await expectNoKeys(second, await attemptResult(employee, second, at(12 * MINUTE)));
    await expectNoKeys(first, await attemptResult(employee, first, at(12 * MINUTE)));

    await blankAttempt(employee, examId, at(20 * MINUTE));
    const afterLast = await attemptResult(employee, first, at(22 * MINUTE));
    expect(afterLast?.level).toBe("FULL");
    expect(afterLast?.items).toHaveLength(24);
    const snapshot = await attemptItems(first);
    expect(afterLast?.items.map((item) => item.explanation)).toEqual(snapshot.map((item) => item.explanation));
    expect(afterLast?.items.every((item) => item.correct === false && item.key.type === item.type)).toBe(true);
  });

  it("shows the full review once the window has closed, with attempts left", async () => {
    const engineer = await taker("engineer@demo.local");
    const attemptId = await blankAttempt(engineer, examId, t0);
    await db.exam.update({ where: { id: examId }, data: { closesAt: at(60 * MINUTE) } });
    try {
      await expectNoKeys(attemptId, await attemptResult(engineer, attemptId, at(60 * MINUTE - 1)));
      const closed = await attemptResult(engineer, attemptId, at(60 * MINUTE));
      expect(closed?.level).toBe("FULL");
      expect(closed?.items).toHaveLength(24);
    } finally {
      await db.exam.update({ where: { id: examId }, data: { closesAt: null } });
    }
  });
});
