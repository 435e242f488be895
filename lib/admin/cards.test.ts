import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { getPublishedDeck } from "../content/decks";
import { reviewQueue } from "../study/review";
import { at, createCard as createFixtureCard, createExam, DECK, MINUTE, seedPortal, t0 } from "../testing/fixtures";
import { createCard, getCardForEditing, updateCard } from "./cards";
import { CARD_BACK_MAX, CARD_FRONT_MAX, type CardResult } from "./cards.schema";
import { getDeck, reorderCards } from "./decks";
import type { ChangeResult } from "./result";

const t = messages().admin.cards.errors;

function succeeded(result: CardResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result;
}

const cardRow = (id: string) => db.card.findUniqueOrThrow({ where: { id }, select: { front: true, back: true, version: true } });

const auditOf = (entityId: string) =>
  db.auditLog.findMany({
    where: { entity: "card", entityId },
    select: { actorId: true, action: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

const options = (...texts: string[]) => ({ options: texts.map((text, index) => ({ id: "abcd"[index], text })) });

/** A new card of the seeded deck with a back and two questions (the second retired). */
async function card() {
  const created = await createFixtureCard([
    { type: "SINGLE", prompt: "Какой вариант верный?", payload: options("Первый", "Второй"), answerKey: { correct: ["a"] } },
    { type: "TRUE_FALSE", prompt: "Старый вопрос", payload: {}, answerKey: { value: true }, pool: "EXAM", active: false },
  ]);
  await db.card.update({ where: { id: created.card.id }, data: { back: "- первый пункт\n- второй пункт" } });
  return { ...created, card: { ...created.card, back: "- первый пункт\n- второй пункт" } };
}

describe("card editing", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;
  let employee: CurrentUser;
  let head: CurrentUser;
  let deckId: string;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
    employee = await viewer("employee@demo.local");
    head = await viewer("i.zasypkin@company.example");
    deckId = (await db.deck.findUniqueOrThrow({ where: { slug: DECK } })).id;
  });

  it("saves with the version the editor started from, bumps the version and records before and after", async () => {
    const { card: created } = await card();
    const result = succeeded(
      await updateCard(hr, { deckId, cardId: created.id, front: "  Новая тема  ", back: "## Заголовок\n- пункт", version: 1, change: "editorial" }),
    );
    expect(result).toEqual({ ok: true, id: created.id, version: 2 });
    expect(await cardRow(created.id)).toEqual({ front: "Новая тема", back: "## Заголовок\n- пункт", version: 2 });
    expect(await auditOf(created.id)).toEqual([
      {
        actorId: hr.id,
        action: "card.update",
        before: { front: created.front, back: "- первый пункт\n- второй пункт", version: 1 },
        after: { front: "Новая тема", back: "## Заголовок\n- пункт", version: 2, change: "editorial" },
      },
    ]);

    // The next save starts from version 2; an admin may edit too.
    expect(succeeded(await updateCard(admin, { deckId, cardId: created.id, front: "Новая тема", back: "текст", version: 2, change: "editorial" })).version).toBe(3);
    expect(await auditOf(created.id)).toHaveLength(2);
  });

  it("saving the same text again changes nothing", async () => {
    const { card: created } = await card();
    expect(await updateCard(hr, { deckId, cardId: created.id, front: created.front, back: created.back, version: 1, change: "editorial" })).toEqual({
      ok: true,
      id: created.id,
      version: 1,
    });
    expect((await cardRow(created.id)).version).toBe(1);
    expect(await auditOf(created.id)).toEqual([]);
  });

  it("a stale version is a conflict with the current text, and nothing is written", async () => {
    const { card: created } = await card();
    succeeded(await updateCard(hr, { deckId, cardId: created.id, front: "Версия коллеги", back: "текст коллеги", version: 1, change: "editorial" }));
    const audit = await db.auditLog.count();

    const result = await updateCard(admin, { deckId, cardId: created.id, front: "Моя версия", back: "мой текст", version: 1, change: "editorial" });
    expect(result).toEqual({ ok: false, error: "conflict", current: { front: "Версия коллеги", back: "текст коллеги", version: 2 } });
    expect(await cardRow(created.id)).toEqual({ front: "Версия коллеги", back: "текст коллеги", version: 2 });
    expect(await db.auditLog.count()).toBe(audit);

    // A version from the future is no better: only the stored one saves.
    expect(await updateCard(admin, { deckId, cardId: created.id, front: "Моя версия", back: "мой текст", version: 3, change: "editorial" })).toMatchObject({
      ok: false,
      error: "conflict",
    });
    // "Keep mine": saving again with the current version overwrites, knowingly.
    expect(succeeded(await updateCard(admin, { deckId, cardId: created.id, front: "Моя версия", back: "мой текст", version: 2, change: "editorial" })).version).toBe(3);
    expect(await cardRow(created.id)).toEqual({ front: "Моя версия", back: "мой текст", version: 3 });
  });

  it("an editorial edit keeps every employee's scheduling state and review history for the card", async () => {
    const { card: created } = await card();
    const due = new Date(t0.getTime() + 3 * 24 * 60 * MINUTE);
    const schedule = { due, stability: 3.2, difficulty: 5.1, scheduledDays: 3, learningSteps: 0, state: 2 };
    await db.cardState.create({ data: { userId: employee.id, cardId: created.id, ...schedule, reps: 2, lapses: 1, lastReview: t0 } });
    await db.reviewLog.createMany({
      data: [
        { userId: employee.id, cardId: created.id, rating: 3, ...schedule, reviewedAt: t0 },
        { userId: employee.id, cardId: created.id, rating: 1, ...schedule, reviewedAt: new Date(t0.getTime() + MINUTE) },
      ],
    });
    const studied = async () => ({
      states: await db.cardState.findMany({ where: { cardId: created.id }, omit: { updatedAt: true } }),
      logs: await db.reviewLog.findMany({ where: { cardId: created.id }, orderBy: { id: "asc" } }),
    });
    const before = await studied();
    expect(before.logs).toHaveLength(2);

    succeeded(await updateCard(hr, { deckId, cardId: created.id, front: "Переписанная тема", back: "- совсем другой текст", version: 1, change: "editorial" }));
    expect(await studied()).toEqual(before);
  });

  it("a change of the text must say whether it is substantive or editorial; the audit records which", async () => {
    const { card: created } = await card();
    const ids = { deckId, cardId: created.id, version: 1 };
    expect(await updateCard(hr, { ...ids, front: created.front, back: "- первый пункт\n- третий пункт" })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { change: [t.changeKindRequired] },
    });
    expect(await updateCard(hr, { ...ids, front: created.front, back: "x", change: "важная" as "editorial" })).toMatchObject({
      error: "invalid",
      fieldErrors: { change: [t.changeKindRequired] },
    });
    expect(await cardRow(created.id)).toMatchObject({ version: 1 });

    succeeded(await updateCard(hr, { ...ids, front: created.front, back: "- первый пункт\n- третий пункт", change: "substantive" }));
    succeeded(await updateCard(hr, { ...ids, version: 2, front: created.front, back: "- Первый пункт\n- третий пункт", change: "editorial" }));
    expect((await auditOf(created.id)).map((entry) => (entry.after as { change: string }).change)).toEqual(["substantive", "editorial"]);
  });

  it("an editorial change triggers nothing: no change kept, nobody's queue touched", async () => {
    const { card: created } = await card();
    const due = new Date(Date.now() + 5 * 24 * 60 * MINUTE);
    await db.cardState.create({
      data: { userId: employee.id, cardId: created.id, due, stability: 5, difficulty: 5, scheduledDays: 5, learningSteps: 0, reps: 3, lapses: 0, state: 2, lastReview: t0 },
    });
    succeeded(await updateCard(hr, { deckId, cardId: created.id, front: created.front, back: "- первый пункт\n- второй  пункт", version: 1, change: "editorial" }));
    expect(await db.cardChange.count({ where: { cardId: created.id } })).toBe(0);
    expect(await db.cardState.findMany({ where: { cardId: created.id }, select: { userId: true, due: true, changedAt: true } })).toEqual([
      { userId: employee.id, due, changedAt: null },
    ]);
  });

  it("a substantive change is kept and puts the card, due now, in the queue of exactly those who studied it or passed an exam with it", async () => {
    const { card: created } = await card();
    const { card: otherCard } = await createFixtureCard([]);
    const users = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
    const [engineer, analyst, gone] = [await users("engineer@demo.local"), await users("analyst@demo.local"), (await db.user.create({ data: { email: "left@demo.local", name: "Ушедший" } })).id];
    const later = new Date(Date.now() + 5 * 24 * 60 * MINUTE);
    const schedule = { stability: 5, difficulty: 5, scheduledDays: 5, learningSteps: 0, reps: 3, lapses: 0, state: 2, lastReview: t0 };
    // employee studied the card; head studied only another card; a review without a card state counts too.
    await db.cardState.create({ data: { userId: employee.id, cardId: created.id, due: later, ...schedule } });
    await db.cardState.create({ data: { userId: head.id, cardId: otherCard.id, due: later, ...schedule } });
    await db.reviewLog.create({ data: { userId: gone, cardId: created.id, rating: 3, state: 0, due: later, stability: 1, difficulty: 5, scheduledDays: 1, learningSteps: 0 } });
    // engineer passed an exam with the card; analyst failed it and passed one without it.
    const withCard = await createExam({ cardIds: [created.id, otherCard.id] });
    const withoutCard = await createExam({ cardIds: [otherCard.id] });
    const attempt = (userId: string, examId: string, passed: boolean) =>
      db.attempt.create({ data: { userId, examId, startedAt: t0, deadline: at(30 * MINUTE), status: "SUBMITTED", percent: passed ? 100 : 10, passed } });
    await attempt(engineer, withCard.id, true);
    await attempt(analyst, withCard.id, false);
    await attempt(analyst, withoutCard.id, true);

    const before = Date.now();
    succeeded(await updateCard(hr, { deckId, cardId: created.id, front: created.front, back: "- первый пункт\n- новый второй пункт", version: 1, change: "substantive" }));
    const after = Date.now();

    const [kept] = await db.cardChange.findMany({ where: { cardId: created.id } });
    expect(kept).toMatchObject({ oldFront: created.front, oldBack: "- первый пункт\n- второй пункт", newFront: created.front, newBack: "- первый пункт\n- новый второй пункт", actorId: hr.id });
    const states = await db.cardState.findMany({ where: { cardId: created.id }, select: { userId: true, due: true, changedAt: true, reps: true } });
    expect(states.map((state) => state.userId).sort()).toEqual([employee.id, engineer, gone].sort());
    for (const state of states) {
      expect(state.due.getTime()).toBeGreaterThanOrEqual(before);
      expect(state.due.getTime()).toBeLessThanOrEqual(after);
      expect(state.changedAt).toEqual(kept.createdAt);
    }
    // The studied card keeps its history (reps), only its due date moves.
    expect(states.find((state) => state.userId === employee.id)?.reps).toBe(3);
    expect(await db.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: head.id, cardId: otherCard.id } } })).toMatchObject({ due: later, changedAt: null });
  });

  it("a card of another deck, or an unknown one, is not found", async () => {
    const { card: created } = await card();
    const other = await db.deck.create({ data: { slug: "other-deck", title: "Другая колода" } });
    expect(await getCardForEditing(hr, other.id, created.id)).toBeNull();
    expect(await getCardForEditing(hr, deckId, "no-such-card")).toBeNull();
    expect(await updateCard(hr, { deckId: other.id, cardId: created.id, front: "Чужая", back: "", version: 1, change: "editorial" })).toEqual({
      ok: false,
      error: "not-found",
    });
    expect(await updateCard(hr, { deckId, cardId: "no-such-card", front: "Нет", back: "", version: 1, change: "editorial" })).toEqual({ ok: false, error: "not-found" });
    expect(await cardRow(created.id)).toMatchObject({ version: 1 });
  });

  it("refuses bad input field by field", async () => {
    const { card: created } = await card();
    const ids = { deckId, cardId: created.id };
    expect(await updateCard(hr, { ...ids, front: "   ", back: "x".repeat(CARD_BACK_MAX + 1), version: 1, change: "editorial" })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { front: [t.frontRequired], back: [t.backTooLong(CARD_BACK_MAX)] },
    });
    expect(await updateCard(hr, { ...ids, front: "я".repeat(CARD_FRONT_MAX + 1), back: "", version: 1, change: "editorial" })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { front: [t.frontTooLong(CARD_FRONT_MAX)] },
    });
    expect(await updateCard(hr, { ...ids, front: "Тема", back: "", version: 0, change: "editorial" })).toMatchObject({ error: "invalid", fieldErrors: { version: [t.versionMissing] } });
    // The longest allowed values save.
    expect(succeeded(await updateCard(hr, { ...ids, front: "я".repeat(CARD_FRONT_MAX), back: "x".repeat(CARD_BACK_MAX), version: 1, change: "editorial" })).version).toBe(2);
  });

  it("shows the card with its deck and its questions, with statistics over all finished attempts", async () => {
    const { card: created, questions } = await card();
    const [single, retired] = questions;
    const exam = await createExam();
    const gone = await db.user.create({ data: { email: "gone@demo.local", name: "Уволенный", active: false } });
    const takers = [employee.id, head.id, hr.id, admin.id, gone.id];
    for (const [n, userId] of takers.entries()) {
      const startedAt = new Date(t0.getTime() + n * MINUTE);
      await db.attempt.create({
        data: {
          userId,
          examId: exam.id,
          startedAt,
          deadline: new Date(startedAt.getTime() + 30 * MINUTE),
          status: "SUBMITTED",
          percent: 100,
          items: {
            create: [
              {
                position: 0,
                questionId: single.id,
                questionVersion: 1,
                cardId: created.id,
                type: single.type,
                prompt: single.prompt,
                payload: single.payload ?? {},
                answerKey: single.answerKey ?? {},
                explanation: "",
                response: { choice: "a" },
                points: 1,
                correct: true,
              },
            ],
          },
        },
      });
    }

    const editing = await getCardForEditing(hr, deckId, created.id);
    expect(editing).toEqual({
      deck: { id: deckId, slug: DECK, title: expect.any(String) },
      card: { id: created.id, front: created.front, back: created.back, version: 1 },
      questions: [
        {
          id: single.id,
          prompt: single.prompt,
          type: "SINGLE",
          pool: "BOTH",
          active: true,
          // Five responses, a deactivated user's among them: enough for a flag.
          stats: { responses: 5, answered: 5, facility: 1, discrimination: null, flags: ["too-easy"] },
          // Depends on the seeded bank's texts: counted exactly in the next test.
          lint: { errors: expect.any(Number), warnings: expect.any(Number) },
        },
        { id: retired.id, prompt: "Старый вопрос", type: "TRUE_FALSE", pool: "EXAM", active: false, stats: null, lint: null },
      ],
    });
  });

  it("counts each active question's bank lint findings against its deck", async () => {
    const { card: created, questions } = await createFixtureCard([
      { type: "SHORT_TEXT", prompt: "Сколько копий хранит канцелярия?", payload: {}, answerKey: { accepted: ["одиннадцать копий"] }, pool: "EXAM" },
      { type: "TRUE_FALSE", prompt: "Канцелярия хранит одиннадцать копий.", payload: {}, answerKey: { value: true } },
      { type: "TRUE_FALSE", prompt: "Печать не ставят на копии.", payload: {}, answerKey: { value: true } },
      { type: "TRUE_FALSE", prompt: "Снятый вопрос про одиннадцать копий.", payload: {}, answerKey: { value: true }, active: false },
    ]);
    const editing = await getCardForEditing(hr, deckId, created.id);
    expect(editing!.questions.map((question) => [question.id, question.lint])).toEqual([
      [questions[0].id, { errors: 1, warnings: 0 }],
      [questions[1].id, { errors: 1, warnings: 0 }],
      [questions[2].id, { errors: 0, warnings: 1 }],
      [questions[3].id, null],
    ]);
  });

  it("is HR's and the admins': an employee and a head are refused", async () => {
    const { card: created } = await card();
    for (const who of [employee, head]) {
      await expect(getCardForEditing(who, deckId, created.id)).rejects.toBeInstanceOf(AccessDenied);
      await expect(updateCard(who, { deckId, cardId: created.id, front: "Взлом", back: "", version: 1 })).rejects.toBeInstanceOf(AccessDenied);
    }
    expect(await cardRow(created.id)).toMatchObject({ version: 1, front: created.front });
  });
});

