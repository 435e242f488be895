import { expect } from "@playwright/test";
import { demoPassword } from "../prisma/demo-users";
import { createLearner, login, sql, submitLogin, test } from "./support";

test("a person on HR's one-time password must choose their own before anything else, then lands on the home page", async ({ page }) => {
  const learner = await createLearner("first-sign-in");
  // What HR's one-time password leaves behind (the demo password stands in for it).
  await sql(`UPDATE "User" SET "mustChangePassword" = true WHERE "id" = $1`, [learner.id]);

  await submitLogin(page, learner.email, demoPassword);
  await expect(page).toHaveURL(/\/settings\/password$/);
  await expect(page.getByText("Вы вошли с одноразовым паролем от отдела кадров.", { exact: false })).toBeVisible();
  await page.goto("/attempts");
  await expect(page).toHaveURL(/\/settings\/password$/);

  await page.getByLabel("Текущий пароль").fill("не-тот-пароль");
  await page.getByLabel("Новый пароль", { exact: true }).fill("мой-собственный-пароль");
  await page.getByLabel("Новый пароль ещё раз").fill("мой-собственный-пароль");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page.getByText("Текущий пароль введён неверно.")).toBeVisible();

  await page.getByLabel("Текущий пароль").fill(demoPassword);
  await page.getByLabel("Новый пароль", { exact: true }).fill("мой-собственный-пароль");
  await page.getByLabel("Новый пароль ещё раз").fill("мой-собственный-пароль");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("current-user")).toBeVisible();
  await page.goto("/attempts");
  await expect(page).toHaveURL(/\/attempts$/);
  expect(await sql(`SELECT "mustChangePassword" FROM "User" WHERE "id" = $1`, [learner.id])).toEqual([{ mustChangePassword: false }]);
});

test("a password changed from the settings ends the person's session on another device", async ({ page, browser }) => {
  const learner = await createLearner("own-change");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  try {
    await login(otherPage, learner.email);
    await login(page, learner.email);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Сменить пароль" }).click();
    await page.getByLabel("Текущий пароль").fill(demoPassword);
    await page.getByLabel("Новый пароль", { exact: true }).fill("ещё-один-новый-пароль");
    await page.getByLabel("Новый пароль ещё раз").fill("ещё-один-новый-пароль");
    await page.getByRole("button", { name: "Сменить пароль" }).click();
    await expect(page.getByText("Пароль изменён. Сеансы на других устройствах завершены.")).toBeVisible();

    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/login/);
  } finally {
    await other.close();
  }
});
