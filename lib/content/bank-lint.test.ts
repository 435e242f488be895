// The bank linter's rules, each on a small hand-made deck, with every threshold
// tested on both sides of its boundary.
import { describe, expect, it } from "vitest";
import {
  describeFinding,
  findingsFor,
  lintDeck,
  LINT_THRESHOLDS,
  promptSimilarity,
  quotesIn,
  type LintCard,
  type LintExam,
  type LintFinding,
  type LintQuestion,
  type LintRule,
} from "./bank-lint";

let counter = 0;
const question = (fields: LintQuestion["fields"], overrides: Partial<Omit<LintQuestion, "fields">> = {}): LintQuestion => ({
  key: `q${++counter}`,
  pool: "BOTH",
  prompt: `Вопрос номер ${counter} о чём-то своём`,
  explanation: "Пояснение без цитат.",
  fields,
  ...overrides,
});
const single = (key: string, wrong: string[], overrides: Partial<Omit<LintQuestion, "fields">> = {}) =>
  question({ type: "single", options: [{ text: key, correct: true }, ...wrong.map((text) => ({ text }))] }, overrides);
const shortText = (answers: string[], overrides: Partial<Omit<LintQuestion, "fields">> = {}) =>
  question({ type: "short_text", answers }, overrides);
const trueFalse = (prompt: string, overrides: Partial<Omit<LintQuestion, "fields">> = {}) =>
  question({ type: "true_false", answer: true }, { prompt, ...overrides });

const card = (questions: LintQuestion[], overrides: Partial<Omit<LintCard, "questions">> = {}): LintCard => ({
  key: "card",
  front: "Тема карточки",
  back: "## Раздел\n\n- первая строка карточки;\n- **вторая** строка карточки.",
  questions,
  ...overrides,
});
const lint = (questions: LintQuestion[], exams: LintExam[] = []) => lintDeck({ cards: [card(questions)], exams });
const of = (findings: LintFinding[], rule: LintRule) =>
  findings.filter((finding) => finding.rule === rule).map(({ severity, questionKeys, cardKeys }) => ({ severity, questionKeys, cardKeys }));

describe("key-leak: a question's key text in another question", () => {
  it("is an error when the question whose key shows is exam-only, normalising «98 %» to «98%»", () => {
    const owner = shortText(["98%"], { key: "share", pool: "EXAM" });
    const other = question({ type: "multiple", options: [{ text: "решение 98 % обращений", correct: true }, { text: "другое", correct: true }, { text: "третье" }] }, { key: "list" });
    expect(of(lint([owner, other]), "key-leak")).toEqual([{ severity: "error", questionKeys: ["share", "list"], cardKeys: [] }]);
  });

  it("is an error when the question showing it is exam-only, and a warning when neither is", () => {
    const owner = single("После первого", ["После второго", "После третьего"], { key: "after" });
    const examOnly = question({ type: "ordering", items: ["Снять трубку после первого звонка", "Представиться", "Выслушать"] }, { key: "steps", pool: "EXAM" });
    expect(of(lint([owner, examOnly]), "key-leak")).toEqual([{ severity: "error", questionKeys: ["after", "steps"], cardKeys: [] }]);
    const both = { ...examOnly, pool: "BOTH" as const };
    expect(of(lint([owner, both]), "key-leak")).toEqual([{ severity: "warning", questionKeys: ["after", "steps"], cardKeys: [] }]);
  });

  it("finds a key in a prompt as whole words only", () => {
    const owner = single("Маркетинг", ["Продажи", "Качество"], { key: "goal" });
    expect(of(lint([owner, trueFalse("Имидж компании относится к цели «Маркетинг».", { key: "tf" })]), "key-leak")).toHaveLength(1);
    expect(of(lint([owner, trueFalse("Маркетинговый план утверждают раз в год.", { key: "tf" })]), "key-leak")).toEqual([]);
  });

  it("ignores another question offering a choice question's key as one whole choice, not a short answer", () => {
    const matching = question({ type: "matching", pairs: [{ left: "имидж", right: "Маркетинг" }, { left: "клиенты", right: "Продажи" }, { left: "гарантия", right: "Качество" }] });
    const owner = single("Маркетинг", ["Продажи", "Качество"], { key: "goal" });
    expect(of(lint([owner, matching]), "key-leak")).toEqual([]);
    const typed = shortText(["маркетинг"], { key: "typed" });
    expect(of(lint([typed, matching]), "key-leak")).toEqual([{ severity: "warning", questionKeys: ["typed", matching.key], cardKeys: [] }]);
  });

  it(`looks only for distinctive keys: at least ${LINT_THRESHOLDS.keyPhraseMinLetters} letters, or a percentage`, () => {
    expect(LINT_THRESHOLDS.keyPhraseMinLetters).toBe(3);
    const shown = trueFalse("Ответить «Да» до 4 звонка, 15 минут, решить 40% задач, exe-файлы", { key: "shown" });
    const leaks = (answer: string) => of(lint([shortText([answer], { key: "owner" }), shown]), "key-leak").length;
    expect(leaks("Да")).toBe(0);
    expect(leaks("exe")).toBe(1);
    expect(leaks("4")).toBe(0);
    expect(leaks("15")).toBe(0);
    expect(leaks("40 %")).toBe(1);
  });

  it("looks for a percentage inside a longer key on its own", () => {
    const owner = single("решение минимум 40% задач", ["решение всех задач", "ничего"], { key: "owner" });
    const leaks = (prompt: string) => of(lint([owner, trueFalse(prompt, { key: "other" })]), "key-leak").length;
    expect(leaks("Нужно решать 40% задач.")).toBe(1);
    expect(leaks("Нужно решать 140% задач.")).toBe(0);
    const sameChoice = question({ type: "multiple", options: [{ text: "решение минимум 40% задач" }, { text: "а", correct: true }, { text: "б", correct: true }] });
    expect(of(lint([owner, sameChoice]), "key-leak")).toEqual([]);
  });
});

