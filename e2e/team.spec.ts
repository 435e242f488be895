import { expect, test, type Browser } from "@playwright/test";
import { accounts, answerShownQuestion, createExam, createLearner, login, sql } from "./support";

/** A learner in Засыпкин's department takes a one-question exam and submits it; returns the attempt id. */
async function finishedAttempt(browser: Browser, learner: { id: string; email: string }) {
  const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 1, title: "Экзамен команды" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, learner.email);
  await page.goto(`/exams/${examId}`);
  await page.getByRole("button", { name: "Начать экзамен" }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  const attemptId = /\/attempts\/([^/]+)$/.exec(new URL(page.url()).pathname)![1];
  await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
  await answerShownQuestion(page);
  await expect(page.getByTestId("save-state")).toHaveText("Сохранено");
  await page.getByRole("button", { name: "Завершить экзамен" }).click();
  await page.waitForURL(/\/result$/);
  await context.close();
  return attemptId;
}

test.describe("heads' team view", () => {
  test("a head sees their members with exam statuses and drills into a finished attempt", async ({ page, browser }) => {
    const learner = await createLearner("team");
    const attemptId = await finishedAttempt(browser, learner);
    const [{ name }] = await sql(`SELECT "name" FROM "User" WHERE "id" = $1`, [learner.id]);

    await login(page, accounts.head);
    await page.getByRole("link", { name: "Команда" }).click();
    await page.getByLabel("Поиск").fill(name);
    await page.getByRole("button", { name: "Показать" }).click();
    const row = page.getByTestId("team-member").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Отдел поддержки клиентов");
    await expect(row).toContainText("Экзамен команды");
    await expect(row).toContainText("Пробная аттестация");
    await expect(row.locator("li", { hasText: "Экзамен команды" }).getByTestId("member-exam-status")).toHaveText(/^(сдан|не сдан)$/);
    await expect(row.locator("li", { hasText: "Пробная аттестация" }).getByTestId("member-exam-status")).toHaveText("не начат");

    await row.getByRole("link", { name }).click();
    await page.getByTestId("member-attempts").getByRole("link", { name: "Экзамен команды" }).click();
    await expect(page).toHaveURL(new RegExp(`/team/attempts/${attemptId}$`));
    await expect(page.getByTestId("result-items").locator("> li")).toHaveCount(1);
    await expect(page.getByTestId("result-items")).toContainText("Правильный ответ");
  });

  test("the overview lists only the head's subtree", async ({ page }) => {
    await login(page, accounts.head);
    await page.goto("/team");
    const table = page.getByTestId("team-table");
    await expect(table).toContainText("Сотрудникова Мария (демо)");
    await expect(table).toContainText("Инженеров Павел (демо)");
    await expect(table).not.toContainText("Аналитикова Ирина (демо)");
  });

  test("a head of another department gets «not found» for that attempt, that member and that department", async ({ page, browser }) => {
    const learner = await createLearner("foreign");
    const attemptId = await finishedAttempt(browser, learner);
    const [{ departmentId }] = await sql(`SELECT "departmentId" FROM "User" WHERE "id" = $1`, [learner.id]);

    await login(page, accounts.otherHead);
    for (const path of [`/team/attempts/${attemptId}`, `/team/members/${learner.id}`, `/team?department=${departmentId}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await page.goto("/team");
    await expect(page.getByTestId("team-table")).not.toContainText("Учащийся foreign");
  });

  test("employees cannot reach the team pages", async ({ page }) => {
    await login(page, accounts.employee);
    await expect(page.getByRole("link", { name: "Команда" })).toHaveCount(0);
    for (const path of ["/team", `/team/members/x`, `/team/attempts/x`]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
  });
});
