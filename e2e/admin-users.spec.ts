import { expect, type Page } from "@playwright/test";
import { accounts, createLearner, expectSignedInAs, login, sql, submitLogin, test } from "./support";

let userCount = 0;

/** A name and email no other run or test uses. */
function uniqueUser() {
  userCount++;
  const suffix = `${process.pid}-${userCount}-${Date.now().toString(36)}`;
  return { email: `new-user-${suffix}@company.example`, name: `Новикова Вера ${suffix}` };
}

async function openCreateForm(page: Page) {
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Новый пользователь" }).click();
  await expect(page.locator("[data-testid=user-create-form][data-ready=true]")).toBeVisible();
}

test.describe("HR manages users", () => {
  test("HR creates a user, who signs in with the one-time password; HR edits them, then deactivates them and their session ends", async ({
    page,
    browser,
  }) => {
    const { email, name } = uniqueUser();
    const [{ id: supportId }] = await sql(`SELECT "id" FROM "Department" WHERE "key" = 'customer-support'`);

    await login(page, accounts.hr);
    await openCreateForm(page);
    await page.getByLabel("ФИО", { exact: true }).fill(name);
    await page.getByLabel("Электронная почта").fill(email.toUpperCase());
    await page.getByLabel("Должность").fill("Специалист поддержки");
    await page.getByLabel("Подразделение").selectOption(supportId);
    await page.getByRole("button", { name: "Создать" }).click();

    const box = page.getByTestId("one-time-password-box");
    await expect(box).toContainText("Больше он показан не будет");
    const password = (await page.getByTestId("one-time-password").textContent())!.trim();
    expect(password).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    expect(page.url()).not.toContain(password);
    const createdUrl = page.url();

    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    try {
      await submitLogin(userPage, email, password);
      await expectSignedInAs(userPage, new RegExp(name));

      // Shown once: a reload of the page does not bring it back.
      await page.reload();
      await expect(page).toHaveURL(createdUrl);
      await expect(page.getByTestId("one-time-password-box")).toHaveCount(0);

      await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
      const row = page.getByTestId("user-row");
      await expect(row).toHaveCount(1);
      await expect(row).toContainText("Отдел поддержки клиентов");
      await expect(row).toContainText("Активен");
      await row.getByRole("link", { name }).click();

      await expect(page.locator("[data-testid=user-edit-form][data-ready=true]")).toBeVisible();
      await page.getByLabel("Должность").fill("Старший специалист поддержки");
      await page.getByRole("button", { name: "Сохранить" }).click();
      await expect(page.getByText("Изменения сохранены.")).toBeVisible();
      await page.reload();
      await expect(page.getByLabel("Должность")).toHaveValue("Старший специалист поддержки");

      await userPage.reload();
      await expectSignedInAs(userPage, new RegExp(name));

      await expect(page.locator("[data-testid=user-access-panel][data-ready=true]")).toBeVisible();
      await page.getByRole("button", { name: "Заблокировать", exact: true }).click();
      await page.getByRole("button", { name: "Да, заблокировать" }).click();
      await expect(page.getByTestId("user-access-state")).toHaveText("Учётная запись заблокирована: войти в портал нельзя.");

      await userPage.reload();
      await expect(userPage).toHaveURL(/\/login/);
    } finally {
      await userContext.close();
    }
  });

  test("HR is offered only the employee and head roles, sees field errors next to the fields, and cannot change an admin", async ({ page }) => {
    await login(page, accounts.hr);
    await openCreateForm(page);
    await expect(page.getByLabel("Роль").locator("option")).toHaveText(["Сотрудник", "Руководитель"]);

    await page.getByRole("button", { name: "Создать" }).click();
    await expect(page.getByText("ФИО: укажите от 1 до 200 символов.")).toBeVisible();
    await expect(page.getByLabel("ФИО", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Электронная почта")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("ФИО", { exact: true }).fill(uniqueUser().name);
    await page.getByLabel("Электронная почта").fill(accounts.employee);
    await page.getByRole("button", { name: "Создать" }).click();
    await expect(page.getByText("Пользователь с такой почтой уже есть")).toBeVisible();
    await expect(page.getByTestId("one-time-password-box")).toHaveCount(0);

    const [{ id: adminId }] = await sql(`SELECT "id" FROM "User" WHERE "email" = $1`, [accounts.admin]);
    await page.goto(`/admin/users/${adminId}`);
    await expect(page.getByText("Учётные записи отдела кадров и администраторов меняет только администратор.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Сохранить" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Заблокировать", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Сбросить пароль" })).toHaveCount(0);
  });

  test("a password reset ends the user's open session; the new password signs in", async ({ page, browser }) => {
    const learner = await createLearner("reset");
    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    try {
      await login(userPage, learner.email);

      await login(page, accounts.hr);
      await page.goto(`/admin/users/${learner.id}`);
      await expect(page.locator("[data-testid=user-access-panel][data-ready=true]")).toBeVisible();
      await page.getByRole("button", { name: "Сбросить пароль" }).click();
      await page.getByRole("button", { name: "Да, сбросить" }).click();
      const password = (await page.getByTestId("one-time-password").textContent())!.trim();

      await userPage.reload();
      await expect(userPage).toHaveURL(/\/login/);
      await submitLogin(userPage, learner.email, password);
      await expect(userPage.getByTestId("current-user")).toBeVisible();
    } finally {
      await userContext.close();
    }
  });

  test("an admin is offered every role", async ({ page }) => {
    await login(page, accounts.admin);
    await openCreateForm(page);
    await expect(page.getByLabel("Роль").locator("option")).toHaveText(["Сотрудник", "Руководитель", "Отдел кадров", "Администратор"]);
  });

  test("an employee gets 404 on every user page", async ({ page }) => {
    const [{ id: employeeId }] = await sql(`SELECT "id" FROM "User" WHERE "email" = $1`, [accounts.employee]);
    await login(page, accounts.employee);
    for (const path of ["/admin/users", "/admin/users/new", `/admin/users/${employeeId}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });

  test("an unknown user id is 404", async ({ page }) => {
    await login(page, accounts.hr);
    const response = await page.goto("/admin/users/no-such-user");
    expect(response?.status()).toBe(404);
  });
});
