import { readFile } from "node:fs/promises";
import { expect, type Download, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { accounts, createLearner, login, sql, test } from "./support";

let deckCount = 0;

/**
 * A published deck of its own (one card, two true/false questions), so the seeded
 * deck stays as other tests expect it.
 */
async function createDeck() {
  deckCount++;
  const suffix = `${process.pid}-${Date.now()}-${deckCount}`;
  const slug = `e2e-transfer-${suffix}`;
  const cardKey = `transfer-${suffix}`;
  const [deck] = await sql(
    `INSERT INTO "Deck" ("id", "slug", "title", "description", "published", "updatedAt")
     VALUES ($1, $2, 'Колода переноса e2e', 'Колода для проверки экспорта и импорта.', true, now()) RETURNING "id"`,
    [`e2e-transfer-deck-${suffix}`, slug],
  );
  const [card] = await sql(
    `INSERT INTO "Card" ("id", "deckId", "key", "front", "back", "position", "updatedAt")
     VALUES ($1, $2, $3, 'Тема переноса', '- старый пункт', 0, now()) RETURNING "id"`,
    [`e2e-transfer-card-${suffix}`, deck.id, cardKey],
  );
  const questions = [`${cardKey}-kept`, `${cardKey}-removed`];
  for (const [position, key] of questions.entries()) {
    await sql(
      `INSERT INTO "Question" ("id", "key", "cardId", "type", "prompt", "payload", "answerKey", "explanation", "pool", "position", "updatedAt")
       VALUES ($1, $2, $3, 'TRUE_FALSE', $4, '{}', '{"value": true}', 'Карточка «Тема переноса».', 'BOTH', $5, now())`,
      [`e2e-transfer-question-${suffix}-${position}`, key, card.id, `Утверждение ${position + 1} колоды переноса.`, position],
    );
  }
  return { id: deck.id as string, slug, cardKey, questions };
}

async function downloaded(page: Page, testId: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return { download, bytes: await readFile((await download.path())!) };
}

async function openImport(page: Page) {
  await page.goto("/admin/decks");
  await page.getByRole("link", { name: "Импорт из архива" }).click();
  await expect(page.locator("[data-testid=content-import-form][data-ready=true]")).toBeVisible();
}

async function chooseArchive(page: Page, name: string, files: Record<string, string>) {
  const archive = zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
  await page.getByLabel("Архив .zip").setInputFiles({ name, mimeType: "application/zip", buffer: Buffer.from(archive) });
}

test.describe("HR exports a deck and imports it back", () => {
  test("the deck downloads as a content/ zip and a CSV; an edited archive previews 1 changed card and 1 retired question, imports, and employees see the new text", async ({
    page,
    browser,
  }) => {
    const deck = await createDeck();
    const dir = `decks/${deck.slug}`;
    await login(page, accounts.hr);
    await page.goto(`/admin/decks/${deck.id}`);

    const zip = await downloaded(page, "deck-export-zip");
    expect(zip.download.suggestedFilename()).toMatch(new RegExp(`^${deck.slug}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(zip.bytes))).map(([path, bytes]) => [path, strFromU8(bytes)]));
    expect(Object.keys(files).sort()).toEqual([`${dir}/cards/${deck.cardKey}.md`, `${dir}/deck.yaml`, `${dir}/questions/${deck.cardKey}.yaml`]);
    expect(files[`${dir}/cards/${deck.cardKey}.md`]).toBe("---\nfront: Тема переноса\n---\n- старый пункт\n");

    const csv = await downloaded(page, "deck-export-csv");
    expect(csv.download.suggestedFilename()).toMatch(new RegExp(`^${deck.slug}-questions-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const rows = parse(csv.bytes, { delimiter: ";", bom: true }) as string[][];
    expect(rows.map((row) => [row[0], row[2], row[5], row[8]])).toEqual([
      ["Ключ карточки", "ID вопроса", "Статус", "Правильный ответ"],
      [deck.cardKey, deck.questions[0], "активен", "Верно"],
      [deck.cardKey, deck.questions[1], "активен", "Верно"],
    ]);

    // One card's text changed, one question removed.
    files[`${dir}/cards/${deck.cardKey}.md`] = "---\nfront: Тема переноса\n---\n- новый пункт из архива\n";
    const questionsFile = `${dir}/questions/${deck.cardKey}.yaml`;
    files[questionsFile] = files[questionsFile].split(`\n\n- id: ${deck.questions[1]}`)[0] + "\n";
    await openImport(page);
    await expect(page.getByRole("button", { name: "Импортировать" })).toBeDisabled();
    await chooseArchive(page, `${deck.slug}.zip`, files);
    await page.getByRole("button", { name: "Проверить" }).click();

    await expect(page.getByText("Будет создано: 0, изменено: 1, снято: 1.")).toBeVisible();
    await expect(page.getByTestId("import-changed").getByTestId("import-item")).toHaveText([`${deck.cardKey} — Тема переноса`]);
    await expect(page.getByTestId("import-retired").getByTestId("import-item")).toHaveText([`${deck.questions[1]} — Утверждение 2 колоды переноса.`]);
    await expect(page.getByTestId("import-created")).toHaveCount(0);
    expect((await sql(`SELECT "back" FROM "Card" WHERE "key" = $1`, [deck.cardKey]))[0].back).toBe("- старый пункт");

    await page.getByRole("button", { name: "Импортировать" }).click();
    await expect(page.getByTestId("import-done")).toContainText("Импорт выполнен: создано 0, изменено 1, снято 1.");
    expect(await sql(`SELECT "key", "active" FROM "Question" WHERE "key" = ANY($1::text[]) ORDER BY "key"`, [deck.questions])).toEqual([
      { key: deck.questions[0], active: true },
      { key: deck.questions[1], active: false },
    ]);
    await page.getByRole("link", { name: "← Все колоды" }).last().click();
    await expect(page).toHaveURL(/\/admin\/decks$/);

    const learner = await createLearner("content-transfer");
    const context = await browser.newContext();
    try {
      const student = await context.newPage();
      await login(student, learner.email);
      await student.goto(`/decks/${deck.slug}`);
      await student.getByTestId("deck-card").locator("summary").click();
      await expect(student.getByText("новый пункт из архива")).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("an archive with a bad question shows the error naming the file, question and field, and the import stays disabled", async ({ page }) => {
    const deck = await createDeck();
    const dir = `decks/${deck.slug}`;
    await login(page, accounts.hr);
    await openImport(page);
    await chooseArchive(page, "broken.zip", {
      [`${dir}/deck.yaml`]: `title: Колода переноса e2e\ndescription: ""\npublished: true\ncards:\n  - ${deck.cardKey}\n`,
      [`${dir}/cards/${deck.cardKey}.md`]: "---\nfront: Тема переноса\n---\n- пункт\n",
      [`${dir}/questions/${deck.cardKey}.yaml`]: `- id: ${deck.questions[0]}\n  type: true_false\n  pool: sometimes\n  prompt: "Утверждение."\n  answer: true\n  explanation: "Пояснение."\n`,
    });
    await page.getByRole("button", { name: "Проверить" }).click();

    const error = page.getByTestId("import-error");
    await expect(error).toHaveCount(1);
    await expect(error).toContainText(`broken.zip/${dir}/questions/${deck.cardKey}.yaml: question 1 (${deck.questions[0]}), field "pool"`);
    await expect(page.getByRole("button", { name: "Импортировать" })).toBeDisabled();

    await page.getByLabel("Архив .zip").setInputFiles({ name: "notes.zip", mimeType: "application/zip", buffer: Buffer.from("не архив") });
    await page.getByRole("button", { name: "Проверить" }).click();
    await expect(page.getByText("Это не архив .zip (или архив повреждён).")).toBeVisible();
    await expect(page.getByRole("button", { name: "Импортировать" })).toBeDisabled();
    expect((await sql(`SELECT "back" FROM "Card" WHERE "key" = $1`, [deck.cardKey]))[0].back).toBe("- старый пункт");
  });
  test("the check shows the bank linter's findings: an error blocks the import, a warning does not", async ({ page }) => {
    const deck = await createDeck();
    const dir = `decks/${deck.slug}`;
    const files = (questions: string) => ({
      [`${dir}/deck.yaml`]: `title: Колода переноса e2e\ndescription: ""\npublished: true\ncards:\n  - ${deck.cardKey}\n`,
      [`${dir}/cards/${deck.cardKey}.md`]: "---\nfront: Тема переноса\n---\n- старый пункт\n",
      [`${dir}/questions/${deck.cardKey}.yaml`]: questions,
    });
    // A new exam-only question whose answer the second question shows; the first seeded one is retired.
    const secret = `- id: ${deck.cardKey}-secret\n  type: short_text\n  pool: exam\n  prompt: "Какой пункт на карточке?"\n  answers: ["старый пункт"]\n  explanation: "Карточка «Тема переноса»."\n`;
    const giveaway = `- id: ${deck.questions[1]}\n  type: true_false\n  pool: practice\n  prompt: "На карточке есть старый пункт."\n  answer: true\n  explanation: "Карточка «Тема переноса»."\n`;
    const negative = `- id: ${deck.questions[1]}\n  type: true_false\n  pool: practice\n  prompt: "Пункт не новый."\n  answer: true\n  explanation: "Карточка «Тема переноса»."\n`;
    await login(page, accounts.hr);
    await openImport(page);

    await chooseArchive(page, "leak.zip", files(secret + giveaway));
    await page.getByRole("button", { name: "Проверить" }).click();
    const error = page.getByTestId("import-error");
    await expect(error).toHaveCount(1);
    await expect(error).toContainText(`decks/${deck.slug}: questions ${deck.cardKey}-secret, ${deck.questions[1]}, rule "key-leak" (error)`);
    await expect(page.getByRole("button", { name: "Импортировать" })).toBeDisabled();

    await chooseArchive(page, "warned.zip", files(secret + negative));
    await page.getByRole("button", { name: "Проверить" }).click();
    const warning = page.getByTestId("import-warning");
    await expect(warning).toHaveCount(1);
    await expect(warning).toHaveAttribute("data-rule", "unmarked-negative");
    await expect(warning).toContainText(deck.questions[1]);
    await page.getByRole("button", { name: "Импортировать" }).click();
    await expect(page.getByTestId("import-done")).toContainText("Импорт выполнен");
    expect((await sql(`SELECT "prompt" FROM "Question" WHERE "key" = $1`, [deck.questions[1]]))[0].prompt).toBe("Пункт не новый.");
  });
});
