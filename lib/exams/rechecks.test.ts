import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { viewer } from "../testing/database";
import { attemptItems, correctResponse, createCard, createExam, MINUTE, seedPortal, started, taker, wrongResponse } from "../testing/fixtures";
import { recordCardChange } from "../study/card-changes";
import { teamOverviewRows, teamQuerySchema } from "../reports/team";
import { mayStillTake, type Taker } from "./access";
import { saveResponse, startAttempt, submitAttempt } from "./attempts";
import { openRecheck } from "./rechecks";

const DAY = 24 * 60 * MINUTE;

const change = (cardId: string, at = new Date()) =>
  db.$transaction((tx) => recordCardChange(tx, { cardId, before: { front: "Тема", back: "было" }, after: { front: "Тема", back: "стало" }, actorId: null, at }));

/** A finished attempt written directly: passed or not. */
const finished = (user: Taker, examId: string, passed: boolean) =>
  db.attempt.create({
    data: { userId: user.id, examId, startedAt: new Date(Date.now() - DAY), deadline: new Date(Date.now() - DAY + 10 * MINUTE), status: "SUBMITTED", percent: passed ? 100 : 0, passed },
  });

const tf = (n: number) => Array.from({ length: n }, () => ({ type: "TRUE_FALSE" as const, payload: {}, answerKey: { value: true } }));

let seq = 0;
/** Starts the user's attempt of the exam and answers every item right or wrong, then submits it. */
async function take(user: Taker, examId: string, right: boolean) {
  const attemptId = started(await startAttempt(user, examId));
  const items = await attemptItems(attemptId);
  for (const item of items) {
    expect(await saveResponse(user, attemptId, item.id, { response: right ? correctResponse(item) : wrongResponse(item), seq: ++seq })).toMatchObject({ status: "saved" });
  }
  await submitAttempt(user, attemptId);
  return { attemptId, items };
}

describe("re-checks after substantive card changes", () => {
  let employee: Taker;
  let engineer: Taker;
  let analyst: Taker;
  let hr: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    [employee, engineer, analyst] = await Promise.all(["employee@demo.local", "engineer@demo.local", "analyst@demo.local"].map(taker));
    hr = await viewer("hr@demo.local");
  });

  it("opens one for exactly those who passed an exam that requires it and contains the card; a later change joins it", async () => {
    const [x, y, other] = [await createCard(tf(2)), await createCard(tf(2)), await createCard(tf(2))];
    const requiring = await createExam({ cardIds: [x.card.id, y.card.id], recheckDays: 7 });
    const notRequiring = await createExam({ cardIds: [x.card.id] });
    const elsewhere = await createExam({ cardIds: [other.card.id], recheckDays: 7 });
    for (const exam of [requiring, notRequiring, elsewhere]) await finished(employee, exam.id, true);
    await finished(engineer, requiring.id, false);
    await finished(analyst, requiring.id, true);

    const at = new Date();
    await change(x.card.id, at);
    const rechecks = await db.recheck.findMany({ where: { examId: { in: [requiring.id, notRequiring.id, elsewhere.id] } } });
    expect(rechecks.map((r) => [r.userId, r.examId, r.cardIds, r.dueAt]).sort()).toEqual(
      [
        [employee.id, requiring.id, [x.card.id], new Date(at.getTime() + 7 * DAY)],
        [analyst.id, requiring.id, [x.card.id], new Date(at.getTime() + 7 * DAY)],
      ].sort(),
    );

    const later = new Date(at.getTime() + DAY);
    await change(y.card.id, later);
    await change(x.card.id, later);
    expect(await db.recheck.findMany({ where: { userId: employee.id, examId: requiring.id }, select: { cardIds: true, dueAt: true, passedAt: true } })).toEqual([
      { cardIds: [x.card.id, y.card.id], dueAt: new Date(later.getTime() + 7 * DAY), passedAt: null },
    ]);
  });

  it("draws only from the changed cards with the exam's pass mark, beyond the attempts allowed; passing it closes it", async () => {
    const [changed, unchanged] = [await createCard(tf(3)), await createCard(tf(3))];
    const exam = await createExam({ cardIds: [changed.card.id, unchanged.card.id], questionsPerCard: 2, attemptsAllowed: 1, recheckDays: 5 });
    await take(employee, exam.id, true);
    expect(await startAttempt(employee, exam.id)).toEqual({ status: "no-attempts-left" });

    expect(await mayStillTake(employee, exam.id)).toBe(false);
    await change(changed.card.id);
    // The keys of the exam are withheld again until the re-check is done (its last attempt).
    expect(await mayStillTake(employee, exam.id)).toBe(true);
    const recheck = await openRecheck(employee, exam.id);
    expect(recheck).toMatchObject({ cards: [{ id: changed.card.id, front: changed.card.front }] });

    const failed = await take(employee, exam.id, false);
    expect(failed.items.map((item) => item.cardId)).toEqual([changed.card.id, changed.card.id]);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: failed.attemptId } })).toMatchObject({ recheckId: recheck!.id, passed: false });
    expect(await openRecheck(employee, exam.id)).not.toBeNull();

    const passed = await take(employee, exam.id, true);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: passed.attemptId } })).toMatchObject({ recheckId: recheck!.id, passed: true });
    expect(await openRecheck(employee, exam.id)).toBeNull();
    expect(await mayStillTake(employee, exam.id)).toBe(false);
    expect(await startAttempt(employee, exam.id)).toEqual({ status: "no-attempts-left" });
  });

  it("passing a re-check that grew while its attempt ran confirms the cards it asked, and leaves open the card added meanwhile", async () => {
    const [first, second] = [await createCard(tf(2)), await createCard(tf(2))];
    const exam = await createExam({ cardIds: [first.card.id, second.card.id], recheckDays: 5 });
    await take(analyst, exam.id, true);
    await change(first.card.id);
    const attemptId = started(await startAttempt(analyst, exam.id));
    const items = await attemptItems(attemptId);
    expect(items.map((item) => item.cardId)).toEqual([first.card.id]);
    await change(second.card.id);
    for (const item of items) await saveResponse(analyst, attemptId, item.id, { response: correctResponse(item), seq: ++seq });
    await submitAttempt(analyst, attemptId);

    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ passed: true });
    expect(await openRecheck(analyst, exam.id)).toMatchObject({ cards: [{ id: second.card.id }] });
    const confirmed = await take(analyst, exam.id, true);
    expect(confirmed.items.map((item) => item.cardId)).toEqual([second.card.id]);
    expect(await openRecheck(analyst, exam.id)).toBeNull();
  });

  it("the heads' overview shows «нужно подтвердить» with the changed cards until the re-check is passed, then «сдано» again", async () => {
    const card = await createCard(tf(2));
    const exam = await createExam({ cardIds: [card.card.id], questionsPerCard: 2, recheckDays: 3, assignTo: { userId: analyst.id } });
    await take(analyst, exam.id, true);
    const status = async () => {
      const rows = await teamOverviewRows(hr, teamQuerySchema.parse({}));
      return rows!.members.find((member) => member.id === analyst.id)!.exams.find((e) => e.examId === exam.id)!;
    };
    expect(await status()).toMatchObject({ status: "passed", recheckCards: [] });

    await change(card.card.id);
    expect(await status()).toMatchObject({ status: "recheck", recheckCards: [card.card.front] });

    await take(analyst, exam.id, true);
    expect(await status()).toMatchObject({ status: "passed", recheckCards: [] });
  });
});
