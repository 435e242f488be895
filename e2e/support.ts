import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl } from "./playwright.config";
import { demoPassword } from "../prisma/demo-users";

export const accounts = {
  employee: "employee@demo.local",
  engineer: "engineer@demo.local",
  analyst: "analyst@demo.local",
  head: "i.zasypkin@company.example",
  otherHead: "a.shikin@company.example",
  hr: "hr@demo.local",
  admin: "admin@demo.local",
};

/** Fills and submits the login form, without waiting for the outcome. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Войти" }).click();
}

/** Signs in with the demo password and waits for the portal's header. */
export async function login(page: Page, email: string) {
  await submitLogin(page, email, demoPassword);
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function expectSignedInAs(page: Page, name: RegExp | string) {
  await expect(page.getByTestId("current-user")).toHaveText(name);
}

/** Runs SQL against the portal's test database (to change data behind its back). */
export async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

let learnerCount = 0;

/** A fresh employee with no study history, so a test's study data is its own. */
export async function createLearner(label: string) {
  learnerCount++;
  const email = `learner-${label}-${process.pid}-${learnerCount}-${Date.now()}@demo.local`;
  const [{ hash }] = await sql(`SELECT "passwordHash" AS hash FROM "User" WHERE "email" = $1`, [accounts.employee]);
  const [user] = await sql(
    `INSERT INTO "User" ("id", "email", "name", "position", "role", "passwordHash", "departmentId", "updatedAt")
     SELECT $1, $2, $3, 'Специалист поддержки', 'EMPLOYEE', $4, "id", now() FROM "Department" WHERE "key" = 'customer-support'
     RETURNING "id", "email"`,
    [`e2e-${learnerCount}-${Date.now()}-${process.pid}`, email, `Учащийся ${label} ${Date.now().toString(36)}${learnerCount}`, hash],
  );
  return user as { id: string; email: string };
}

/** An exam over the given cards of the seed deck, assigned to one user, with the full review after each attempt. */
export async function createExam(
  assignee: { id: string },
  options: { cards: string[]; questionCount: number; timeLimitSeconds?: number; title?: string },
) {
  const id = `e2e-exam-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await sql(
    `INSERT INTO "Exam" ("id", "key", "title", "questionCount", "timeLimitSeconds", "passPercent", "attemptsAllowed",
       "reviewPolicy", "reviewTiming", "shuffleQuestions", "shuffleOptions", "published", "updatedAt")
     VALUES ($1, $1, $2, $3, $4, 80, 5, 'FULL', 'AFTER_EACH_ATTEMPT', false, true, true, now())`,
    [id, options.title ?? "Экзамен e2e", options.questionCount, options.timeLimitSeconds ?? 1800],
  );
  await sql(
    `INSERT INTO "ExamCard" ("examId", "cardId") SELECT $1, "id" FROM "Card" WHERE "key" = ANY($2::text[])`,
    [id, options.cards],
  );
  await sql(`INSERT INTO "Assignment" ("id", "examId", "userId") VALUES ($1, $2, $3)`, [`${id}-a`, id, assignee.id]);
  return id;
}

/** Gives some answer to the exam question on screen, whatever its type (text or a choice). */
export async function answerShownQuestion(page: Page) {
  const input = page.locator("section[aria-labelledby=question-title]").locator("input, select").first();
  const kind = await input.evaluate((element) => (element instanceof HTMLSelectElement ? "select" : (element as HTMLInputElement).type));
  if (kind === "text") await input.fill("ответ");
  else if (kind === "select") await input.selectOption({ index: 1 });
  else await input.click();
}

/** The learner takes a one-question exam assigned to them and submits it; returns the attempt id. */
export async function finishedAttempt(browser: Browser, learner: { id: string; email: string }, title = "Экзамен команды") {
  const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 1, title });
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
  return { attemptId, examId };
}
