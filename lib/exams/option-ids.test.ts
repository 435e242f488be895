// Option ids must carry no information about the key: over the seeded deck, drawn
// into 50 exam attempts and 50 practice presentations, no rule a taker could apply
// to the ids and order they are shown finds the key more often than chance allows.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { getPublishedDeck } from "../content/decks";
import { answerKeySchema, questionPayloadSchema, type QuestionType } from "../content/question-data";
import { shuffled } from "../grading/shuffle";
import { currentPracticeQuestion, restartSession } from "../study/sessions";
import { startAttempt, submitAttempt, takerAttempt } from "./attempts";
import { at, createExam, DECK, MINUTE, seedPortal, started, taker } from "../testing/fixtures";

const ROUNDS = 50;
/** Thousands of presentations each: minutes, not seconds, on a machine busy with other work. */
const STATISTICS_TIMEOUT_MS = 180_000;

type Choice = { id: string; text: string };
/** One question as a taker was shown it, with the stored question it came from. */
type Shown = { type: QuestionType; payload: unknown; seed: string; stored: { payload: unknown; answerKey: unknown } };

/** Hits of a rule against what chance gives: per trial, the expected hits and their variance. */
class Tally {
  hits = 0;
  expected = 0;
  variance = 0;
  add(hits: number, expected: number, variance: number) {
    this.hits += hits;
    this.expected += expected;
    this.variance += variance;
  }
  /** Expected + 4σ: a fair presentation exceeds it with a probability far below one in ten thousand. */
  get bound() {
    return this.expected + 4 * Math.sqrt(this.variance);
  }
}

const commonSuffix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};

/** The texts of the stored key, so that rules are judged by meaning, whatever the ids. */
function keyTexts(shown: Shown) {
  const textOf = (choices: Choice[], id: string) => choices.find((c) => c.id === id)!.text;
  switch (shown.type) {
    case "SINGLE":
    case "MULTIPLE": {
      const { options } = questionPayloadSchema[shown.type].parse(shown.stored.payload);
      return new Set(answerKeySchema[shown.type].parse(shown.stored.answerKey).correct.map((id) => textOf(options, id)));
    }
    default:
      return null;
  }
}

/** Applies every rule to one shown question. */
function judge(shown: Shown, rules: Record<string, Tally>) {
  switch (shown.type) {
    case "SINGLE":
    case "MULTIPLE": {
      const options = questionPayloadSchema[shown.type].parse(shown.payload).options;
      const correct = keyTexts(shown)!;
      const n = options.length;
      const p = correct.size / n;
      const hit = (option: Choice | undefined) => (option && correct.has(option.text) ? 1 : 0);
      rules["first shown option"].add(hit(options[0]), p, p * (1 - p));
      rules["smallest id"].add(hit(options.toSorted((a, b) => (a.id < b.id ? -1 : 1))[0]), p, p * (1 - p));
      // Replaying the shuffle from what the taker knows (attempt or session id, question id)
      // tells which shown option was stored first (the seed stores correct options first).
      const replay = shuffled([...options.keys()], shown.seed);
      rules["replayed stored position 1"].add(hit(options[replay.indexOf(0)]), p, p * (1 - p));
      return;
    }
    case "ORDERING": {
      const items = questionPayloadSchema.ORDERING.parse(shown.payload).items;
      const stored = questionPayloadSchema.ORDERING.parse(shown.stored.payload).items;
      const keyOrder = answerKeySchema.ORDERING.parse(shown.stored.answerKey).order.map((id) => stored.find((s) => s.id === id)!.text);
      // Items in their right place: a random order puts 1 in place on average, with variance 1.
      const inPlace = (order: Choice[]) => order.filter((item, index) => item.text === keyOrder[index]).length;
      rules["sorted ids as order"].add(inPlace(items.toSorted((a, b) => (a.id < b.id ? -1 : 1))), 1, 1);
      rules["shown order as order"].add(inPlace(items), 1, 1);
      return;
    }
    case "MATCHING": {
      const { left, right } = questionPayloadSchema.MATCHING.parse(shown.payload);
      const stored = questionPayloadSchema.MATCHING.parse(shown.stored.payload);
      const pairs = answerKeySchema.MATCHING.parse(shown.stored.answerKey).pairs;
      const text = (choices: Choice[], id: string) => choices.find((c) => c.id === id)!.text;
      const keyRight = new Map(pairs.map(([l, r]) => [text(stored.left, l), text(stored.right, r)]));
      const matched = (pick: (l: Choice, index: number) => Choice | undefined) =>
        left.filter((l, index) => pick(l, index)?.text === keyRight.get(l.text)).length;
      // Each left item's pick is right with chance 1/n: 1 pair on average, variance at most 1.
      const bySuffix = (l: Choice) =>
        right.find((r) => r.id.slice(1) === l.id.slice(1)) ??
        right.reduce((best, r) => (commonSuffix(r.id, l.id) > commonSuffix(best.id, l.id) ? r : best));
      rules["left and right sharing an id's rest or suffix"].add(matched(bySuffix), 1, 1);
      rules["left and right at the same position"].add(matched((_, index) => right[index]), 1, 1);
      return;
    }
    default:
      return;
  }
}

const newRules = () =>
  Object.fromEntries(
    [
      "first shown option",
      "smallest id",
      "replayed stored position 1",
      "sorted ids as order",
      "shown order as order",
      "left and right sharing an id's rest or suffix",
      "left and right at the same position",
    ].map((name) => [name, new Tally()]),
  );

