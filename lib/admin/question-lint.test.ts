import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { createCard, createExam, DECK, seedPortal } from "../testing/fixtures";
import { lintQuestionDraft, type QuestionLintInput } from "./question-lint";

let hr: CurrentUser;
let deckId: string;

beforeAll(async () => {
  await seedPortal();
  hr = await viewer("hr@demo.local");
  deckId = (await db.deck.findUniqueOrThrow({ where: { slug: DECK } })).id;
});

const draft = (prompt: string, pool: "BOTH" | "PRACTICE" | "EXAM" = "BOTH") =>
  ({ type: "TRUE_FALSE", prompt, explanation: "Так сказано.", pool, active: true, value: true }) as const;

/** A card of the seeded deck with an exam-only short-text question and a true/false one (each test its own words). */
async function topicCard(answer: string, statement: string) {
  const { card, questions } = await createCard([
    { type: "SHORT_TEXT", prompt: "Что указано в регламенте?", payload: {}, answerKey: { accepted: [answer] }, pool: "EXAM" },
    { type: "TRUE_FALSE", prompt: statement, payload: {}, answerKey: { value: true } },
  ]);
  return { card, secret: questions[0], other: questions[1] };
}

const lint = (input: { cardId: string; questionId: string | null } & Record<string, unknown>) =>
  lintQuestionDraft(hr, { deckId, ...input } as unknown as QuestionLintInput);

describe("lintQuestionDraft", () => {
  it("finds a new question's giveaway of an exam-only answer of its deck, before it is saved", async () => {
    const { card, secret } = await topicCard("семнадцать минут", "Паузу объявляет ведущий.");
    const result = await lint({ cardId: card.id, questionId: null, ...draft("Пауза длится семнадцать минут.") });
    expect(result).toMatchObject({ ok: true, status: "checked", findings: [{ severity: "error", rule: "key-leak", questionKeys: [secret.key, "(новый вопрос)"] }] });
    expect(await lint({ cardId: card.id, questionId: null, ...draft("Перерыв назначает председатель собрания.") })).toEqual({ ok: true, status: "checked", findings: [] });
  });

  it("checks an edited question in place of its stored version", async () => {
    const { card, other } = await topicCard("сорок две секунды", "Регламент утверждает директор.");
    // The stored prompt would be a near-duplicate of this one; the draft replaces it.
    expect(await lint({ cardId: card.id, questionId: other.id, ...draft("Регламент утверждает директор!") })).toEqual({ ok: true, status: "checked", findings: [] });
    const negative = await lint({ cardId: card.id, questionId: other.id, ...draft("Регламент не утверждает директор.") });
    expect(negative).toMatchObject({ ok: true, findings: [{ rule: "unmarked-negative", questionKeys: [other.key] }] });
  });

  it("shows the exam pool of the question's card for the exams drawing from it", async () => {
    const { card, other } = await topicCard("девять шагов", "Отчёт сдают по пятницам.");
    await createExam({ cardIds: [card.id], questionsPerCard: 2, attemptsAllowed: 2 });
    const both = await lint({ cardId: card.id, questionId: other.id, ...draft("Отчёт сдают по пятницам.") });
    expect(both).toMatchObject({ ok: true, findings: [{ severity: "warning", rule: "exam-pool", questionKeys: [], cardKeys: [card.key] }] });
    const practice = await lint({ cardId: card.id, questionId: other.id, ...draft("Отчёт сдают по пятницам.", "PRACTICE") });
    expect(practice).toMatchObject({ ok: true, findings: [{ severity: "error", rule: "exam-pool", cardKeys: [card.key] }] });
  });

  it("checks nothing for an incomplete form or a retired question, and refuses a card of another deck or a stranger", async () => {
    const { card, other } = await topicCard("три копии", "Копии хранят в архиве.");
    expect(await lint({ cardId: card.id, questionId: null, ...draft("") })).toEqual({ ok: true, status: "incomplete", findings: [] });
    expect(await lint({ cardId: card.id, questionId: other.id, ...draft("Пауза длится семнадцать минут."), active: false })).toEqual({
      ok: true,
      status: "retired",
      findings: [],
    });
    expect(await lint({ cardId: "no-such-card", questionId: null, ...draft("Вопрос.") })).toEqual({ ok: false, error: "not-found" });
    expect(await lint({ cardId: card.id, questionId: "no-such-question", ...draft("Вопрос.") })).toEqual({ ok: false, error: "not-found" });
    const employee = await viewer("employee@demo.local");
    await expect(lintQuestionDraft(employee, { deckId, cardId: card.id, questionId: null, ...draft("Вопрос.") })).rejects.toBeInstanceOf(AccessDenied);
  });
});
