import { expect, type Page } from "@playwright/test";
import { accounts, login, sql, test } from "./support";

// HR manages decks. The tests never touch the seeded deck «Подготовка к аттестации»
// (other specs study it): they work on unpublished decks of their own and remove them.

let made = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++made}`;

const decks: string[] = [];

test.afterEach(async () => {
  await sql(`DELETE FROM "Card" WHERE "deckId" = ANY($1::text[])`, [decks]);
  await sql(`DELETE FROM "Deck" WHERE "id" = ANY($1::text[])`, [decks]);
  decks.length = 0;
});

/** An unpublished deck with the given cards (in this order), made behind the portal's back. */
async function insertDeck(title: string, fronts: string[]) {
  const id = `e2e-deck-${unique()}`;
  await sql(`INSERT INTO "Deck" ("id", "slug", "title", "updatedAt") VALUES ($1, $1, $2, now())`, [id, title]);
  decks.push(id);
  for (const [position, front] of fronts.entries()) {
    await sql(`INSERT INTO "Card" ("id", "deckId", "key", "front", "back", "position", "updatedAt") VALUES ($1, $2, $3, $4, '', $5, now())`, [
      `${id}-card-${position}`,
      id,
      `card-${position}`,
      front,
      position,
    ]);
  }
  return id;
}

const fronts = (page: Page) => page.getByTestId("deck-card-front");

async function openDeck(page: Page, id: string) {
  await page.goto(`/admin/decks/${id}`);
  await expect(page.locator("[data-testid=deck-editor][data-ready=true]")).toBeVisible();
}

test.describe("decks", () => {
  test("HR creates a deck and renames it", async ({ page }) => {
    const suffix = unique();
    const title = `Колода e2e ${suffix}`;
    const renamed = `Колода e2e переименованная ${suffix}`;
    await login(page, accounts.hr);
    await page.goto("/admin");
    await page.getByRole("link", { name: "Колоды", exact: true }).click();
    await expect(page.locator("[data-testid=deck-create][data-ready=true]")).toBeVisible();
    await page.getByLabel("Название").fill(title);
    await page.getByLabel("Описание").fill("Описание для проверки");
    await page.getByRole("button", { name: "Создать колоду" }).click();
    await page.waitForURL(/\/admin\/decks\/[^/]+$/);
    const id = new URL(page.url()).pathname.split("/").pop()!;
    decks.push(id);
    await expect(page.getByTestId("deck-title")).toHaveText(title);
    await expect(page.locator("[data-testid=deck-editor][data-ready=true]")).toBeVisible();
    await expect(page.getByTestId("deck-visibility")).toHaveText("Колода не опубликована: сотрудники её не видят.");

    await page.getByLabel("Название").fill(renamed);
    await page.getByRole("button", { name: "Сохранить" }).click();
    await expect(page.getByText("Сохранено.")).toBeVisible();
    await expect(page.getByTestId("deck-title")).toHaveText(renamed);
    const [row] = await sql(`SELECT "title", "version", "published" FROM "Deck" WHERE "id" = $1`, [id]);
    expect(row).toEqual({ title: renamed, version: 2, published: false });

    await page.getByRole("link", { name: "← Все колоды" }).click();
    await expect(page.getByTestId("deck-row").filter({ hasText: renamed })).toContainText("не опубликована");
  });

  test("HR moves a card with the keyboard and sees the new order after a reload", async ({ page }) => {
    const suffix = unique();
    const id = await insertDeck(`Колода порядка ${suffix}`, ["Первая тема", "Вторая тема", "Третья тема"]);
    await login(page, accounts.hr);
    await openDeck(page, id);
    await expect(fronts(page)).toHaveText(["Первая тема", "Вторая тема", "Третья тема"]);

    const first = page.getByTestId("deck-card").filter({ hasText: "Первая тема" });
    await first.focus();
    await page.keyboard.press("Alt+ArrowDown");
    await expect(fronts(page)).toHaveText(["Вторая тема", "Первая тема", "Третья тема"]);
    // Focus stays on the moved card, so it can go on moving.
    await expect(first).toBeFocused();
    await page.keyboard.press("Alt+ArrowDown");
    await expect(fronts(page)).toHaveText(["Вторая тема", "Третья тема", "Первая тема"]);
    await page.getByRole("button", { name: "Переместить «Третья тема» выше" }).click();
    await expect(fronts(page)).toHaveText(["Третья тема", "Вторая тема", "Первая тема"]);
    await expect(page.getByTestId("deck-order-state")).toHaveText("Порядок сохранён.");

    await page.reload();
    await expect(page.locator("[data-testid=deck-editor][data-ready=true]")).toBeVisible();
    await expect(fronts(page)).toHaveText(["Третья тема", "Вторая тема", "Первая тема"]);
    await expect(fronts(page).first()).toHaveAttribute("href", `/admin/decks/${id}/cards/${id}-card-2`);
  });

  test("an employee gets 404 on the decks pages", async ({ page }) => {
    const id = await insertDeck(`Колода скрытая ${unique()}`, ["Тема"]);
    await login(page, accounts.employee);
    for (const path of ["/admin/decks", `/admin/decks/${id}`]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
    }
  });
});
