import { expect, type Browser } from "@playwright/test";
import { accounts, createExam, createLearner, login, sql, test } from "./support";

const oldPrompt = "Старая формулировка: отчёт сдаётся в пятницу?";
const correctedPrompt = "Исправленная формулировка: отчёт сдаётся в четверг?";
const addedPrompt = "Новый вопрос: отчёт подписывает руководитель?";

/** A deck of its own whose one card has one exam question, and a one-question exam over that card. */
async function examOverOwnCard(learner: { id: string }) {
  const suffix = `${process.pid}-${Date.now()}`;
  const deckId = `e2e-vdeck-${suffix}`;
  const cardId = `e2e-vcard-${suffix}`;
  const cardKey = `versions-${suffix}`;
  const questionId = `e2e-vq-${suffix}`;
  await sql(
    `INSERT INTO "Deck" ("id", "slug", "title", "published", "updatedAt") VALUES ($1, $1, 'Колода версий e2e', true, now())`,
    [deckId],
  );
  await sql(
    `INSERT INTO "Card" ("id", "deckId", "key", "front", "back", "position", "updatedAt")
     VALUES ($1, $2, $3, 'Отчётность', '- отчёт по пятницам', 0, now())`,
    [cardId, deckId, cardKey],
  );
  await sql(
    `INSERT INTO "Question" ("id", "key", "cardId", "type", "prompt", "payload", "answerKey", "explanation", "pool", "updatedAt")
     VALUES ($1, $1, $2, 'TRUE_FALSE', $3, '{}', '{"value": true}', 'Так в регламенте.', 'EXAM', now())`,
    [questionId, cardId, oldPrompt],
  );
  const examId = await createExam(learner, { cards: [cardKey], questionCount: 1, title: `Экзамен версий ${suffix}` });
  return { examId, questionId, cardPath: `/admin/decks/${deckId}/cards/${cardId}` };
}

/** The learner starts a new attempt, checks the question shown, answers «Верно» and submits; returns the result page's path. */
async function takeAttempt(browser: Browser, email: string, examId: string, expectedPrompt: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  await page.goto(`/exams/${examId}`);
  await page.getByRole("button", { name: "Начать экзамен" }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
  await expect(page.getByTestId("question-prompt")).toHaveText(expectedPrompt);
  await page.locator("section[aria-labelledby=question-title]").getByLabel("Верно", { exact: true }).check();
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.getByRole("button", { name: "Завершить экзамен" }).click();
  await page.waitForURL(/\/result$/);
  const resultPath = new URL(page.url()).pathname;
  await context.close();
  return resultPath;
}

test("HR corrects and retires a question and adds a new one: a new attempt draws the new one, the earlier attempt's review keeps the old text", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000); // two attempts, three question edits, and axe checking each new kind of page beside them
  const learner = await createLearner("versions");
  const exam = await examOverOwnCard(learner);
  const firstResult = await takeAttempt(browser, learner.email, exam.examId, oldPrompt);

  await login(page, accounts.hr);
  await page.goto(`${exam.cardPath}/questions/${exam.questionId}`);
  await expect(page.getByTestId("question-editor")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("Формулировка вопроса").fill(correctedPrompt);
  await page.getByLabel(/^Активен/).uncheck();
  await page.getByRole("button", { name: "Сохранить", exact: true }).click();
  await expect(page.getByTestId("question-save-status")).toHaveText("Сохранено");

  await page.goto(`${exam.cardPath}/questions/new`);
  await expect(page.getByTestId("question-editor")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("Тип вопроса").selectOption({ label: "Верно / неверно" });
  await page.getByLabel("Формулировка вопроса").fill(addedPrompt);
  await page.getByRole("group", { name: "Верный ответ" }).getByRole("radio", { name: "Верно", exact: true }).check();
  await page.getByLabel("Пояснение (показывается после ответа)").fill("Подпись руководителя обязательна.");
  await page.getByLabel("Где используется").selectOption({ label: "Только экзамен" });
  await page.getByRole("button", { name: "Создать вопрос" }).click();
  await expect(page).toHaveURL(/\/questions\/(?!new)[^/]+$/);

  await takeAttempt(browser, learner.email, exam.examId, addedPrompt);

  const review = await browser.newContext();
  const reviewPage = await review.newPage();
  await login(reviewPage, learner.email);
  await reviewPage.goto(firstResult);
  await expect(reviewPage.getByText(oldPrompt)).toBeVisible();
  await expect(reviewPage.getByText(correctedPrompt)).toHaveCount(0);
  await review.close();
});