describe("card creation", () => {
  let hr: CurrentUser;
  let employee: CurrentUser;
  let head: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    employee = await viewer("employee@demo.local");
    head = await viewer("i.zasypkin@company.example");
  });

  let decks = 0;
  /** A deck of its own with cards at the given positions. */
  async function deckWith(positions: number[], published = false) {
    decks++;
    const deck = await db.deck.create({ data: { slug: `new-cards-${decks}`, title: `Колода ${decks}`, published } });
    for (const [n, position] of positions.entries()) {
      await db.card.create({ data: { deckId: deck.id, key: `card-${n}`, front: `Тема ${n}`, back: "текст", position } });
    }
    return deck;
  }

  function createdId(result: ChangeResult) {
    if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
    return result.id;
  }

  const rowOf = (id: string) =>
    db.card.findUniqueOrThrow({ where: { id }, select: { deckId: true, key: true, front: true, back: true, position: true, version: true } });
  const unchanged = async () => ({ cards: await db.card.count(), audit: await db.auditLog.count() });

  it("adds the card at the end of the deck with a key from its front, and audits it", async () => {
    const deck = await deckWith([0, 1, 5]);
    const id = createdId(await createCard(hr, { deckId: deck.id, front: "  Кассовые операции ", back: "## Главное\n- пункт" }));
    expect(await rowOf(id)).toEqual({ deckId: deck.id, key: "kassovye-operatsii", front: "Кассовые операции", back: "## Главное\n- пункт", position: 6, version: 1 });
    expect((await getDeck(hr, deck.id))!.cards.at(-1)).toMatchObject({ id, key: "kassovye-operatsii", front: "Кассовые операции" });
    expect(await auditOf(id)).toEqual([
      {
        actorId: hr.id,
        action: "card.create",
        before: null,
        after: { deck: deck.slug, key: "kassovye-operatsii", front: "Кассовые операции", back: "## Главное\n- пункт", position: 6 },
      },
    ]);

    const empty = await deckWith([]);
    expect((await rowOf(createdId(await createCard(hr, { deckId: empty.id, front: "Первая", back: "текст" })))).position).toBe(0);
  });

  it("gives a front whose key is taken in the deck a suffix; another deck may have the same key", async () => {
    const deck = await deckWith([0]);
    const keys = [];
    for (const front of ["Тема 0", "Тема 0", "тема  0!", "???"]) {
      keys.push((await rowOf(createdId(await createCard(hr, { deckId: deck.id, front, back: "текст" })))).key);
    }
    // The deck's card-0 is "card-0", not "tema-0": the first new one keeps the plain key.
    expect(keys).toEqual(["tema-0", "tema-0-2", "tema-0-3", "card"]);
    const other = await deckWith([]);
    expect((await rowOf(createdId(await createCard(hr, { deckId: other.id, front: "Тема 0", back: "текст" })))).key).toBe("tema-0");
  });

  it("two cards created at once with the same front get different keys and positions", async () => {
    const deck = await deckWith([0]);
    const results = await Promise.all([1, 2, 3].map(() => createCard(hr, { deckId: deck.id, front: "Одновременно", back: "текст" })));
    const rows = await Promise.all(results.map((result) => rowOf(createdId(result))));
    expect(rows.map((row) => row.key).sort()).toEqual(["odnovremenno", "odnovremenno-2", "odnovremenno-3"]);
    expect(rows.map((row) => row.position).sort()).toEqual([1, 2, 3]);
  });

  it("leaves the deck's version alone; a card order loaded before the new card is refused as stale", async () => {
    const deck = await deckWith([0, 1]);
    const loaded = (await getDeck(hr, deck.id))!;
    const id = createdId(await createCard(hr, { deckId: deck.id, front: "Новая", back: "текст" }));
    expect((await getDeck(hr, deck.id))!.version).toBe(loaded.version);
    const stale = loaded.cards.map((card) => card.id).reverse();
    expect(await reorderCards(hr, { deckId: deck.id, cardIds: stale })).toMatchObject({ ok: false, error: "invalid" });
    expect(await reorderCards(hr, { deckId: deck.id, cardIds: [id, ...stale] })).toEqual({ ok: true, id: deck.id });
    expect((await getDeck(hr, deck.id))!.cards.map((card) => card.id)).toEqual([id, ...stale]);
  });

  it("refuses bad input field by field and an unknown deck, writing nothing", async () => {
    const deck = await deckWith([0]);
    const before = await unchanged();
    expect(await createCard(hr, { deckId: deck.id, front: "  ", back: " \n " })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { front: [t.frontRequired], back: [t.backRequired] },
    });
    expect(await createCard(hr, { deckId: deck.id, front: "я".repeat(CARD_FRONT_MAX + 1), back: "x".repeat(CARD_BACK_MAX + 1) })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { front: [t.frontTooLong(CARD_FRONT_MAX)], back: [t.backTooLong(CARD_BACK_MAX)] },
    });
    expect(await createCard(hr, { deckId: "no-such-deck", front: "Тема", back: "текст" })).toEqual({ ok: false, error: "not-found" });
    expect(await unchanged()).toEqual(before);
    // The longest allowed values save.
    createdId(await createCard(hr, { deckId: deck.id, front: "я".repeat(CARD_FRONT_MAX), back: "x".repeat(CARD_BACK_MAX) }));
  });

  it("a card added to a published deck comes to an employee as a new card", async () => {
    const deck = await deckWith([0], true);
    const [studied] = (await getPublishedDeck(deck.slug))!.cards;
    const now = new Date();
    const inTenDays = new Date(now.getTime() + 10 * 24 * 60 * MINUTE);
    await db.cardState.create({
      data: { userId: employee.id, cardId: studied.id, due: inTenDays, stability: 10, difficulty: 5, scheduledDays: 10, learningSteps: 0, reps: 3, lapses: 0, state: 2, lastReview: now },
    });
    expect((await reviewQueue(employee.id, (await getPublishedDeck(deck.slug))!, now)).next).toBeNull();

    const id = createdId(await createCard(hr, { deckId: deck.id, front: "Свежая тема", back: "- новый факт" }));
    const queue = await reviewQueue(employee.id, (await getPublishedDeck(deck.slug))!, now);
    expect(queue.next).toMatchObject({ cardId: id, kind: "new" });
    expect(queue.newToday).toBe(1);
  });

  it("is HR's and the admins': an employee and a head are refused", async () => {
    const deck = await deckWith([0]);
    const before = await unchanged();
    for (const who of [employee, head]) {
      await expect(createCard(who, { deckId: deck.id, front: "Взлом", back: "текст" })).rejects.toBeInstanceOf(AccessDenied);
    }
    expect(await unchanged()).toEqual(before);
  });
});
