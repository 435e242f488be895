import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { answerKeySchema, questionPayloadSchema, type QuestionType } from "../content/question-data";
import { startAttempt } from "../exams/attempts";
import { attemptItems, createCard, createExam, DECK, seedPortal, started, taker } from "../testing/fixtures";
import type { QuestionForm } from "./question-form";
import { createQuestion, getQuestionForEditing, updateQuestion, type EditableQuestion, type QuestionResult } from "./questions";

const t = messages().admin.questions.errors;

function succeeded(result: QuestionResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result;
}

const common = { prompt: "  Что верно?  ", explanation: "Потому что так в регламенте.", pool: "BOTH", active: true } as const;

const forms = {
  SINGLE: {
    ...common,
    type: "SINGLE",
    options: [
      { text: "Первый", correct: false },
      { text: "Второй", correct: true },
      { text: "Третий", correct: false },
    ],
  },
  MULTIPLE: {
    ...common,
    type: "MULTIPLE",
    options: [
      { text: "А", correct: true },
      { text: "Б", correct: true },
      { text: "В", correct: false },
    ],
  },
  TRUE_FALSE: { ...common, type: "TRUE_FALSE", value: false },
  ORDERING: { ...common, type: "ORDERING", items: ["Сначала", "Потом", "В конце"] },
  MATCHING: {
    ...common,
    type: "MATCHING",
    pairs: [
      { left: "Кошка", right: "мяу" },
      { left: "Собака", right: "гав" },
      { left: "Корова", right: "му" },
    ],
  },
  SHORT_TEXT: { ...common, type: "SHORT_TEXT", accepted: ["сорок два", "42"] },
} satisfies Record<QuestionType, QuestionForm>;

const row = (id: string) =>
  db.question.findUniqueOrThrow({
    where: { id },
    select: { key: true, type: true, prompt: true, payload: true, answerKey: true, explanation: true, pool: true, active: true, version: true, cardId: true },
  });

type Choice = { id: string; text: string };
/** A stored id as the editor makes it: 8 random characters of the presentation's alphabet. */
const RANDOM_ID = /^[a-z2-7]{8}$/;
const choicesOf = (payload: unknown) => Object.values(payload as Record<string, Choice[]>).flat();
const idOf = (payload: unknown, text: string) => choicesOf(payload).find((choice) => choice.text === text)!.id;
/** Hits a rule may reach by chance over `trials` tries of probability p: expected + 4σ. */
const chanceBound = (trials: number, p: number) => trials * p + 4 * Math.sqrt(trials * p * (1 - p));

