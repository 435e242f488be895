import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { accounts, answerShownQuestion, createExam, createLearner, finishedAttempt, login, sql, test } from "./support";

// On a phone (playwright.config.ts): each role's main pages, each checked with axe in a settled state. On the desktop
// the other specs check every kind of page they pass through (support.ts).
test.use({ checkEveryPage: false });
// Axe takes a second or more per page on a busy machine.
test.describe.configure({ timeout: 120_000 });

const deckPath = "/decks/attestation-prep";

async function visit(page: Page, path: string) {
  await page.goto(path);
  await expectAccessible(page);
}

test.describe("accessibility of each role's pages", () => {
  test("an employee's home, deck, study sessions, exam, attempt, result and settings", async ({ page }) => {
    const learner = await createLearner("a11y");
    const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 1 });
    await login(page, learner.email);
    await expectAccessible(page);
    await visit(page, deckPath);

    await visit(page, `${deckPath}/review`);
    await page.getByRole("button", { name: /Показать ответ/ }).click();
    await expect(page.getByRole("button", { name: /Хорошо/ })).toBeVisible();
    await expectAccessible(page);
    await visit(page, `${deckPath}/practice`);
    await visit(page, `${deckPath}/cram`);

    await visit(page, `/exams/${examId}`);
    await page.getByRole("button", { name: "Начать экзамен" }).click();
    await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
    await expectAccessible(page);
    // The countdown is in the first screen, under a header of one line.
    const viewport = page.viewportSize()!;
    const header = (await page.locator("body > header").boundingBox())!;
    expect(header.height, "header height").toBeLessThanOrEqual(64);
    const countdown = (await page.getByTestId("countdown").boundingBox())!;
    expect(countdown.y + countdown.height, "countdown's bottom edge").toBeLessThanOrEqual(viewport.height / 3);

    await answerShownQuestion(page);
    await expect(page.getByTestId("save-state")).toHaveText("Сохранено");
    await page.getByRole("button", { name: "Завершить экзамен" }).click();
    await page.waitForURL(/\/result$/);
    await expectAccessible(page);

    for (const path of ["/attempts", "/settings", "/settings/password", "/logout"]) await visit(page, path);
  });

  test("a head's team pages", async ({ page, browser }) => {
    const learner = await createLearner("a11y-team");
    const { attemptId, examId } = await finishedAttempt(browser, learner, "Экзамен доступности");
    await login(page, accounts.head);
    await expectAccessible(page);
    // The header's links fold into a menu that the keyboard opens and closes.
    const menu = page.locator("summary", { hasText: "Меню" });
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("link", { name: "Команда" })).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("link", { name: "Команда" })).toBeHidden();
    await expect(menu).toBeFocused();
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Команда" }).click();
    await expect(page).toHaveURL(/\/team$/);
    await expect(page.getByRole("link", { name: "Команда" })).toBeHidden();
    for (const path of [
      "/team",
      `/team/members/${learner.id}`,
      `/team/attempts/${attemptId}`,
      `/team/questions?exam=${examId}`,
      "/team/topics",
      "/team/trends",
    ])
      await visit(page, path);
  });

  test("HR's administration pages", async ({ page }) => {
    const learner = await createLearner("a11y-admin");
    const [question] = await sql(
      `SELECT q."id", c."id" AS "cardId", c."deckId" FROM "Question" q JOIN "Card" c ON c."id" = q."cardId"
       JOIN "Deck" d ON d."id" = c."deckId" WHERE d."slug" = 'attestation-prep' ORDER BY c."position", q."id" LIMIT 1`,
    );
    const [exam] = await sql(`SELECT "id" FROM "Exam" ORDER BY "createdAt" LIMIT 1`);
    const cardPath = `/admin/decks/${question.deckId}/cards/${question.cardId}`;
    await login(page, accounts.hr);
    for (const path of [
      "/admin",
      "/admin/users",
      "/admin/users/new",
      "/admin/users/import",
      `/admin/users/${learner.id}`,
      "/admin/departments",
      "/admin/decks",
      "/admin/decks/import",
      `/admin/decks/${question.deckId}`,
      cardPath,
      `${cardPath}/questions/${question.id}`,
      "/admin/exams",
      "/admin/exams/new",
      `/admin/exams/${exam.id}`,
      "/admin/audit",
    ])
      await visit(page, path);
  });

  test("the sign-in pages", async ({ page }) => {
    await visit(page, "/login");
    await visit(page, `/set-password/${"A".repeat(43)}`);
  });
});
