import { expect } from "@playwright/test";
import { accounts, answerShownQuestion, createExam, createLearner, login, sql, test } from "./support";

// The re-check's opening by a substantive change is Vitest's (lib/exams/rechecks.test.ts); here a person who
// passed sees the open re-check, takes it without retaking the exam, and the heads' overview follows.
test("a person asked to re-confirm an exam takes the short re-check and is «сдан» again", async ({ page, browser }) => {
  const learner = await createLearner("recheck");
  const [{ name }] = await sql(`SELECT "name" FROM "User" WHERE "id" = $1`, [learner.id]);
  const examId = await createExam(learner, { cards: ["video-calls", "email"], questionCount: 2, title: "Экзамен с подтверждением" });
  // Any answer passes (pass mark 0), one attempt only, already used and passed.
  await sql(`UPDATE "Exam" SET "passPercent" = 0, "attemptsAllowed" = 1, "recheckDays" = 7 WHERE "id" = $1`, [examId]);
  await sql(
    `INSERT INTO "Attempt" ("id", "userId", "examId", "status", "startedAt", "deadline", "submittedAt", "percent", "passed", "updatedAt")
     VALUES ($1, $2, $3, 'SUBMITTED', now() - interval '2 days', now() - interval '2 days' + interval '30 minutes', now() - interval '2 days', 100, true, now())`,
    [`${examId}-passed`, learner.id, examId],
  );
  await sql(
    `INSERT INTO "Recheck" ("id", "userId", "examId", "cardIds", "dueAt")
     SELECT $1, $2, $3, ARRAY["id"], now() + interval '7 days' FROM "Card" WHERE "key" = 'video-calls'`,
    [`${examId}-recheck`, learner.id, examId],
  );

  await login(page, accounts.hr);
  await page.goto(`/team?q=${encodeURIComponent(name)}`);
  // The member's row for this exam (their department's exams are listed too).
  const row = page.getByRole("listitem").filter({ hasText: "Экзамен с подтверждением:" });
  await expect(row.getByTestId("member-exam-status")).toHaveText("нужно подтвердить");
  await expect(row.getByTestId("member-recheck-cards")).toHaveText("изменились: «В Skype»");

  const context = await browser.newContext();
  try {
    const taker = await context.newPage();
    await login(taker, learner.email);
    const mine = taker.getByTestId("my-exams").getByRole("listitem").filter({ hasText: "Экзамен с подтверждением" });
    await expect(mine.getByTestId("exam-status")).toHaveText("Нужно подтвердить");
    await taker.goto(`/exams/${examId}`);
    await expect(taker.getByTestId("exam-recheck")).toContainText("Изменились карточки: «В Skype»");
    await taker.getByRole("button", { name: "Начать проверку" }).click();
    await taker.waitForURL(/\/attempts\/[^/]+$/);
    await expect(taker.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
    await answerShownQuestion(taker);
    await expect(taker.getByTestId("save-state")).toHaveText("Сохранено");
    await taker.getByRole("button", { name: "Завершить экзамен" }).click();
    await taker.waitForURL(/\/result$/);

    await taker.goto(`/exams/${examId}`);
    await expect(taker.getByTestId("attempts-used")).toHaveText("Попыток использовано: 1 из 1");
    await expect(taker.getByTestId("exam-recheck")).toBeHidden();
    await expect(taker.getByText("Попытки закончились.")).toBeVisible();
  } finally {
    await context.close();
  }
  const [attempt] = await sql(`SELECT count(*)::int AS n FROM "AttemptItem" i JOIN "Attempt" a ON a."id" = i."attemptId" JOIN "Card" c ON c."id" = i."cardId" WHERE a."recheckId" = $1 AND c."key" <> 'video-calls'`, [`${examId}-recheck`]);
  expect(attempt).toEqual({ n: 0 });
  await page.reload();
  await expect(row.getByTestId("member-exam-status")).toHaveText("сдан");
  await expect(row.getByTestId("member-recheck-cards")).toBeHidden();
});