describe("longest-key: the key is the longest option across the deck", () => {
  const wrong = ["y".repeat(100), "z".repeat(80)];

  it(`counts a question when its key is at least ${LINT_THRESHOLDS.longestKeyMinRatio}× its longest wrong option`, () => {
    expect(LINT_THRESHOLDS.longestKeyMinRatio).toBe(1.05);
    const counted = single("x".repeat(105), wrong, { key: "long" });
    const notCounted = single("x".repeat(104), wrong, { key: "close" });
    const findings = lint([counted, notCounted, single("a", wrong)]);
    expect(of(findings, "longest-key")).toEqual([{ severity: "warning", questionKeys: ["long"], cardKeys: [] }]);
    expect(findings.find((f) => f.rule === "longest-key")!.message).toMatch(/в 1 из 3 .* \(33%\): long \(×1,05\)/);
  });

  it(`warns only above ${LINT_THRESHOLDS.longestKeyMaxShare * 100}% of the deck's choice questions`, () => {
    expect(LINT_THRESHOLDS.longestKeyMaxShare).toBe(0.25);
    const long = () => single("x".repeat(200), wrong);
    const fair = () => single("k".repeat(100), wrong);
    expect(of(lint([long(), fair(), fair(), fair()]), "longest-key")).toEqual([]);
    expect(of(lint([long(), fair(), fair()]), "longest-key")).toHaveLength(1);
  });
});

describe("all-but-one-correct", () => {
  it("warns on a multiple-choice question with n−1 of n options correct, not on n−2", () => {
    const options = (correct: number) => ["а1", "б2", "в3", "г4"].map((text, i) => (i < correct ? { text, correct: true as const } : { text }));
    const three = question({ type: "multiple", options: options(3) }, { key: "three" });
    const two = question({ type: "multiple", options: options(2) }, { key: "two" });
    expect(of(lint([three, two]), "all-but-one-correct")).toEqual([{ severity: "warning", questionKeys: ["three"], cardKeys: [] }]);
  });
});

describe("near-duplicate prompts", () => {
  it(`warns at a similarity of ${LINT_THRESHOLDS.nearDuplicateMinSimilarity} or more`, () => {
    expect(LINT_THRESHOLDS.nearDuplicateMinSimilarity).toBe(0.85);
    const a = "Какие пункты относятся к внутреннему качеству?";
    const near = "Какие пункты относятся к внешнему качеству?";
    const far = "Что входит в цель «Кадровая политика»?";
    expect(promptSimilarity(a, near)).toBeGreaterThanOrEqual(0.85);
    expect(promptSimilarity(a, far)).toBeLessThan(0.85);
    expect(promptSimilarity(a, a)).toBe(1);
    const findings = lint([trueFalse(a, { key: "a" }), trueFalse(near, { key: "near" }), trueFalse(far, { key: "far" })]);
    expect(of(findings, "near-duplicate")).toEqual([{ severity: "warning", questionKeys: ["a", "near"], cardKeys: [] }]);
  });
});

describe("unmarked-negative", () => {
  it("warns on «не», «нельзя», «кроме» unless in upper case, emphasised or quoted", () => {
    const warned = (prompt: string) => of(lint([trueFalse(prompt, { key: "n" })]), "unmarked-negative").length;
    expect(warned("Что не входит в цель?")).toBe(1);
    expect(warned("Нельзя перебивать заказчика.")).toBe(1);
    expect(warned("Все пункты, кроме одного, верны.")).toBe(1);
    expect(warned("Что НЕ входит в цель?")).toBe(0);
    expect(warned("Что **не** входит в цель?")).toBe(0);
    expect(warned("Карточка говорит: «не следует повышать голос». Это верно?")).toBe(0);
    expect(warned("Неверное утверждение встречается редко.")).toBe(0);
  });
});

