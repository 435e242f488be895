import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { seed } from "../../prisma/seeding";
import { resetDatabase } from "../testing/database";
import { startAttempt, submitAttempt } from "./attempts";
import { at, attemptItems, MINUTE, started, taker } from "../testing/fixtures";

// The seeded mock attestation as content/ defines it: its three attempts are meant to
// draw different questions, so a taker never meets a question (or its key) twice.
describe("the seeded mock attestation", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
  });

  it("gives three attempts 72 different questions, each card its weight's share", async () => {
    const exam = await db.exam.findUniqueOrThrow({ where: { key: "mock-attestation" }, include: { cards: true } });
    expect(exam).toMatchObject({ attemptsAllowed: 3, questionCount: 24, cardWeighting: "CUSTOM" });
    const employee = await taker("employee@demo.local");
    const seen: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const attemptId = started(await startAttempt(employee, exam.id, at(attempt * 60 * MINUTE)));
      const items = await attemptItems(attemptId);
      expect(items).toHaveLength(24);
      for (const { cardId, weight } of exam.cards) expect(items.filter((item) => item.cardId === cardId)).toHaveLength(weight);
      seen.push(...items.map((item) => item.questionId!));
      await submitAttempt(employee, attemptId, at(attempt * 60 * MINUTE + MINUTE));
    }
    expect(new Set(seen).size).toBe(72);
  });
});
