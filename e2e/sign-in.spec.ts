import { expect } from "@playwright/test";
import { accounts, expectSignedInAs, login, sql, submitLogin, test } from "./support";

test.describe("signing in and out", () => {
  test("an anonymous visit to a protected page goes to login and comes back after it", async ({ page }) => {
    await page.goto("/decks/attestation-prep");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdecks%2Fattestation-prep$/);
    await expect(page.getByRole("heading", { name: "Вход в портал" })).toBeVisible();

    await page.getByLabel("Электронная почта").fill(accounts.employee);
    await page.getByLabel("Пароль").fill("demo-password");
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page).toHaveURL(/\/decks\/attestation-prep$/);
    await expect(page.getByRole("heading", { name: "Подготовка к аттестации" })).toBeVisible();
  });

  test("a wrong password shows an error that does not say whether the email exists", async ({ page }) => {
    await submitLogin(page, accounts.analyst, "wrong-password");
    const error = page.locator("form [role=alert]");
    await expect(error).toHaveText("Неверная почта или пароль.");
    await expect(page).toHaveURL(/\/login/);

    await submitLogin(page, "nobody@company.example", "wrong-password");
    await expect(page.locator("form [role=alert]")).toHaveText("Неверная почта или пароль.");
  });

  test("an invalid email is named next to its field", async ({ page }) => {
    await submitLogin(page, "not-an-email", "x");
    await expect(page.getByText("Введите адрес электронной почты")).toBeVisible();
    await expect(page.getByLabel("Электронная почта")).toHaveAttribute("aria-invalid", "true");
  });

  test("logout ends the session", async ({ page }) => {
    await login(page, accounts.employee);
    await expectSignedInAs(page, /Сотрудникова Мария/);
    await page.getByRole("link", { name: "Выйти" }).click();
    await expect(page.getByRole("heading", { name: "Выход из портала" })).toBeVisible();
    await page.getByRole("button", { name: "Выйти" }).click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1/);
    await expect(page.getByText("Вы вышли из портала.")).toBeVisible();

    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a deactivated user is signed out on the next request, not at token expiry", async ({ page }) => {
    await login(page, accounts.engineer);
    await expectSignedInAs(page, /Инженеров Павел/);
    await sql(`UPDATE "User" SET "active" = false WHERE "email" = $1`, [accounts.engineer]);
    try {
      await page.reload();
      await expect(page).toHaveURL(/\/login/);
    } finally {
      await sql(`UPDATE "User" SET "active" = true WHERE "email" = $1`, [accounts.engineer]);
    }
  });

  test("a role change takes effect on the next request", async ({ page }) => {
    await login(page, accounts.analyst);
    await expect(page.getByRole("heading", { name: "Администрирование" })).toHaveCount(0);
    await sql(`UPDATE "User" SET "role" = 'HR' WHERE "email" = $1`, [accounts.analyst]);
    try {
      await page.reload();
      await expect(page.getByRole("heading", { name: "Администрирование" })).toBeVisible();
    } finally {
      await sql(`UPDATE "User" SET "role" = 'EMPLOYEE' WHERE "email" = $1`, [accounts.analyst]);
    }
  });
});
