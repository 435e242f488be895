import { expect, type Page } from "@playwright/test";
import { accounts, createLearner, login, sql, test } from "./support";

let deckCount = 0;

/** A published deck of its own with one card, so the seeded deck's text stays as other tests expect it. */
async function createDeck() {
  deckCount++;
  const suffix = `${process.pid}-${Date.now()}-${deckCount}`;
  const deckId = `e2e-deck-${suffix}`;
  const cardId = `e2e-card-${suffix}`;
  const slug = `e2e-cards-${suffix}`;
  await sql(
    `INSERT INTO "Deck" ("id", "slug", "title", "published", "updatedAt") VALUES ($1, $2, 'Колода редактора e2e', true, now())`,
    [deckId, slug],
  );
  await sql(
    `INSERT INTO "Card" ("id", "deckId", "key", "front", "back", "position", "updatedAt")
     VALUES ($1, $2, 'topic', 'Тема для правки', $3, 0, now())`,
    [cardId, deckId, "- старый пункт"],
  );
  return { deckId, cardId, slug, path: `/admin/decks/${deckId}/cards/${cardId}` };
}

async function openEditor(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByTestId("card-editor")).toHaveAttribute("data-ready", "true");
}

test.describe("card editor", () => {
  test("HR rewrites a card's back with a live preview, saves a substantive change with Ctrl+S, and who knew the card sees what changed", async ({ page, browser }) => {
    const deck = await createDeck();
    // Studied the old version; the card is not due for ten days.
    const knew = await createLearner("card-knew");
    await sql(
      `INSERT INTO "CardState" ("userId", "cardId", "due", "stability", "difficulty", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "updatedAt")
       VALUES ($1, $2, now() + interval '10 days', 10, 5, 10, 0, 3, 0, 2, now(), now())`,
      [knew.id, deck.cardId],
    );
    await login(page, accounts.hr);
    await openEditor(page, deck.path);
    await expect(page.getByRole("heading", { name: "Карточка «Тема для правки»" })).toBeVisible();
    const preview = page.getByTestId("card-preview");
    await expect(preview.getByRole("listitem")).toHaveText(["старый пункт"]);

    await page.getByLabel("Текст (оборотная сторона, Markdown)").fill("## Новый раздел\n\n- первый новый пункт\n- второй новый пункт");
    await expect(preview.getByRole("heading", { name: "Новый раздел" })).toBeVisible();
    await expect(preview.getByRole("listitem")).toHaveText(["первый новый пункт", "второй новый пункт"]);
    await expect(page.getByTestId("card-save-status")).toHaveText("Есть несохранённые изменения");

    // What kind of change it is must be chosen.
    await page.keyboard.press("Control+s");
    await expect(page.getByText("Выберите, что это за правка: по существу (изменился факт) или редакторская.")).toBeVisible();
    await page.getByRole("radio", { name: /По существу/ }).check();
    await page.keyboard.press("Control+s");
    await expect(page.getByTestId("card-save-status")).toHaveText("Сохранено");
    await expect(page.getByRole("radio", { name: /По существу/ })).toBeHidden();
    const [row] = await sql(`SELECT "back", "version" FROM "Card" WHERE "id" = $1`, [deck.cardId]);
    expect(row).toEqual({ back: "## Новый раздел\n\n- первый новый пункт\n- второй новый пункт", version: 2 });

    const knewContext = await browser.newContext();
    try {
      const student = await knewContext.newPage();
      await login(student, knew.email);
      // The home page lists the change until it is dismissed.
      await student.goto("/");
      const changes = student.getByTestId("card-changes");
      await expect(changes.getByTestId("card-change-item").filter({ hasText: "Тема для правки" })).toContainText("Колода редактора e2e");
      await student.getByRole("button", { name: "Понятно" }).click();
      await expect(changes).toBeHidden();
      await student.reload();
      await expect(student.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(changes).toBeHidden();

      await student.goto(`/decks/${deck.slug}/review`);
      await expect(student.getByTestId("card-changed")).toHaveText("Изменилось");
      await expect(student.locator("[data-keyboard=ready]")).toBeVisible();
      await student.keyboard.press("Space");
      await expect(student.getByTestId("card-change-before").locator("del")).toHaveText(["старый"]);
      await expect(student.getByTestId("card-change-after").locator("ins")).toHaveText(["## Новый раздел", "первый новый", "- второй новый пункт"]);
      await expect(student.getByTestId("card-change-after").locator("del")).toHaveCount(0);
      await student.getByRole("button", { name: /Хорошо/ }).click();
      await expect(student.getByTestId("review-done")).toBeVisible();
    } finally {
      await knewContext.close();
    }

    const learner = await createLearner("card-edit");
    const context = await browser.newContext();
    try {
      const student = await context.newPage();
      await login(student, learner.email);
      await student.goto(`/decks/${deck.slug}/cram`);
      await expect(student.getByTestId("card-front")).toHaveText("Тема для правки");
      await expect(student.locator("[data-keyboard=ready]")).toBeVisible();
      await student.keyboard.press("Space");
      await expect(student.getByRole("heading", { name: "Новый раздел" })).toBeVisible();
      await expect(student.getByText("второй новый пункт")).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("a card changed behind the editor's back opens a conflict with both versions, and nothing is overwritten", async ({ page }) => {
    const deck = await createDeck();
    await login(page, accounts.hr);
    await openEditor(page, deck.path);
    await page.getByLabel("Текст (оборотная сторона, Markdown)").fill("- мой пункт");
    await page.getByRole("radio", { name: /Редакторская правка/ }).check();
    await sql(`UPDATE "Card" SET "back" = '- пункт коллеги', "version" = 2 WHERE "id" = $1`, [deck.cardId]);

    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    const conflict = page.getByTestId("card-conflict");
    await expect(conflict).toBeVisible();
    await expect(conflict.getByTestId("conflict-yours-preview")).toHaveText("мой пункт");
    await expect(conflict.getByTestId("conflict-current-preview")).toHaveText("пункт коллеги");
    const [kept] = await sql(`SELECT "back", "version" FROM "Card" WHERE "id" = $1`, [deck.cardId]);
    expect(kept).toEqual({ back: "- пункт коллеги", version: 2 });

    await conflict.getByRole("button", { name: "Оставить мою (перезаписать)" }).click();
    await expect(conflict).toBeHidden();
    await expect(page.getByTestId("card-save-status")).toHaveText("Сохранено");
    const [mine] = await sql(`SELECT "back", "version" FROM "Card" WHERE "id" = $1`, [deck.cardId]);
    expect(mine).toEqual({ back: "- мой пункт", version: 3 });
  });

  test("HR adds a card to a published deck from the deck page, lands in its editor, and an employee gets it to study", async ({ page, browser }) => {
    const deck = await createDeck();
    const learner = await createLearner("new-card");
    // The deck's only card is already learnt and not due: a new card is all there is to study.
    await sql(
      `INSERT INTO "CardState" ("userId", "cardId", "due", "stability", "difficulty", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "updatedAt")
       VALUES ($1, $2, now() + interval '10 days', 10, 5, 10, 0, 3, 0, 2, now(), now())`,
      [learner.id, deck.cardId],
    );

    await login(page, accounts.hr);
    await page.goto(`/admin/decks/${deck.deckId}`);
    const form = page.locator("[data-testid=card-create][data-ready=true]");
    await expect(form).toBeVisible();
    await form.getByLabel("Тема (лицевая сторона)").fill("Курсы валют");
    await form.getByRole("button", { name: "Создать карточку" }).click();
    await expect(form.getByText("Заполните текст карточки (оборотную сторону).")).toBeVisible();
    await expect(form.getByLabel("Текст (оборотная сторона, Markdown)")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Текст (оборотная сторона, Markdown)").fill("- курс обновляется ежедневно");
    await form.getByRole("button", { name: "Создать карточку" }).click();
    await page.waitForURL(new RegExp(`/admin/decks/${deck.deckId}/cards/(?!${deck.cardId})[^/]+$`));
    await expect(page.getByTestId("card-editor")).toHaveAttribute("data-ready", "true");
    await expect(page.getByRole("heading", { name: "Карточка «Курсы валют»" })).toBeVisible();
    await expect(page.getByText("У этой карточки нет вопросов.")).toBeVisible();
    const [card] = await sql(`SELECT "key", "position" FROM "Card" WHERE "deckId" = $1 AND "front" = 'Курсы валют'`, [deck.deckId]);
    expect(card).toEqual({ key: "kursy-valyut", position: 1 });

    const context = await browser.newContext();
    try {
      const student = await context.newPage();
      await login(student, learner.email);
      await student.goto(`/decks/${deck.slug}/review`);
      await expect(student.getByTestId("card-front")).toHaveText("Курсы валют");
    } finally {
      await context.close();
    }
  });
});