const auditOf = (entityId: string) =>
  db.auditLog.findMany({
    where: { entity: "question", entityId },
    select: { actorId: true, action: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

describe("question editing", () => {
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

  const emptyCard = async () => (await createCard([])).card;

  it("creates each of the six types as an import would store them, with a fresh key, and records it", async () => {
    const card = await emptyCard();
    for (const [index, type] of (Object.keys(forms) as QuestionType[]).entries()) {
      const result = succeeded(await createQuestion(hr, { deckId, cardId: card.id, ...forms[type] }));
      expect(result.version).toBe(1);
      const stored = await row(result.id);
      expect(stored).toMatchObject({ key: `${card.key}-q${index + 1}`, type, prompt: "Что верно?", pool: "BOTH", active: true, cardId: card.id });
      expect(questionPayloadSchema[type].safeParse(stored.payload).success).toBe(true);
      expect(answerKeySchema[type].safeParse(stored.answerKey).success).toBe(true);
      const audit = await auditOf(result.id);
      expect(audit).toEqual([
        {
          actorId: hr.id,
          action: "question.create",
          before: null,
          after: expect.objectContaining({ prompt: "Что верно?", type, payload: stored.payload, answerKey: stored.answerKey, pool: "BOTH", active: true }),
        },
      ]);
      // Reading it back gives the form it was made from (trimmed).
      const editing = await getQuestionForEditing(hr, deckId, card.id, result.id);
      expect(editing?.question).toEqual({ ...forms[type], prompt: "Что верно?", id: result.id, key: stored.key, version: 1 });
    }
    const single = await db.question.findFirstOrThrow({ where: { cardId: card.id, type: "SINGLE" } });
    expect(choicesOf(single.payload).map((choice) => choice.text)).toEqual(["Первый", "Второй", "Третий"]);
    expect(single.answerKey).toEqual({ correct: [idOf(single.payload, "Второй")] });
    const matching = await db.question.findFirstOrThrow({ where: { cardId: card.id, type: "MATCHING" } });
    const pair = (left: string, right: string) => [idOf(matching.payload, left), idOf(matching.payload, right)];
    expect(matching.answerKey).toEqual({ pairs: [pair("Кошка", "мяу"), pair("Собака", "гав"), pair("Корова", "му")] });
  });

  it("gives a new question random ids, unique within it, that no rule over them turns into the key more often than chance", async () => {
    const card = await emptyCard();
    const rounds = 40;
    const rules = { smallestIdIsCorrect: 0, itemsInPlaceBySortedIds: 0, pairsSharingLastCharacter: 0 };
    for (let round = 0; round < rounds; round++) {
      const created = async (form: QuestionForm) => row(succeeded(await createQuestion(hr, { deckId, cardId: card.id, ...form })).id);
      const single = await created({
        ...forms.SINGLE,
        options: [
          { text: "Верный", correct: true },
          { text: "Второй", correct: false },
          { text: "Третий", correct: false },
          { text: "Четвёртый", correct: false },
        ],
      });
      const ordering = await created({ ...forms.ORDERING, items: ["Раз", "Два", "Три", "Четыре"] });
      const matching = await created(forms.MATCHING);
      for (const question of [single, ordering, matching]) {
        const ids = choicesOf(question.payload).map((choice) => choice.id);
        expect(ids.every((id) => RANDOM_ID.test(id))).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
      }
      const options = choicesOf(single.payload).toSorted((a, b) => (a.id < b.id ? -1 : 1));
      if ((single.answerKey as { correct: string[] }).correct.includes(options[0].id)) rules.smallestIdIsCorrect++;
      const order = (ordering.answerKey as { order: string[] }).order;
      rules.itemsInPlaceBySortedIds += order.toSorted().filter((id, index) => id === order[index]).length;
      for (const [left, right] of (matching.answerKey as { pairs: [string, string][] }).pairs) {
        if (left.at(-1) === right.at(-1)) rules.pairsSharingLastCharacter++;
      }
    }
    expect(rules.smallestIdIsCorrect).toBeLessThanOrEqual(chanceBound(rounds, 1 / 4));
    // A random order of 4 items puts 1 in place on average, with variance 1.
    expect(rules.itemsInPlaceBySortedIds).toBeLessThanOrEqual(rounds + 4 * Math.sqrt(rounds));
    expect(rules.pairsSharingLastCharacter).toBeLessThanOrEqual(chanceBound(rounds * 3, 1 / 32));
  });

  it("a key already taken is skipped", async () => {
    const card = await emptyCard();
    await db.question.create({
      data: { key: `${card.key}-q1`, cardId: (await createCard([])).card.id, type: "TRUE_FALSE", prompt: "x", payload: {}, answerKey: { value: true }, explanation: "x" },
    });
    const result = succeeded(await createQuestion(admin, { deckId, cardId: card.id, ...forms.TRUE_FALSE }));
    expect((await row(result.id)).key).toBe(`${card.key}-q2`);
  });

  it("refuses what a content file could not hold, field by field, and writes nothing", async () => {
    const card = await emptyCard();
    const audit = await db.auditLog.count();
    const invalid = async (form: unknown) => {
      const result = await createQuestion(hr, { deckId, cardId: card.id, ...(form as QuestionForm) });
      if (result.ok || result.error !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
      return result.fieldErrors;
    };
    const opts = (...marks: boolean[]) => marks.map((correct, index) => ({ text: `Вариант ${index}`, correct }));

    expect(await invalid({ ...forms.SINGLE, options: opts(true, true, false) })).toEqual({ options: [t.singleCorrect] });
    expect(await invalid({ ...forms.SINGLE, options: opts(false, false, false) })).toEqual({ options: [t.singleCorrect] });
    expect(await invalid({ ...forms.SINGLE, options: opts(true, false) })).toEqual({ options: [t.optionsCount(3, false)] });
    expect(await invalid({ ...forms.SINGLE, options: [...opts(true, false), { text: "  ", correct: false }] })).toEqual({
      "options.2": [t.optionEmpty],
    });
    expect(await invalid({ ...forms.MULTIPLE, options: opts(true, false, false) })).toEqual({ options: [t.multipleCorrect] });
    expect(await invalid({ ...forms.MULTIPLE, options: opts(true, true, true) })).toEqual({ options: [t.multipleCorrect] });
    expect(await invalid({ ...forms.MULTIPLE, options: opts(true, true, false, false, false, false, false, false, false) })).toEqual({
      options: [t.optionsCount(8, true)],
    });
    expect(await invalid({ ...forms.TRUE_FALSE, value: undefined })).toEqual({ value: [t.valueRequired] });
    expect(await invalid({ ...forms.ORDERING, items: ["Раз", "раз", "Два"] })).toEqual({ items: [t.itemsDistinct] });
    expect(await invalid({ ...forms.ORDERING, items: ["Раз", "Два"] })).toEqual({ items: [t.itemsCount(3, false)] });
    expect(await invalid({ ...forms.MATCHING, pairs: [...forms.MATCHING.pairs.slice(0, 2), { left: "Кошка", right: "ква" }] })).toEqual({
      pairs: [t.pairsDistinct],
    });
    expect(await invalid({ ...forms.MATCHING, pairs: [...forms.MATCHING.pairs, { left: "Лягушка", right: "" }] })).toEqual({
      "pairs.3": [t.pairEmpty],
    });
    expect(await invalid({ ...forms.SHORT_TEXT, accepted: [] })).toEqual({ accepted: [t.acceptedCount(1, false)] });
    expect(await invalid({ ...forms.SHORT_TEXT, prompt: " ", explanation: "" })).toEqual({
      prompt: [t.promptRequired],
      explanation: [t.explanationRequired],
    });
    expect(await invalid({ ...forms.SINGLE, type: "ESSAY" })).toEqual({ type: [t.typeInvalid] });
    expect(await invalid({ ...forms.SINGLE, pool: "EVERYWHERE" })).toEqual({ pool: [t.poolInvalid] });

    expect(await db.question.count({ where: { cardId: card.id } })).toBe(0);
    expect(await db.auditLog.count()).toBe(audit);
  });

  it("edits keep an option's id while its text is unchanged, bump the version and record before and after", async () => {
    const card = await emptyCard();
    const { id } = succeeded(await createQuestion(hr, { deckId, cardId: card.id, ...forms.SINGLE }));
    const created = await row(id);
    const result = succeeded(
      await updateQuestion(hr, {
        deckId,
        cardId: card.id,
        questionId: id,
        version: 1,
        ...forms.SINGLE,
        pool: "EXAM",
        options: [
          { text: "Третий", correct: true },
          { text: "Новый", correct: false },
          { text: "Первый", correct: false },
        ],
      }),
    );
    expect(result.version).toBe(2);
    const stored = await row(id);
    const [third, fresh, first] = choicesOf(stored.payload);
    expect([third, first]).toEqual([
      { id: idOf(created.payload, "Третий"), text: "Третий" },
      { id: idOf(created.payload, "Первый"), text: "Первый" },
    ]);
    expect(fresh.text).toBe("Новый");
    expect(fresh.id).toMatch(RANDOM_ID);
    expect(choicesOf(created.payload).map((choice) => choice.id)).not.toContain(fresh.id);
    expect(stored.answerKey).toEqual({ correct: [third.id] });
    expect(stored).toMatchObject({ pool: "EXAM", version: 2 });
    const audit = await auditOf(id);
    expect(audit[1]).toEqual({
      actorId: hr.id,
      action: "question.update",
      before: expect.objectContaining({ pool: "BOTH", answerKey: created.answerKey }),
      after: expect.objectContaining({ pool: "EXAM", answerKey: stored.answerKey, payload: stored.payload }),
    });

    // The same question again: nothing changes, nothing is recorded.
    const same = { deckId, cardId: card.id, questionId: id, ...(await getQuestionForEditing(hr, deckId, card.id, id))!.question };
    expect(same.version).toBe(2);
    expect(await updateQuestion(hr, same)).toEqual({ ok: true, id, version: 2 });
    expect(await auditOf(id)).toHaveLength(2);

    // The type is fixed.
    expect(await updateQuestion(hr, { deckId, cardId: card.id, questionId: id, version: 2, ...forms.MULTIPLE })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { type: [t.typeFixed] },
    });
  });

  it("a stale version is a conflict carrying the current question, and nothing is written", async () => {
    const card = await emptyCard();
    const { id } = succeeded(await createQuestion(hr, { deckId, cardId: card.id, ...forms.ORDERING }));
    const target = { deckId, cardId: card.id, questionId: id };
    succeeded(await updateQuestion(hr, { ...target, version: 1, ...forms.ORDERING, prompt: "Версия коллеги" }));
    const audit = await db.auditLog.count();

    const result = await updateQuestion(admin, { ...target, version: 1, ...forms.ORDERING, prompt: "Моя версия" });
    expect(result).toEqual({
      ok: false,
      error: "conflict",
      current: expect.objectContaining({ prompt: "Версия коллеги", version: 2, type: "ORDERING", items: forms.ORDERING.items }),
    });
    expect(await row(id)).toMatchObject({ prompt: "Версия коллеги", version: 2 });
    expect(await db.auditLog.count()).toBe(audit);
    // "Keep mine": saving with the current version overwrites, knowingly.
    expect(succeeded(await updateQuestion(admin, { ...target, version: 2, ...forms.ORDERING, prompt: "Моя версия" })).version).toBe(3);
  });

  it("an edit leaves an attempt already started with its snapshot; a retired question is not drawn", async () => {
    const { card, questions } = await createCard([
      {
        type: "SINGLE",
        prompt: "Исходная формулировка",
        payload: { options: [{ id: "a", text: "Да" }, { id: "b", text: "Нет" }, { id: "c", text: "Может быть" }] },
        answerKey: { correct: ["a"] },
      },
    ]);
    const [question] = questions;
    const exam = await createExam({ cardIds: [card.id], questionCount: 1 });
    const user = await taker("employee@demo.local");
    const attemptId = started(await startAttempt(user, exam.id));
    const [before] = await attemptItems(attemptId);
    expect(before.prompt).toBe("Исходная формулировка");

    const editing = (await getQuestionForEditing(hr, deckId, card.id, question.id))!.question as Extract<EditableQuestion, { type: "SINGLE" }>;
    succeeded(
      await updateQuestion(hr, {
        deckId,
        cardId: card.id,
        questionId: question.id,
        ...editing,
        prompt: "Новая формулировка",
        options: [{ text: "Да", correct: false }, { text: "Нет", correct: true }, { text: "Может быть", correct: false }],
      }),
    );
    const [after] = await attemptItems(attemptId);
    expect(after).toEqual(before);

    // Retired: a new attempt over that card draws nothing.
    const retired = (await getQuestionForEditing(hr, deckId, card.id, question.id))!.question;
    succeeded(await updateQuestion(hr, { deckId, cardId: card.id, questionId: question.id, ...retired, active: false }));
    const other = await createExam({ cardIds: [card.id], questionCount: 1 });
    expect(await startAttempt(user, other.id)).toEqual({ status: "no-questions" });
  });

  it("foreign ids are not found", async () => {
    const card = await emptyCard();
    const { id } = succeeded(await createQuestion(hr, { deckId, cardId: card.id, ...forms.TRUE_FALSE }));
    const otherCard = await emptyCard();
    const otherDeck = await db.deck.create({ data: { slug: "question-other-deck", title: "Другая" } });
    expect(await getQuestionForEditing(hr, deckId, otherCard.id, id)).toBeNull();
    expect(await getQuestionForEditing(hr, otherDeck.id, card.id, id)).toBeNull();
    expect(await getQuestionForEditing(hr, deckId, card.id, "no-such-question")).toBeNull();
    expect(await updateQuestion(hr, { deckId, cardId: otherCard.id, questionId: id, version: 1, ...forms.TRUE_FALSE })).toEqual({
      ok: false,
      error: "not-found",
    });
    expect(await createQuestion(hr, { deckId: otherDeck.id, cardId: card.id, ...forms.TRUE_FALSE })).toEqual({ ok: false, error: "not-found" });
    expect(await db.question.count({ where: { cardId: card.id } })).toBe(1);
  });

  it("employees and heads may not read or change questions", async () => {
    const card = await emptyCard();
    const { id } = succeeded(await createQuestion(hr, { deckId, cardId: card.id, ...forms.TRUE_FALSE }));
    for (const who of [employee, head]) {
      await expect(getQuestionForEditing(who, deckId, card.id, id)).rejects.toThrow(AccessDenied);
      await expect(createQuestion(who, { deckId, cardId: card.id, ...forms.TRUE_FALSE })).rejects.toThrow(AccessDenied);
      await expect(updateQuestion(who, { deckId, cardId: card.id, questionId: id, version: 1, ...forms.TRUE_FALSE, value: true })).rejects.toThrow(
        AccessDenied,
      );
    }
    expect(await db.question.count({ where: { cardId: card.id } })).toBe(1);
    expect(await row(id)).toMatchObject({ version: 1 });
  });
});
