import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { startAttempt, submitAttempt } from "../exams/attempts";
import { createExam as insertExam, seedPortal, started, taker } from "../testing/fixtures";
import {
  createExam,
  deleteExam,
  getExamForEditing,
  listDeckChoices,
  listExams,
  setExamPublished,
  updateExam,
} from "./exams";
import type { ExamResult, ExamSettingsInput } from "./exams.schema";
import { RECHECK_DAYS_MAX } from "../exams/rules";

const t = messages().admin.examEditor.errors;

function succeeded(result: ExamResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result;
}

function refusal(result: ExamResult) {
  if (result.ok || result.error !== "invalid") throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result.fieldErrors;
}

const auditOf = (entityId: string) =>
  db.auditLog.findMany({
    where: { entity: "exam", entityId },
    select: { actorId: true, action: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

/** The exams, their cards and assignments and the audit log: what a refused change must leave as it was. */
async function snapshot() {
  return {
    exams: await db.exam.findMany({ orderBy: { id: "asc" } }),
    examCards: await db.examCard.findMany({ orderBy: [{ examId: "asc" }, { cardId: "asc" }] }),
    assignments: await db.assignment.count(),
    audit: await db.auditLog.count(),
  };
}

let deckCount = 0;
/**
 * A deck of its own: one card per entry, each with that many active exam-pool questions
 * (alternately EXAM and BOTH), plus a practice-only and a retired exam question that
 * must never count.
 */
async function deckWithPool(examQuestions: number[], fields: { archived?: boolean } = {}) {
  deckCount++;
  const deck = await db.deck.create({
    data: { slug: `exam-test-deck-${deckCount}`, title: `Колода экзаменов ${deckCount}`, archived: fields.archived ?? false },
  });
  const cards = [];
  for (const [position, count] of examQuestions.entries()) {
    const card = await db.card.create({
      data: { deckId: deck.id, key: `card-${position}`, front: `Тема ${deckCount}.${position + 1}`, back: "", position },
    });
    const question = (n: number, pool: "EXAM" | "BOTH" | "PRACTICE", active = true) => ({
      key: `d${deckCount}-c${position}-q${n}`,
      cardId: card.id,
      type: "TRUE_FALSE" as const,
      prompt: `Вопрос ${n}`,
      payload: {},
      answerKey: { value: true },
      explanation: "",
      pool,
      active,
      position: n,
    });
    await db.question.createMany({
      data: [
        ...Array.from({ length: count }, (_, n) => question(n, n % 2 ? "EXAM" : "BOTH")),
        question(100, "PRACTICE"),
        question(101, "EXAM", false),
      ],
    });
    cards.push(card);
  }
  return { id: deck.id, slug: deck.slug, cards };
}

/** Valid settings over all cards of the deck, one question per card; `changes` replace fields. */
function settings(deckId: string, changes: Partial<ExamSettingsInput> = {}): ExamSettingsInput {
  return {
    title: "Экзамен по кассе",
    description: "Описание",
    deckId,
    cards: "all",
    questionsPerCard: 1,
    questionCount: null,
    timeLimitMinutes: "45",
    passPercent: "80",
    attemptsAllowed: "2",
    opensAt: "",
    closesAt: "",
    reviewPolicy: "BREAKDOWN",
    reviewTiming: "AFTER_LAST_ATTEMPT",
    shuffleQuestions: true,
    shuffleOptions: true,
    navigation: "FREE",
    multipleScoring: "ALL_OR_NOTHING",
    ...changes,
  };
}

describe("exam editing", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;
  let employee: CurrentUser;
  let head: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
    employee = await viewer("employee@demo.local");
    head = await viewer("i.zasypkin@company.example");
  });

  it("creates an exam with every setting, its cards as ExamCard rows, a key from the title, and audits it", async () => {
    const deck = await deckWithPool([2, 2, 2]);
    const { id } = succeeded(
      await createExam(
        hr,
        settings(deck.id, {
          title: "  Кассовые операции ",
          cards: [deck.cards[2].id, deck.cards[0].id],
          questionsPerCard: null,
          questionCount: "3",
          attemptsAllowed: "unlimited",
          opensAt: "2026-12-01T09:00",
          closesAt: "2026-12-20T18:30",
          reviewPolicy: "FULL",
          reviewTiming: "AFTER_CLOSE",
          shuffleQuestions: false,
          shuffleOptions: false,
          navigation: "SEQUENTIAL",
          multipleScoring: "PROPORTIONAL",
        }),
      ),
    );
    const exam = await db.exam.findUniqueOrThrow({ where: { id }, include: { cards: true } });
    expect(exam).toMatchObject({
      key: "kassovye-operatsii",
      title: "Кассовые операции",
      description: "Описание",
      questionsPerCard: null,
      questionCount: 3,
      timeLimitSeconds: 45 * 60,
      passPercent: 80,
      attemptsAllowed: null,
      reviewPolicy: "FULL",
      reviewTiming: "AFTER_CLOSE",
      shuffleQuestions: false,
      shuffleOptions: false,
      navigation: "SEQUENTIAL",
      multipleScoring: "PROPORTIONAL",
      published: false,
      version: 1,
    });
    // Entered as Moscow wall-clock time (UTC+3).
    expect(exam.opensAt?.toISOString()).toBe("2026-12-01T06:00:00.000Z");
    expect(exam.closesAt?.toISOString()).toBe("2026-12-20T15:30:00.000Z");
    expect(exam.cards.map((card) => card.cardId).sort()).toEqual([deck.cards[0].id, deck.cards[2].id].sort());
    expect(await auditOf(id)).toEqual([
      {
        actorId: hr.id,
        action: "exam.create",
        before: null,
        after: expect.objectContaining({ key: "kassovye-operatsii", deck: deck.slug, cards: ["card-0", "card-2"], questionCount: 3, published: false }),
      },
    ]);

    // The same title again gets the next free key; an admin may create exams too.
    const again = succeeded(await createExam(admin, { ...settings(deck.id, { title: "Кассовые операции" }), published: true }));
    expect(await db.exam.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({ key: "kassovye-operatsii-2", published: true });
    expect(await db.examCard.count({ where: { examId: again.id } })).toBe(3);
  });

  it("refuses a key that is taken or malformed", async () => {
    const deck = await deckWithPool([1]);
    succeeded(await createExam(hr, { ...settings(deck.id), key: "taken-key" }));
    const before = await snapshot();
    expect(refusal(await createExam(hr, { ...settings(deck.id), key: "taken-key" }))).toEqual({ key: [t.keyTaken] });
    expect(refusal(await createExam(hr, { ...settings(deck.id), key: "Кириллица" }))).toEqual({ key: [t.keyInvalid] });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses every invalid field with a Russian message on that field, writing nothing", async () => {
    const deck = await deckWithPool([2, 2]);
    const other = await deckWithPool([2]);
    const before = await snapshot();
    const cases: [Partial<ExamSettingsInput>, Record<string, string[]>][] = [
      [{ title: "   " }, { title: [t.titleRequired] }],
      [{ description: "д".repeat(2001) }, { description: [t.descriptionTooLong(2000)] }],
      [{ deckId: "" }, { deckId: [t.deckMissing] }],
      [{ cards: [] }, { cards: [t.cardsMissing] }],
      [{ timeLimitMinutes: "0" }, { timeLimitMinutes: [t.timeLimitInvalid(600)] }],
      [{ timeLimitMinutes: "601" }, { timeLimitMinutes: [t.timeLimitInvalid(600)] }],
      [{ timeLimitMinutes: "1,5" }, { timeLimitMinutes: [t.timeLimitInvalid(600)] }],
      [{ passPercent: "101" }, { passPercent: [t.passPercentInvalid] }],
      [{ passPercent: "" }, { passPercent: [t.passPercentInvalid] }],
      [{ attemptsAllowed: "0" }, { attemptsAllowed: [t.attemptsInvalid] }],
      [{ questionsPerCard: "" }, { questionsPerCard: [t.questionsPerCardInvalid] }],
      [{ questionsPerCard: null, questionCount: "0" }, { questionCount: [t.questionCountInvalid] }],
      [{ questionsPerCard: 1, questionCount: 2 }, { questionCount: [t.countBoth] }],
      [{ questionsPerCard: null, questionCount: null }, { questionsPerCard: [t.countMissing] }],
      [{ opensAt: "2026-02-31T10:00" }, { opensAt: [t.opensAtInvalid] }],
      [{ closesAt: "завтра" }, { closesAt: [t.closesAtInvalid] }],
      [{ opensAt: "2026-12-01T10:00", closesAt: "2026-12-01T10:00" }, { closesAt: [t.closesBeforeOpens] }],
      [{ opensAt: "2026-12-02T10:00", closesAt: "2026-12-01T10:00" }, { closesAt: [t.closesBeforeOpens] }],
      [{ reviewTiming: "AFTER_CLOSE" }, { reviewTiming: [t.reviewAfterCloseNeedsClose] }],
      [{ reviewTiming: "AFTER_FIRST_ATTEMPT" as never }, { reviewTiming: [t.choiceMissing] }],
      [{ reviewPolicy: "ALL" as never }, { reviewPolicy: [t.choiceMissing] }],
      [{ navigation: "RANDOM" as never }, { navigation: [t.choiceMissing] }],
      [{ multipleScoring: "" as never }, { multipleScoring: [t.choiceMissing] }],
      [{ deckId: "no-such-deck" }, { deckId: [t.deckGone] }],
      [{ cards: [deck.cards[0].id, other.cards[0].id] }, { cards: [t.cardsForeign] }],
    ];
    for (const [changes, errors] of cases) {
      expect(refusal(await createExam(hr, settings(deck.id, changes))), JSON.stringify(changes)).toEqual(errors);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("needs enough active exam-pool questions on every chosen card, or in total (the content files' rule)", async () => {
    // Each card also has a practice-only and a retired exam question, which do not count.
    const deck = await deckWithPool([3, 1, 2]);
    const [first, second] = deck.cards;
    const before = await snapshot();
    expect(refusal(await createExam(hr, settings(deck.id, { questionsPerCard: "2" })))).toEqual({
      questionsPerCard: [t.poolPerCard(second.front, 1, 2)],
    });
    expect(refusal(await createExam(hr, settings(deck.id, { questionsPerCard: "4" })))).toEqual({
      questionsPerCard: [t.poolPerCard(first.front, 3, 4), t.poolPerCard(second.front, 1, 4), t.poolPerCard(deck.cards[2].front, 2, 4)],
    });
    expect(refusal(await createExam(hr, settings(deck.id, { questionsPerCard: null, questionCount: "7" })))).toEqual({
      questionCount: [t.poolTotal(6, 7)],
    });
    expect(refusal(await createExam(hr, settings(deck.id, { cards: [first.id, second.id], questionsPerCard: null, questionCount: 5 })))).toEqual({
      questionCount: [t.poolTotal(4, 5)],
    });
    expect(await snapshot()).toEqual(before);

    succeeded(await createExam(hr, settings(deck.id, { questionsPerCard: "1" })));
    succeeded(await createExam(hr, settings(deck.id, { cards: [first.id, deck.cards[2].id], questionsPerCard: "2" })));
    succeeded(await createExam(hr, settings(deck.id, { questionsPerCard: null, questionCount: "6" })));
  });

  it("loads an exam as the form shows it; saving it unchanged writes nothing", async () => {
    const deck = await deckWithPool([2, 2]);
    const { id } = succeeded(
      await createExam(hr, settings(deck.id, { opensAt: "2026-12-01T09:00", closesAt: "2026-12-31T18:00", attemptsAllowed: "unlimited" })),
    );
    const exam = (await getExamForEditing(hr, id))!;
    expect(exam).toMatchObject({
      id,
      key: expect.stringMatching(/^ekzamen-po-kasse/),
      version: 1,
      published: false,
      deckId: deck.id,
      cards: "all",
      questionsPerCard: 1,
      questionCount: null,
      timeLimitMinutes: 45,
      passPercent: 80,
      attemptsAllowed: "unlimited",
      opensAt: "2026-12-01T09:00",
      closesAt: "2026-12-31T18:00",
      reviewPolicy: "BREAKDOWN",
      reviewTiming: "AFTER_LAST_ATTEMPT",
      attemptCount: 0,
      inProgressCount: 0,
    });
    const before = await snapshot();
    expect(succeeded(await updateExam(hr, { ...exam, id, version: 1 })).version).toBe(1);
    expect(await snapshot()).toEqual(before);
    expect(await getExamForEditing(hr, "no-such-exam")).toBeNull();
  });

  it("saves the days to re-confirm after a substantive change (empty: no re-check), shows them back, and refuses a bad number", async () => {
    const deck = await deckWithPool([2, 2]);
    const { id } = succeeded(await createExam(hr, settings(deck.id, { recheckDays: "14" })));
    expect(await db.exam.findUniqueOrThrow({ where: { id } })).toMatchObject({ recheckDays: 14 });
    const exam = (await getExamForEditing(hr, id))!;
    expect(exam.recheckDays).toBe(14);
    expect(succeeded(await updateExam(hr, { ...exam, recheckDays: "", id, version: 1 })).version).toBe(2);
    expect(await db.exam.findUniqueOrThrow({ where: { id } })).toMatchObject({ recheckDays: null });
    for (const bad of ["0", "366", "две недели"]) {
      expect(refusal(await updateExam(hr, { ...exam, recheckDays: bad, id, version: 2 }))).toEqual({ recheckDays: [t.recheckDaysInvalid(RECHECK_DAYS_MAX)] });
    }
    // Left out, as before re-checks existed: none.
    const { id: plain } = succeeded(await createExam(hr, settings(deck.id)));
    expect(await db.exam.findUniqueOrThrow({ where: { id: plain } })).toMatchObject({ recheckDays: null });
  });

  it("saves changed settings and cards, bumps the version and audits before and after", async () => {
    const deck = await deckWithPool([2, 2, 2]);
    const { id } = succeeded(await createExam(hr, settings(deck.id)));
    const saved = succeeded(
      await updateExam(hr, {
        ...settings(deck.id, { title: "Новое название", cards: [deck.cards[1].id], questionsPerCard: 2, passPercent: 70, attemptsAllowed: 3, reviewTiming: "AFTER_EACH_ATTEMPT" }),
        id,
        version: 1,
      }),
    );
    expect(saved.version).toBe(2);
    expect(await db.exam.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Новое название", questionsPerCard: 2, passPercent: 70, attemptsAllowed: 3, reviewTiming: "AFTER_EACH_ATTEMPT", version: 2 });
    expect((await getExamForEditing(hr, id))!.reviewTiming).toBe("AFTER_EACH_ATTEMPT");
    expect((await db.examCard.findMany({ where: { examId: id } })).map((row) => row.cardId)).toEqual([deck.cards[1].id]);
    expect((await getExamForEditing(hr, id))!.cards).toEqual([deck.cards[1].id]);
    const [, update] = await auditOf(id);
    expect(update).toMatchObject({
      actorId: hr.id,
      action: "exam.update",
      before: { title: "Экзамен по кассе", cards: ["card-0", "card-1", "card-2"], passPercent: 80, attemptsAllowed: 2, reviewTiming: "AFTER_LAST_ATTEMPT", version: 1 },
      after: { title: "Новое название", cards: ["card-1"], passPercent: 70, attemptsAllowed: 3, reviewTiming: "AFTER_EACH_ATTEMPT", version: 2 },
    });
  });

  it("answers a save over a newer version with the stored settings and writes nothing", async () => {
    const deck = await deckWithPool([2]);
    const { id } = succeeded(await createExam(hr, settings(deck.id)));
    succeeded(await updateExam(admin, { ...settings(deck.id, { title: "Сохранил администратор" }), id, version: 1 }));
    const before = await snapshot();
    const result = await updateExam(hr, { ...settings(deck.id, { title: "Моё название", passPercent: 90 }), id, version: 1 });
    expect(result).toEqual({
      ok: false,
      error: "conflict",
      current: expect.objectContaining({ title: "Сохранил администратор", passPercent: 80, version: 2 }),
    });
    expect(await snapshot()).toEqual(before);
    expect(await updateExam(hr, { ...settings(deck.id), id: "no-such-exam", version: 1 })).toEqual({ ok: false, error: "not-found" });
  });

  it("while an attempt runs refuses changing the pass percent, scoring and navigation, and leaves the attempt as it started", async () => {
    const exam = await insertExam({ questionsPerCard: 1, passPercent: 80, timeLimitSeconds: 600 });
    const deckId = (await db.deck.findUniqueOrThrow({ where: { slug: "attestation-prep" } })).id;
    const loaded = (await getExamForEditing(hr, exam.id))!;
    const learner = await taker("employee@demo.local");
    const attemptId = started(await startAttempt(learner, exam.id));
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, include: { items: { orderBy: { position: "asc" } } } });
    expect((await getExamForEditing(hr, exam.id))!.inProgressCount).toBe(1);

    const before = await snapshot();
    const base = { ...loaded, id: exam.id, version: exam.version };
    expect(refusal(await updateExam(hr, { ...base, passPercent: 60 }))).toEqual({ passPercent: [t.frozenWhileRunning(1)] });
    expect(refusal(await updateExam(hr, { ...base, multipleScoring: "PROPORTIONAL", navigation: "SEQUENTIAL" }))).toEqual({
      multipleScoring: [t.frozenWhileRunning(1)],
      navigation: [t.frozenWhileRunning(1)],
    });
    expect(await snapshot()).toEqual(before);

    // Other settings may change; the running attempt keeps its deadline and its questions.
    const firstCard = (await db.card.findFirstOrThrow({ where: { deckId }, orderBy: { position: "asc" } })).id;
    succeeded(await updateExam(hr, { ...base, timeLimitMinutes: 1, cards: [firstCard], title: "Переименован" }));
    const after = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, include: { items: { orderBy: { position: "asc" } } } });
    expect(after.deadline).toEqual(attempt.deadline);
    expect(after.items).toEqual(attempt.items);

    // Once it is finished, the pass percent may change; its stored result stays.
    await submitAttempt(learner, attemptId);
    const finished = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    const current = (await getExamForEditing(hr, exam.id))!;
    succeeded(await updateExam(hr, { ...current, id: exam.id, passPercent: 0 }));
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toEqual(finished);
  });

  it("keeps the deck of an exam that has attempts, but lets its cards within the deck change", async () => {
    const exam = await insertExam({ questionsPerCard: 1 });
    const other = await deckWithPool([1]);
    const learner = await taker("employee@demo.local");
    await submitAttempt(learner, started(await startAttempt(learner, exam.id)));
    const loaded = (await getExamForEditing(hr, exam.id))!;
    const base = { ...loaded, id: exam.id };
    expect(refusal(await updateExam(hr, { ...base, deckId: other.id, cards: "all" }))).toEqual({ deckId: [t.deckFrozen(1)] });
    const [card] = await db.card.findMany({ where: { deck: { slug: "attestation-prep" } }, orderBy: { position: "asc" }, take: 1 });
    succeeded(await updateExam(hr, { ...base, cards: [card.id] }));
  });

  it("publishes and unpublishes with an audit entry; publishing checks the exam pool again", async () => {
    const deck = await deckWithPool([2, 2]);
    const { id } = succeeded(await createExam(hr, settings(deck.id, { questionsPerCard: 2 })));
    succeeded(await setExamPublished(hr, { id, published: true }));
    succeeded(await setExamPublished(hr, { id, published: false }));
    expect((await db.exam.findUniqueOrThrow({ where: { id } })).published).toBe(false);
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual(["exam.create", "exam.publish", "exam.unpublish"]);

    // A question retired since the exam was saved: too few left on that card.
    await db.question.updateMany({ where: { cardId: deck.cards[1].id, pool: "BOTH" }, data: { active: false } });
    const before = await snapshot();
    expect(refusal(await setExamPublished(hr, { id, published: true }))).toEqual({ published: [t.poolPerCard(deck.cards[1].front, 1, 2)] });
    expect(await snapshot()).toEqual(before);
    expect(await setExamPublished(hr, { id: "no-such-exam", published: true })).toEqual({ ok: false, error: "not-found" });
  });

  it("deletes an exam nobody took together with its assignments, and refuses one with attempts", async () => {
    const unused = await insertExam({ questionsPerCard: 1 });
    expect(await db.assignment.count({ where: { examId: unused.id } })).toBe(1);
    expect(succeeded(await deleteExam(hr, { id: unused.id })).outcome).toBe("deleted");
    expect(await db.exam.findUnique({ where: { id: unused.id } })).toBeNull();
    expect(await db.assignment.count({ where: { examId: unused.id } })).toBe(0);
    const [entry] = await auditOf(unused.id);
    expect(entry).toMatchObject({
      action: "exam.delete",
      after: null,
      before: { key: unused.key, assignments: [{ department: { key: "back-office" }, dueAt: null }] },
    });

    const taken = await insertExam({ questionsPerCard: 1 });
    const learner = await taker("employee@demo.local");
    started(await startAttempt(learner, taken.id));
    const before = await snapshot();
    expect(refusal(await deleteExam(hr, { id: taken.id }))).toEqual({ id: [t.hasAttempts(1)] });
    expect(await snapshot()).toEqual(before);
    expect(await deleteExam(hr, { id: "no-such-exam" })).toEqual({ ok: false, error: "not-found" });
  });

  it("lists exams with their deck, questions per attempt and attempts so far", async () => {
    const deck = await deckWithPool([2, 2, 2]);
    const { id } = succeeded(await createExam(hr, settings(deck.id, { title: "Список: по карточкам", questionsPerCard: 2 })));
    const total = succeeded(await createExam(hr, settings(deck.id, { title: "Список: всего", questionsPerCard: null, questionCount: 5 })));
    const taken = await insertExam({ questionsPerCard: 1 });
    const learner = await taker("employee@demo.local");
    started(await startAttempt(learner, taken.id));
    const list = await listExams(hr);
    expect(list.find((exam) => exam.id === id)).toEqual({
      id,
      key: expect.any(String),
      title: "Список: по карточкам",
      published: false,
      deck: { id: deck.id, title: expect.stringMatching(/^Колода экзаменов/) },
      questionTotal: 6,
      attemptCount: 0,
    });
    expect(list.find((exam) => exam.id === total.id)?.questionTotal).toBe(5);
    expect(list.find((exam) => exam.id === taken.id)).toMatchObject({ attemptCount: 1, deck: { title: expect.any(String) } });
  });

  it("saves a total spread over the cards by weight, shows it back, audits the weights, and refuses a spread without a total", async () => {
    const deck = await deckWithPool([4, 4, 4]);
    const [first, second, third] = deck.cards;
    const { id } = succeeded(
      await createExam(
        hr,
        settings(deck.id, { questionsPerCard: null, questionCount: "6", cardWeighting: "CUSTOM", cardWeights: { [first.id]: "3", [second.id]: 2 } }),
      ),
    );
    expect(await db.exam.findUniqueOrThrow({ where: { id } })).toMatchObject({ questionCount: 6, cardWeighting: "CUSTOM" });
    const weights = async () => Object.fromEntries((await db.examCard.findMany({ where: { examId: id } })).map((row) => [row.cardId, row.weight]));
    expect(await weights()).toEqual({ [first.id]: 3, [second.id]: 2, [third.id]: 1 });
    const exam = (await getExamForEditing(hr, id))!;
    expect(exam).toMatchObject({ cardWeighting: "CUSTOM", cardWeights: { [first.id]: 3, [second.id]: 2, [third.id]: 1 } });

    succeeded(await updateExam(hr, { ...exam, cardWeights: { ...exam.cardWeights, [third.id]: 5 }, id, version: 1 }));
    expect(await weights()).toEqual({ [first.id]: 3, [second.id]: 2, [third.id]: 5 });
    const [, update] = await auditOf(id);
    expect(update).toMatchObject({ before: { cardWeights: { "card-0": 3, "card-1": 2, "card-2": 1 } }, after: { cardWeights: { "card-0": 3, "card-1": 2, "card-2": 5 } } });

    const byLength = succeeded(await updateExam(hr, { ...exam, cardWeighting: "LENGTH", id, version: 2 }));
    expect(await db.exam.findUniqueOrThrow({ where: { id } })).toMatchObject({ cardWeighting: "LENGTH", version: byLength.version });

    const before = await snapshot();
    expect(refusal(await createExam(hr, settings(deck.id, { cardWeighting: "LENGTH" })))).toEqual({ cardWeighting: [t.weightingNeedsTotal] });
    expect(refusal(await createExam(hr, settings(deck.id, { questionsPerCard: null, questionCount: 3, cardWeighting: "CUSTOM", cardWeights: { [first.id]: 21 } })))).toEqual({
      cardWeights: [t.weightInvalid(20)],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("offers the decks with each card's active exam-pool questions; an archived deck only as the current one", async () => {
    const deck = await deckWithPool([3, 0]);
    const archived = await deckWithPool([1], { archived: true });
    const choices = await listDeckChoices(hr);
    expect(choices.find((choice) => choice.id === deck.id)?.cards.map((card) => card.examQuestions)).toEqual([3, 0]);
    expect(choices.some((choice) => choice.id === archived.id)).toBe(false);
    expect((await listDeckChoices(hr, archived.id)).some((choice) => choice.id === archived.id)).toBe(true);
  });

  it("refuses employees and heads everything", async () => {
    const deck = await deckWithPool([1]);
    const { id } = succeeded(await createExam(hr, settings(deck.id)));
    const before = await snapshot();
    for (const actor of [employee, head]) {
      await expect(listExams(actor)).rejects.toThrow(AccessDenied);
      await expect(getExamForEditing(actor, id)).rejects.toThrow(AccessDenied);
      await expect(listDeckChoices(actor)).rejects.toThrow(AccessDenied);
      await expect(createExam(actor, settings(deck.id))).rejects.toThrow(AccessDenied);
      await expect(updateExam(actor, { ...settings(deck.id, { title: "Чужое" }), id, version: 1 })).rejects.toThrow(AccessDenied);
      await expect(setExamPublished(actor, { id, published: true })).rejects.toThrow(AccessDenied);
      await expect(deleteExam(actor, { id })).rejects.toThrow(AccessDenied);
    }
    expect(await snapshot()).toEqual(before);
  });
});
