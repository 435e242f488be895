import { expect } from "@playwright/test";
import { accounts, expectSignedInAs, login, test } from "./support";

test.describe("each role's home", () => {
  test("an employee sees the decks and their assigned exam, no team and no administration", async ({ page }) => {
    await login(page, accounts.employee);
    await expectSignedInAs(page, /Сотрудникова Мария/);
    await expect(page.getByText("Сотрудник", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Подготовка к аттестации" })).toBeVisible();
    await expect(page.getByText("11 карточек")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Мои экзамены" })).toBeVisible();
    const exams = page.getByTestId("my-exams");
    await expect(exams.getByRole("link", { name: "Пробная аттестация" })).toBeVisible();
    await expect(exams.getByTestId("exam-status")).toHaveText("Не начат");
    await expect(page.getByRole("heading", { name: "Моя команда" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Администрирование" })).toHaveCount(0);
  });

  test("a head sees their department and its sub-departments only", async ({ page }) => {
    await login(page, accounts.head);
    await expectSignedInAs(page, /Засыпкин Иван Владимирович/);
    const team = page.getByTestId("team-departments");
    await expect(team.getByRole("listitem")).toHaveText([/^СПС/, /^Системные инженеры/, /^Отдел поддержки клиентов/]);
    await expect(team).not.toContainText("Отдел внедрения");
    await expect(page.getByRole("heading", { name: "Администрирование" })).toHaveCount(0);
  });

  test("another head sees only their own department", async ({ page }) => {
    await login(page, accounts.otherHead);
    const team = page.getByTestId("team-departments");
    await expect(team.getByRole("listitem")).toHaveText([/^Отдел внедрения/]);
  });

  for (const [role, email, label] of [
    ["HR", accounts.hr, "Отдел кадров"],
    ["admin", accounts.admin, "Администратор"],
  ] as const) {
    test(`${role} sees every department and the portal's figures`, async ({ page }) => {
      await login(page, email);
      await expect(page.getByText(label, { exact: true })).toBeVisible();
      const stats = page.getByTestId("portal-stats");
      // Other tests add decks, cards and departments meanwhile: at least the seed's, and
      // the department figure matches the department list of the same page view.
      const cards = Number((await stats.getByText("Карточки").locator("..").locator("dd").textContent()) ?? "0");
      expect(cards).toBeGreaterThanOrEqual(11);
      const departments = await page.getByTestId("team-departments").getByRole("listitem").count();
      expect(departments).toBeGreaterThanOrEqual(8);
      await expect(stats.getByText("Подразделения").locator("..")).toContainText(String(departments));
    });
  }

  test("the deck page renders every card's Markdown", async ({ page }) => {
    await login(page, accounts.employee);
    await page.getByRole("link", { name: "Подготовка к аттестации" }).click();
    const cards = page.getByTestId("deck-card");
    await expect(cards).toHaveCount(11);
    await page.getByText("Структура компании").click();
    await expect(page.getByRole("heading", { name: "Бэк-офис" })).toBeVisible();
    await expect(page.getByText("Богатенков Илья Вадимович")).toBeVisible();
  });

  test("an unknown deck is not found", async ({ page }) => {
    await login(page, accounts.employee);
    const response = await page.goto("/decks/no-such-deck");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
  });

  test("the pages fit a phone screen", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await login(page, accounts.head);
    await expect(page.getByRole("heading", { name: "Моя команда" })).toBeVisible();
    for (const path of ["/", "/decks/attestation-prep", "/decks/attestation-prep/review", "/attempts", "/settings"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
