import { expect } from "@playwright/test";
import { accounts, expectSignedInAs, login, submitLogin, test } from "./support";

test.describe("set-password links", () => {
  test("HR creates a user with a link; the person sets a password (after a mismatch), signs in, and the link is then used up", async ({ page, browser }) => {
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    const email = `link-user-${suffix}@company.example`;
    const name = `Ссылкина Анна ${suffix}`;

    await login(page, accounts.hr);
    await page.goto("/admin/users/new");
    await expect(page.locator("[data-testid=user-create-form][data-ready=true]")).toBeVisible();
    await page.getByLabel("ФИО", { exact: true }).fill(name);
    await page.getByLabel("Электронная почта").fill(email);
    await page.getByRole("radio", { name: "Ссылка для установки пароля" }).check();
    await page.getByRole("button", { name: "Создать" }).click();

    const box = page.getByTestId("password-link-box");
    await expect(box).toContainText("Больше ссылка показана не будет");
    await expect(page.getByTestId("one-time-password-box")).toHaveCount(0);
    const link = (await page.getByTestId("password-link").textContent())!.trim();
    expect(link).toMatch(/^http:\/\/[^/]+\/set-password\/[A-Za-z0-9_-]{43}$/);

    const context = await browser.newContext();
    try {
      const visitor = await context.newPage();
      await visitor.goto(link);
      await expect(visitor).toHaveURL(link);
      await expect(visitor.getByRole("heading", { name: "Установка пароля" })).toBeVisible();
      await expect(visitor.getByText(email)).toBeVisible();

      await visitor.getByLabel("Новый пароль").fill("надёжный-пароль-1");
      await visitor.getByLabel("Пароль ещё раз").fill("надёжный-пароль-2");
      await visitor.getByRole("button", { name: "Установить пароль" }).click();
      await expect(visitor.getByText("Пароли не совпадают: введите один и тот же пароль дважды.")).toBeVisible();
      await expect(visitor.getByLabel("Пароль ещё раз")).toHaveAttribute("aria-invalid", "true");

      await visitor.getByLabel("Новый пароль").fill("надёжный-пароль-1");
      await visitor.getByLabel("Пароль ещё раз").fill("надёжный-пароль-1");
      await visitor.getByRole("button", { name: "Установить пароль" }).click();
      await expect(visitor).toHaveURL(/\/login\?passwordSet=1$/);
      await expect(visitor.getByText("Пароль установлен. Войдите с новым паролем.")).toBeVisible();

      await submitLogin(visitor, email, "надёжный-пароль-1");
      await expectSignedInAs(visitor, new RegExp(name));

      await visitor.goto(link);
      await expect(visitor.getByTestId("set-password-problem")).toContainText("Эта ссылка уже использована");
      await expect(visitor.getByLabel("Новый пароль")).toHaveCount(0);
    } finally {
      await context.close();
    }
  });

  test("the page needs no sign-in; a link that does not exist shows why and no form", async ({ page }) => {
    await page.goto(`/set-password/${"A".repeat(43)}`);
    await expect(page).toHaveURL(/\/set-password\/A{43}$/);
    await expect(page.getByTestId("set-password-problem")).toContainText("Ссылка недействительна");
    await expect(page.getByLabel("Новый пароль")).toHaveCount(0);
    await page.getByRole("link", { name: "Перейти ко входу" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});