function expectChance(rules: Record<string, Tally>) {
  const report = Object.entries(rules).map(([name, t]) => ({ name, hits: t.hits, expected: Math.round(t.expected), bound: Math.floor(t.bound) }));
  for (const { name, hits, bound } of report) expect(hits, `${name}: ${JSON.stringify(report)}`).toBeLessThanOrEqual(bound);
  for (const t of Object.values(rules)) expect(t.expected).toBeGreaterThan(0);
}

const storedQuestions = async (ids: string[]) =>
  new Map((await db.question.findMany({ where: { id: { in: ids } } })).map((q) => [q.id, q]));

describe("presented option ids", () => {
  beforeAll(seedPortal);

  it(`give no rule over ids or order the key more often than chance, in ${ROUNDS} exam attempts over every exam-pool question`, async () => {
    const exam = await createExam({ questionCount: 10_000, shuffleOptions: true, attemptsAllowed: null });
    const employee = await taker("employee@demo.local");
    const rules = newRules();
    let shownCount = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const attemptId = started(await startAttempt(employee, exam.id, at(round * 20 * MINUTE)));
      const view = (await takerAttempt(employee, attemptId, at(round * 20 * MINUTE)))!;
      const rows = await db.attemptItem.findMany({ where: { attemptId }, select: { id: true, questionId: true } });
      const questionOf = new Map(rows.map((row) => [row.id, row.questionId!]));
      const stored = await storedQuestions([...questionOf.values()]);
      for (const item of view.items) {
        const questionId = questionOf.get(item.id)!;
        judge({ type: item.type, payload: item.payload, seed: `${attemptId}:${questionId}`, stored: stored.get(questionId)! }, rules);
        shownCount++;
      }
      await submitAttempt(employee, attemptId, at(round * 20 * MINUTE + MINUTE));
    }
    const examPool = await db.question.count({ where: { card: { deck: { slug: DECK } }, active: true, pool: { in: ["EXAM", "BOTH"] } } });
    expect(shownCount).toBe(ROUNDS * examPool);
    expectChance(rules);
  }, STATISTICS_TIMEOUT_MS);

  it(`give no rule over ids or order the key more often than chance, in ${ROUNDS} practice presentations of every practice-pool question`, async () => {
    const deck = (await getPublishedDeck(DECK))!;
    const user = await taker("engineer@demo.local");
    const questions = await db.question.findMany({ where: { card: { deckId: deck.id }, active: true, pool: { in: ["PRACTICE", "BOTH"] } } });
    const rules = newRules();
    for (let round = 0; round < ROUNDS; round++) {
      const session = await restartSession(user.id, deck, "PRACTICE");
      for (const question of questions) {
        const { question: view } = await currentPracticeQuestion({ ...session, queue: [question.id] });
        judge({ type: view!.type, payload: view!.payload, seed: `${session.id}:${question.id}`, stored: question }, rules);
      }
    }
    expectChance(rules);
  }, STATISTICS_TIMEOUT_MS);

  it("keep without shuffleOptions one order per question for every taker, which gives no rule the key either", async () => {
    const exam = await createExam({ questionCount: 10_000, shuffleOptions: false, attemptsAllowed: null });
    const orders = [];
    const rules = newRules();
    for (const email of ["analyst@demo.local", "hr@demo.local"]) {
      const user = await taker(email);
      const attemptId = started(await startAttempt(user, exam.id, at(0)));
      const items = await db.attemptItem.findMany({ where: { attemptId }, orderBy: { questionId: "asc" } });
      const stored = await storedQuestions(items.map((item) => item.questionId!));
      const choiceItems = items.filter((item) => item.type === "SINGLE" || item.type === "MULTIPLE");
      orders.push(choiceItems.map((item) => questionPayloadSchema.SINGLE.parse(item.payload).options.map((o) => o.text)));
      if (orders.length === 1) {
        for (const item of items) judge({ type: item.type, payload: item.payload, seed: `${attemptId}:${item.questionId}`, stored: stored.get(item.questionId!)! }, rules);
      }
    }
    expect(orders[1]).toEqual(orders[0]);
    expectChance(rules);
  });

  it("send the taker's attempt and a practice question with fresh ids only, none of the stored ones", async () => {
    const exam = await createExam({ questionCount: 10_000, attemptsAllowed: null });
    const user = await taker("engineer@demo.local");
    const attemptId = started(await startAttempt(user, exam.id, at(0)));
    const view = (await takerAttempt(user, attemptId, at(0)))!;
    const deck = (await getPublishedDeck(DECK))!;
    const session = await restartSession(user.id, deck, "PRACTICE");
    const questions = await db.question.findMany({ where: { card: { deckId: deck.id }, active: true } });
    const practice = [];
    for (const question of questions.filter((q) => q.pool !== "EXAM")) {
      practice.push((await currentPracticeQuestion({ ...session, queue: [question.id] })).question!);
    }
    const storedIds = new Set(
      questions.flatMap((q) => Object.values(q.payload as Record<string, Choice[]>).flatMap((choices) => choices.map((c) => c.id))),
    );
    expect(storedIds.size).toBeGreaterThan(100);
    for (const shown of [...view.items.map((item) => item.payload), ...practice.map((q) => q.payload)]) {
      for (const choices of Object.values(shown as Record<string, Choice[]>)) {
        for (const { id } of choices) {
          expect(id).toMatch(/^[a-z2-7]{8}$/);
          expect(storedIds.has(id)).toBe(false);
        }
      }
    }
    const json = JSON.stringify({ view, practice });
    for (const id of storedIds) expect(json).not.toContain(`"id":"${id}"`);
  });
});
