import { expect, type Page } from "@playwright/test";
import { accounts, login, sql, test } from "./support";

let deckCount = 0;

/** A deck of its own with one card, so the seeded deck's questions stay as other tests expect them. */
async function createDeck() {
  deckCount++;
  const suffix = `${process.pid}-${Date.now()}-${deckCount}`;
  const deckId = `e2e-qdeck-${suffix}`;
  const cardId = `e2e-qcard-${suffix}`;
  await sql(
    `INSERT INTO "Deck" ("id", "slug", "title", "published", "updatedAt") VALUES ($1, $2, 'Колода вопросов e2e', true, now())`,
    [deckId, `e2e-questions-${suffix}`],
  );
  await sql(
    `INSERT INTO "Card" ("id", "deckId", "key", "front", "back", "position", "updatedAt")
     VALUES ($1, $2, $3, 'Тема с вопросами', '- пункт', 0, now())`,
    [cardId, deckId, `topic-${suffix}`],
  );
  return { deckId, cardId, path: `/admin/decks/${deckId}/cards/${cardId}` };
}

async function ready(page: Page) {
  await expect(page.getByTestId("question-editor")).toHaveAttribute("data-ready", "true");
}

test.describe("question editor", () => {
  test("HR adds a single-choice question with a live preview and sees it in the card's list", async ({ page }) => {
    const deck = await createDeck();
    await login(page, accounts.hr);
    await page.goto(deck.path);
    await page.getByRole("link", { name: "+ Новый вопрос" }).click();
    await ready(page);
    await expect(page.getByRole("heading", { name: "Новый вопрос" })).toBeVisible();

    await page.getByLabel("Формулировка вопроса").fill("Какой срок хранения документов?");
    await page.getByLabel("Вариант 1", { exact: true }).fill("Один год");
    await page.getByLabel("Вариант 2", { exact: true }).fill("Пять лет");
    await page.getByLabel("Вариант 3", { exact: true }).fill("Бессрочно");
    await page.getByLabel("Вариант 2 верный").check();
    await page.getByLabel("Пояснение (показывается после ответа)").fill("Так сказано в регламенте.");
    await page.getByLabel("Где используется").selectOption({ label: "Только экзамен" });

    const preview = page.getByTestId("question-preview");
    await expect(preview.getByText("Какой срок хранения документов?")).toBeVisible();
    await expect(preview.getByRole("radio")).toHaveCount(3);
    await expect(preview.getByRole("radio").first()).toBeDisabled();
    await expect(page.getByTestId("question-preview-key")).toContainText("Пять лет");

    await page.getByRole("button", { name: "Создать вопрос" }).click();
    await expect(page).toHaveURL(/\/questions\/(?!new)[^/]+$/);
    await ready(page);
    const [row] = await sql(`SELECT "key", "type", "prompt", "payload", "answerKey", "pool" FROM "Question" WHERE "cardId" = $1`, [deck.cardId]);
    const randomId = expect.stringMatching(/^[a-z2-7]{8}$/);
    expect(row).toMatchObject({
      type: "SINGLE",
      prompt: "Какой срок хранения документов?",
      payload: { options: [{ id: randomId, text: "Один год" }, { id: randomId, text: "Пять лет" }, { id: randomId, text: "Бессрочно" }] },
      answerKey: { correct: [row.payload.options[1].id] },
      pool: "EXAM",
    });
    expect(row.key).toMatch(/^topic-.*-q1$/);

    await page.getByRole("link", { name: "← Карточка «Тема с вопросами»" }).click();
    const list = page.getByTestId("card-questions");
    await expect(list.getByTestId("card-question")).toHaveCount(1);
    await expect(list.getByTestId("card-question")).toContainText("Какой срок хранения документов?");
    await expect(list.getByTestId("card-question")).toContainText("Экзамен");
  });

  test("a question changed behind the editor's back opens a conflict with both versions, and nothing is overwritten", async ({ page }) => {
    const deck = await createDeck();
    const questionId = `e2e-q-${process.pid}-${Date.now()}`;
    await sql(
      `INSERT INTO "Question" ("id", "key", "cardId", "type", "prompt", "payload", "answerKey", "explanation", "updatedAt")
       VALUES ($1, $1, $2, 'TRUE_FALSE', 'Земля круглая?', '{}', '{"value": true}', 'Наблюдения.', now())`,
      [questionId, deck.cardId],
    );
    await login(page, accounts.hr);
    await page.goto(`${deck.path}/questions/${questionId}`);
    await ready(page);
    await expect(page.getByLabel("Тип вопроса")).toBeDisabled();
    await page.getByLabel("Формулировка вопроса").fill("Моя формулировка");
    await sql(`UPDATE "Question" SET "prompt" = 'Формулировка коллеги', "version" = 2 WHERE "id" = $1`, [questionId]);

    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    const conflict = page.getByTestId("question-conflict");
    await expect(conflict).toBeVisible();
    await expect(conflict.getByTestId("conflict-yours")).toContainText("Моя формулировка");
    await expect(conflict.getByTestId("conflict-current")).toContainText("Формулировка коллеги");
    const [kept] = await sql(`SELECT "prompt", "version" FROM "Question" WHERE "id" = $1`, [questionId]);
    expect(kept).toEqual({ prompt: "Формулировка коллеги", version: 2 });

    await conflict.getByRole("button", { name: "Оставить мою (перезаписать)" }).click();
    await expect(conflict).toBeHidden();
    await expect(page.getByTestId("question-save-status")).toHaveText("Сохранено");
    const [mine] = await sql(`SELECT "prompt", "version" FROM "Question" WHERE "id" = $1`, [questionId]);
    expect(mine).toEqual({ prompt: "Моя формулировка", version: 3 });
  });
  test("the bank check beside the preview shows the findings of the question as typed, against the rest of its deck", async ({ page }) => {
    const deck = await createDeck();
    const secret = `e2e-q-secret-${process.pid}-${Date.now()}`;
    await sql(
      `INSERT INTO "Question" ("id", "key", "cardId", "type", "prompt", "payload", "answerKey", "explanation", "pool", "updatedAt")
       VALUES ($1, $1, $2, 'SHORT_TEXT', 'Сколько длится проверочная пауза?', '{}', '{"accepted": ["семнадцать минут"]}', 'Так сказано.', 'EXAM', now())`,
      [secret, deck.cardId],
    );
    await login(page, accounts.hr);
    await page.goto(`${deck.path}/questions/new`);
    await ready(page);
    const lint = page.getByTestId("question-lint");
    await expect(lint).toContainText("Заполните вопрос, чтобы его проверить.");

    await page.getByLabel("Тип вопроса").selectOption({ label: "Верно / неверно" });
    await page.getByLabel("Пояснение (показывается после ответа)").fill("Так сказано.");
    await page.getByLabel("Формулировка вопроса").fill("Проверочная пауза длится семнадцать минут.");
    const finding = lint.getByTestId("question-lint-finding");
    await expect(finding).toHaveCount(1);
    await expect(finding).toHaveAttribute("data-rule", "key-leak");
    await expect(finding).toHaveAttribute("data-severity", "error");
    await expect(finding).toContainText(`Ответ вопроса ${secret} («семнадцать минут») виден`);

    await page.getByLabel("Формулировка вопроса").fill("Во время паузы не нужно молчать.");
    await expect(finding).toHaveCount(1);
    await expect(finding).toHaveAttribute("data-rule", "unmarked-negative");
    await expect(finding).toHaveAttribute("data-severity", "warning");

    await page.getByLabel("Формулировка вопроса").fill("Во время паузы НЕ нужно молчать.");
    await expect(lint).toContainText("Замечаний нет.");
    await expect(finding).toHaveCount(0);

    // Saved with the giveaway, both questions count the error on the card's page, beside their statistics.
    await page.getByLabel("Формулировка вопроса").fill("Проверочная пауза длится семнадцать минут.");
    await expect(finding).toHaveAttribute("data-rule", "key-leak");
    await page.getByRole("button", { name: "Создать вопрос" }).click();
    await expect(page).toHaveURL(/\/questions\/(?!new)[^/]+$/);
    await page.goto(deck.path);
    await expect(page.getByTestId("card-question-lint")).toHaveText(["Проверка банка: 1 ошибка", "Проверка банка: 1 ошибка"]);
  });
});