describe("quote-not-in-card", () => {
  const explained = (explanation: string) => of(lint([trueFalse("Вопрос", { key: "e", explanation })]), "quote-not-in-card").length;

  it("accepts quotes of the card's lines, joined by «;» or shortened with «…», and quotes of a card's front", () => {
    expect(explained("Карточка «Тема карточки», «Раздел»: «первая строка карточки; вторая строка карточки»."))
      .toBe(0);
    expect(explained("Карточка: «первая… карточки»; ещё \"вторая строка\".")).toBe(0);
    expect(explained("Карточка: «1. Первая строка карточки. 2. Вторая строка карточки.»")).toBe(0);
  });

  it("warns on a quote that is not on the card", () => {
    expect(explained("Карточка: «третья строка карточки».")).toBe(1);
    expect(explained("Карточка: \"выдуманная цитата\".")).toBe(1);
  });

  it("recognises «…» with nested quotes, “…” and \"…\"", () => {
    expect(quotesIn("а «б „в“ г» д “е” \"ж\"")).toEqual(["б „в“ г", "е", "ж"]);
  });
});

describe("exam-pool", () => {
  const deck = () => [
    card([single("a1", ["b", "c"], { pool: "EXAM" }), single("a2", ["b", "c"]), single("a3", ["b", "c"]), single("a4", ["b", "c"], { pool: "PRACTICE" })], {
      key: "small",
    }),
  ];
  const exam = (overrides: Partial<LintExam>): LintExam => ({
    key: "mock",
    title: "Пробная",
    cardKeys: ["small"],
    questionsPerCard: null,
    questionCount: null,
    cardWeighting: "POOL",
    cardWeights: {},
    attemptsAllowed: 1,
    ...overrides,
  });
  const pool = (overrides: Partial<LintExam>) => of(lintDeck({ cards: deck(), exams: [exam(overrides)] }), "exam-pool");

  it("counts a card's exam-pool questions against questionsPerCard × attemptsAllowed", () => {
    expect(pool({ questionsPerCard: 1, attemptsAllowed: 3 })).toEqual([]);
    expect(pool({ questionsPerCard: 2, attemptsAllowed: 2 })).toEqual([{ severity: "warning", questionKeys: [], cardKeys: ["small"] }]);
    expect(pool({ questionsPerCard: 4, attemptsAllowed: 1 })).toEqual([{ severity: "error", questionKeys: [], cardKeys: ["small"] }]);
    expect(pool({ questionsPerCard: 3, attemptsAllowed: null })).toEqual([]);
  });

  it("counts every chosen card's exam-pool questions against questionCount × attemptsAllowed", () => {
    expect(pool({ questionCount: 3, attemptsAllowed: 1 })).toEqual([]);
    expect(pool({ questionCount: 2, attemptsAllowed: 2 })).toEqual([{ severity: "warning", questionKeys: [], cardKeys: ["small"] }]);
    expect(pool({ questionCount: 4, attemptsAllowed: 1 })).toEqual([{ severity: "error", questionKeys: [], cardKeys: ["small"] }]);
  });

  it("counts each card's share of a total spread by weight, as the draw gives it", () => {
    const twoCards = [...deck(), card([single("b1", ["b", "c"]), single("b2", ["b", "c"]), single("b3", ["b", "c"])], { key: "large" })];
    const weighted = (overrides: Partial<LintExam>) =>
      of(lintDeck({ cards: twoCards, exams: [exam({ cardKeys: ["small", "large"], questionCount: 4, cardWeighting: "CUSTOM", ...overrides })] }), "exam-pool");
    // 4 by weights 1:1 → 2 each; two attempts need 4 from each card, which holds 3.
    expect(weighted({ attemptsAllowed: 1 })).toEqual([]);
    expect(weighted({ attemptsAllowed: 2 })).toEqual([
      { severity: "warning", questionKeys: [], cardKeys: ["small"] },
      { severity: "warning", questionKeys: [], cardKeys: ["large"] },
    ]);
    // 4 by weights 3:1 → 3 and 1: only the first card falls short for two attempts.
    expect(weighted({ attemptsAllowed: 2, cardWeights: { small: 3 } })).toEqual([{ severity: "warning", questionKeys: [], cardKeys: ["small"] }]);
  });
});

describe("the findings' order and wording", () => {
  it("lists errors first, finds a question's own findings, and describes each on one line naming deck, questions and rule", () => {
    const owner = shortText(["98%"], { key: "share", pool: "EXAM", prompt: "Какую долю не решают?" });
    const other = trueFalse("Решаем 98% обращений.", { key: "tf" });
    const findings = lint([owner, other]);
    expect(findings.map((f) => f.rule)).toEqual(["key-leak", "unmarked-negative"]);
    expect(findingsFor(findings, "tf", "other-card").map((f) => f.rule)).toEqual(["key-leak"]);
    expect(describeFinding("prep", findings[0])).toBe(
      'decks/prep: questions share, tf, rule "key-leak" (error): Ответ вопроса share («98%») виден в формулировке или вариантах вопроса tf.',
    );
  });
});
