import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { getPublishedDeck, type PublishedDeck } from "../content/decks";
import { answerKeySchema, questionPayloadSchema } from "../content/question-data";
import {
  answerCram,
  answerPractice,
  currentPracticeQuestion,
  latestSession,
  openSession,
  PRACTICE_SESSION_SIZE,
  restartSession,
  sessionToShow,
  type StudySessionView,
} from "./sessions";

const t0 = new Date("2026-12-01T09:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let deck: PublishedDeck;
let userCount = 0;

async function createUser() {
  userCount++;
  return db.user.create({ data: { email: `sessions-${userCount}@study.test`, name: `Учащийся ${userCount}` } });
}

const sessionRow = (id: string) =>
  db.studySession.findUniqueOrThrow({
    where: { id },
    select: { id: true, mode: true, queue: true, step: true, correct: true, wrong: true, finishedAt: true },
  });

const practiceQuestions = () =>
  db.question.findMany({
    where: { card: { deckId: deck.id }, active: true, pool: { in: ["PRACTICE", "BOTH"] } },
    orderBy: { key: "asc" },
    include: { card: { select: { key: true, front: true } } },
  });

/** A practice session whose queue is forced to the given question ids. */
async function practiceSessionWith(userId: string, queue: string[]): Promise<StudySessionView> {
  const session = await openSession(userId, deck, "PRACTICE");
  await db.studySession.update({ where: { id: session.id }, data: { queue } });
  return sessionRow(session.id);
}

describe("study sessions", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
    deck = (await getPublishedDeck("attestation-prep"))!;
    expect(deck.cards).toHaveLength(11);
  });

  describe("cram", () => {
    it("queues all the deck's cards in deck order", async () => {
      const user = await createUser();
      const session = await openSession(user.id, deck, "CRAM");
      expect(session).toEqual({
        id: expect.any(String),
        mode: "CRAM",
        queue: deck.cards.map((card) => card.id),
        step: 0,
        correct: 0,
        wrong: 0,
        finishedAt: null,
      });
    });

    it("keeps one open session per user, deck and mode, even when opened in parallel", async () => {
      const user = await createUser();
      const first = await openSession(user.id, deck, "CRAM");
      expect((await openSession(user.id, deck, "CRAM")).id).toBe(first.id);

      const other = await createUser();
      const parallel = await Promise.all(Array.from({ length: 5 }, () => openSession(other.id, deck, "CRAM")));
      expect(new Set(parallel.map((s) => s.id)).size).toBe(1);
      expect(await db.studySession.count({ where: { userId: other.id, mode: "CRAM" } })).toBe(1);

      // Practice is a separate session.
      const practice = await openSession(user.id, deck, "PRACTICE");
      expect(practice.id).not.toBe(first.id);
      expect(practice.mode).toBe("PRACTICE");
    });

    it("pops a remembered card and moves a forgotten one back by three places", async () => {
      const user = await createUser();
      const ids = deck.cards.map((card) => card.id);
      const session = await openSession(user.id, deck, "CRAM");

      expect(await answerCram(user.id, { sessionId: session.id, step: 0, remembered: true }, t0)).toEqual({ status: "ok" });
      expect(await sessionRow(session.id)).toMatchObject({ queue: ids.slice(1), step: 1, correct: 1, wrong: 0, finishedAt: null });

      expect(await answerCram(user.id, { sessionId: session.id, step: 1, remembered: false }, t0)).toEqual({ status: "ok" });
      expect(await sessionRow(session.id)).toMatchObject({
        queue: [ids[2], ids[3], ids[4], ids[1], ...ids.slice(5)],
        step: 2,
        correct: 1,
        wrong: 1,
        finishedAt: null,
      });
    });

    it("answers a stale step with stale and changes nothing", async () => {
      const user = await createUser();
      const session = await openSession(user.id, deck, "CRAM");
      await answerCram(user.id, { sessionId: session.id, step: 0, remembered: true }, t0);
      const before = await sessionRow(session.id);
      expect(await answerCram(user.id, { sessionId: session.id, step: 0, remembered: false }, t0)).toEqual({ status: "stale" });
      expect(await answerCram(user.id, { sessionId: session.id, step: 5, remembered: true }, t0)).toEqual({ status: "stale" });
      expect(await sessionRow(session.id)).toEqual(before);
    });

    it("advances once for parallel answers to the same step", async () => {
      const user = await createUser();
      const session = await openSession(user.id, deck, "CRAM");
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => answerCram(user.id, { sessionId: session.id, step: 0, remembered: i % 2 === 0 }, t0)),
      );
      expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
      expect(results.filter((r) => r.status === "stale")).toHaveLength(5);
      const row = await sessionRow(session.id);
      expect(row.step).toBe(1);
      expect(row.correct + row.wrong).toBe(1);
      expect(row.queue).toHaveLength(row.correct === 1 ? 10 : 11);
    });

    it("finishes when the queue is empty, never touching the FSRS schedule", async () => {
      const user = await createUser();
      const session = await openSession(user.id, deck, "CRAM");
      // Forget the first card once, then remember everything: 12 answers in all.
      expect((await answerCram(user.id, { sessionId: session.id, step: 0, remembered: false }, t0)).status).toBe("ok");
      for (let step = 1; step <= 11; step++) {
        const row = await sessionRow(session.id);
        expect(row.finishedAt).toBeNull();
        expect((await answerCram(user.id, { sessionId: session.id, step, remembered: true }, at(step * 1000))).status).toBe("ok");
      }
      expect(await sessionRow(session.id)).toEqual({ ...session, queue: [], step: 12, correct: 11, wrong: 1, finishedAt: at(11_000) });
      expect(await db.cardState.count({ where: { userId: user.id } })).toBe(0);
      expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(0);

      // A finished session takes no more answers; the summary shows it; opening starts a new one.
      expect(await answerCram(user.id, { sessionId: session.id, step: 12, remembered: true }, t0)).toEqual({ status: "not-found" });
      expect((await sessionToShow(user.id, deck, "CRAM")).id).toBe(session.id);
      const next = await openSession(user.id, deck, "CRAM");
      expect(next.id).not.toBe(session.id);
      expect(next.queue).toEqual(deck.cards.map((card) => card.id));
    });

    it("restarts: ends the open session and starts a fresh one", async () => {
      const user = await createUser();
      const session = await openSession(user.id, deck, "CRAM");
      await answerCram(user.id, { sessionId: session.id, step: 0, remembered: true }, t0);
      const restarted = await restartSession(user.id, deck, "CRAM");
      expect(restarted.id).not.toBe(session.id);
      expect(restarted).toMatchObject({ step: 0, correct: 0, wrong: 0, finishedAt: null, queue: deck.cards.map((card) => card.id) });
      expect((await sessionRow(session.id)).finishedAt).toBeInstanceOf(Date);
      expect(await db.studySession.count({ where: { userId: user.id, mode: "CRAM", finishedAt: null } })).toBe(1);
      expect((await latestSession(user.id, deck.id, "CRAM"))?.id).toBe(restarted.id);
      expect(await answerCram(user.id, { sessionId: session.id, step: 1, remembered: true }, t0)).toEqual({ status: "not-found" });
    });

    it("refuses another user's session and a session of the other mode", async () => {
      const owner = await createUser();
      const stranger = await createUser();
      const session = await openSession(owner.id, deck, "CRAM");
      expect(await answerCram(stranger.id, { sessionId: session.id, step: 0, remembered: true }, t0)).toEqual({ status: "not-found" });
      const practice = await openSession(owner.id, deck, "PRACTICE");
      expect(await answerCram(owner.id, { sessionId: practice.id, step: 0, remembered: true }, t0)).toEqual({ status: "not-found" });
      expect(await sessionRow(session.id)).toEqual(session);
      expect(await sessionRow(practice.id)).toEqual(practice);
    });
  });

  describe("practice", () => {
    it("queues at most 15 distinct active questions of the deck, none from the exam pool", async () => {
      const user = await createUser();
      const session = await openSession(user.id, deck, "PRACTICE");
      const eligible = new Set((await practiceQuestions()).map((q) => q.id));
      expect(PRACTICE_SESSION_SIZE).toBe(15);
      expect(eligible.size).toBeGreaterThan(PRACTICE_SESSION_SIZE);
      expect(session.queue).toHaveLength(PRACTICE_SESSION_SIZE);
      expect(new Set(session.queue).size).toBe(session.queue.length);
      for (const id of session.queue) expect(eligible.has(id)).toBe(true);
      const rows = await db.question.findMany({ where: { id: { in: session.queue } }, select: { pool: true, active: true } });
      expect(rows).toHaveLength(PRACTICE_SESSION_SIZE);
      expect(rows.every((q) => q.pool !== "EXAM" && q.active)).toBe(true);
    });

    it("leaves out inactive and exam-only questions (exactly the eligible ones when fewer than 15)", async () => {
      const user = await createUser();
      const all = await practiceQuestions();
      const kept = all.slice(0, 6).map((q) => q.id);
      const retired = all.slice(6).map((q) => q.id);
      expect(await db.question.count({ where: { card: { deckId: deck.id }, pool: "EXAM" } })).toBeGreaterThan(0);
      try {
        await db.question.updateMany({ where: { id: { in: retired } }, data: { active: false } });
        const session = await openSession(user.id, deck, "PRACTICE");
        expect([...session.queue].sort()).toEqual([...kept].sort());
      } finally {
        await db.question.updateMany({ where: { id: { in: retired } }, data: { active: true } });
      }
    });

    it("shows the head question without its key or explanation", async () => {
      const user = await createUser();
      const shortText = (await practiceQuestions()).filter((q) => {
        if (q.type !== "SHORT_TEXT") return false;
        const visible = `${q.prompt} ${q.card.front}`.toLowerCase();
        return answerKeySchema.SHORT_TEXT.parse(q.answerKey).accepted.every((answer) => !visible.includes(answer.toLowerCase()));
      });
      expect(shortText.length).toBeGreaterThan(0);

      for (const question of shortText) {
        const session = await practiceSessionWith(user.id, [question.id]);
        const { question: view } = await currentPracticeQuestion(session);
        expect(Object.keys(view!).sort()).toEqual(["cardFront", "id", "payload", "prompt", "type"]);
        expect(view).toEqual({ id: question.id, type: "SHORT_TEXT", prompt: question.prompt, payload: {}, cardFront: question.card.front });
        // Everything shown but the random id, which may contain a short answer such as "80" by chance.
        const json = JSON.stringify({ ...view, id: undefined });
        for (const answer of answerKeySchema.SHORT_TEXT.parse(question.answerKey).accepted) expect(json).not.toContain(answer);
        expect(json).not.toContain(question.explanation);
        expect(json).not.toContain("accepted");
      }

      const single = (await practiceQuestions()).find((q) => q.type === "SINGLE")!;
      const session = await practiceSessionWith(user.id, [single.id]);
      const { question: view } = await currentPracticeQuestion(session);
      const options = (view!.payload as { options: Record<string, unknown>[] }).options;
      const stored = questionPayloadSchema.SINGLE.parse(single.payload).options;
      expect(options).toHaveLength(stored.length);
      for (const option of options) expect(Object.keys(option).sort()).toEqual(["id", "text"]);
      expect(options.map((o) => o.text).sort()).toEqual(stored.map((o) => o.text).sort());
      // Its own ids, not the stored ones; the same again on a reload.
      for (const option of options) expect(stored.map((o) => o.id)).not.toContain(option.id);
      expect((await currentPracticeQuestion(session)).question).toEqual(view);
      expect(JSON.stringify(view)).not.toContain("correct");
      expect(JSON.stringify(view)).not.toContain(single.explanation);

      expect((await currentPracticeQuestion({ ...session, queue: [] })).question).toBeNull();
    });

    it("grades a wrong answer, reveals the key, records it and asks the question again after three others", async () => {
      const user = await createUser();
      const questions = await practiceQuestions();
      const single = questions.find((q) => q.type === "SINGLE")!;
      const others = questions.filter((q) => q.id !== single.id).slice(0, 4).map((q) => q.id);
      const session = await practiceSessionWith(user.id, [single.id, ...others]);
      const payload = questionPayloadSchema.SINGLE.parse(single.payload);
      const key = answerKeySchema.SINGLE.parse(single.answerKey);
      const wrong = payload.options.find((o) => o.id !== key.correct[0])!;
      const right = payload.options.find((o) => o.id === key.correct[0])!;
      // The taker answers with the id they are shown for the wrong option's text.
      const shown = questionPayloadSchema.SINGLE.parse((await currentPracticeQuestion(session)).question!.payload).options;
      const choice = shown.find((o) => o.text === wrong.text)!.id;
      expect(choice).not.toBe(wrong.id);

      const result = await answerPractice(user.id, { sessionId: session.id, step: 0, questionId: single.id, response: { choice } }, t0);
      expect(result).toEqual({
        status: "answered",
        correct: false,
        points: 0,
        key: { type: "SINGLE", texts: [right.text] },
        explanation: single.explanation,
        cardKey: single.card.key,
        cardFront: single.card.front,
      });
      const answers = await db.practiceAnswer.findMany({ where: { userId: user.id } });
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ questionId: single.id, correct: false, points: 0, response: { choice: wrong.id }, answeredAt: t0 });
      expect(await sessionRow(session.id)).toMatchObject({
        queue: [others[0], others[1], others[2], single.id, others[3]],
        step: 1,
        correct: 0,
        wrong: 1,
        finishedAt: null,
      });
    });

    it("pops a correctly answered question and counts it", async () => {
      const user = await createUser();
      const questions = await practiceQuestions();
      const trueFalse = questions.find((q) => q.type === "TRUE_FALSE")!;
      const shortText = questions.find((q) => q.type === "SHORT_TEXT")!;
      const session = await practiceSessionWith(user.id, [trueFalse.id, shortText.id]);

      const value = answerKeySchema.TRUE_FALSE.parse(trueFalse.answerKey).value;
      const first = await answerPractice(user.id, { sessionId: session.id, step: 0, questionId: trueFalse.id, response: { value } }, t0);
      expect(first).toMatchObject({ status: "answered", correct: true, points: 1, key: { type: "TRUE_FALSE", value } });
      expect(await sessionRow(session.id)).toMatchObject({ queue: [shortText.id], step: 1, correct: 1, wrong: 0, finishedAt: null });

      // The last question answered (with quotes and a full stop, normalised away): the session is finished.
      const accepted = answerKeySchema.SHORT_TEXT.parse(shortText.answerKey).accepted[0];
      const second = await answerPractice(
        user.id,
        { sessionId: session.id, step: 1, questionId: shortText.id, response: { text: ` «${accepted.toUpperCase()}». ` } },
        at(1000),
      );
      expect(second).toMatchObject({ status: "answered", correct: true, points: 1 });
      expect(await sessionRow(session.id)).toMatchObject({ queue: [], step: 2, correct: 2, wrong: 0, finishedAt: at(1000) });
      expect(await db.practiceAnswer.count({ where: { userId: user.id, correct: true } })).toBe(2);
      expect(await db.cardState.count({ where: { userId: user.id } })).toBe(0);
    });

    it("refuses an invalid response and writes nothing", async () => {
      const user = await createUser();
      const questions = await practiceQuestions();
      const single = questions.find((q) => q.type === "SINGLE")!;
      const options = questionPayloadSchema.SINGLE.parse(single.payload).options;
      // Option ids are letters: the next letter is an id this question does not have.
      const foreign = "abcdefghijklmnopqrstuvwxyz"[options.length];
      expect(options.map((o) => o.id)).not.toContain(foreign);
      const session = await practiceSessionWith(user.id, [single.id, questions[0].id]);
      const before = await sessionRow(session.id);
      const input = (response: unknown) => ({ sessionId: session.id, step: 0, questionId: single.id, response });

      for (const response of [{ choice: foreign }, { choice: "zz" }, { choices: ["a"] }, {}, null, "a", { choice: "a", extra: 1 }]) {
        expect(await answerPractice(user.id, input(response), t0)).toMatchObject({ status: "invalid", error: expect.any(String) });
      }
      expect(await db.practiceAnswer.count({ where: { userId: user.id } })).toBe(0);
      expect(await sessionRow(session.id)).toEqual(before);
    });

    it("refuses another user's session, and answers a stale step or question with stale", async () => {
      const owner = await createUser();
      const stranger = await createUser();
      const questions = await practiceQuestions();
      const [q1, q2] = questions.filter((q) => q.type === "TRUE_FALSE");
      const session = await practiceSessionWith(owner.id, [q1.id, q2.id]);
      const value = answerKeySchema.TRUE_FALSE.parse(q1.answerKey).value;
      const before = await sessionRow(session.id);

      expect(await answerPractice(stranger.id, { sessionId: session.id, step: 0, questionId: q1.id, response: { value } }, t0)).toEqual({
        status: "not-found",
      });
      expect(await answerPractice(owner.id, { sessionId: session.id, step: 1, questionId: q1.id, response: { value } }, t0)).toEqual({
        status: "stale",
      });
      expect(await answerPractice(owner.id, { sessionId: session.id, step: 0, questionId: q2.id, response: { value } }, t0)).toEqual({
        status: "stale",
      });
      expect(await db.practiceAnswer.count({ where: { userId: { in: [owner.id, stranger.id] } } })).toBe(0);
      expect(await sessionRow(session.id)).toEqual(before);

      expect((await answerPractice(owner.id, { sessionId: session.id, step: 0, questionId: q1.id, response: { value } }, t0)).status).toBe("answered");
      // The same answer again (a double click): stale, recorded once.
      expect(await answerPractice(owner.id, { sessionId: session.id, step: 0, questionId: q1.id, response: { value } }, t0)).toEqual({
        status: "stale",
      });
      expect(await db.practiceAnswer.count({ where: { userId: owner.id } })).toBe(1);
    });

    // A question retired (e.g. removed from content/ and re-seeded) or moved to the exam pool after
    // the session started must not block the session: it is dropped from the queue.
    for (const change of [{ active: false }, { pool: "EXAM" as const }]) {
      it(`does not get stuck on a question changed to ${JSON.stringify(change)} after the session started`, async () => {
        const user = await createUser();
        const [q1, q2] = (await practiceQuestions()).filter((q) => q.type === "TRUE_FALSE");
        const session = await practiceSessionWith(user.id, [q1.id, q2.id]);
        try {
          await db.question.update({ where: { id: q1.id }, data: change });
          const { question: shown } = await currentPracticeQuestion(await sessionRow(session.id));
          expect(shown?.id).toBe(q2.id);
          const answer = shown?.id === q1.id
            ? await answerPractice(user.id, { sessionId: session.id, step: 0, questionId: q1.id, response: { value: true } }, t0)
            : null;
          // Either the changed question is no longer shown, or answering it moves the session on.
          expect(shown?.id === q1.id && answer?.status === "not-found").toBe(false);
        } finally {
          await db.question.update({ where: { id: q1.id }, data: { active: q1.active, pool: q1.pool } });
        }
      });
    }

    it("records parallel answers to the same step once", async () => {
      const user = await createUser();
      const [q1, q2] = (await practiceQuestions()).filter((q) => q.type === "TRUE_FALSE");
      const session = await practiceSessionWith(user.id, [q1.id, q2.id]);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          answerPractice(user.id, { sessionId: session.id, step: 0, questionId: q1.id, response: { value: i % 2 === 0 } }, t0),
        ),
      );
      expect(results.filter((r) => r.status === "answered")).toHaveLength(1);
      expect(results.filter((r) => r.status === "stale")).toHaveLength(5);
      expect(await db.practiceAnswer.count({ where: { userId: user.id } })).toBe(1);
      expect((await sessionRow(session.id)).step).toBe(1);
    });
  });
});
