import { expect } from "@playwright/test";
import { accounts, login, sql, test } from "./support";

// HR assigns an exam to a department in the UI; a member of it finds the exam on their home page.

const created: string[] = [];

/** A published exam over one seed card, assigned to no one, for one test alone. */
async function insertExam(title: string) {
  const id = `e2e-assign-${process.pid}-${Date.now().toString(36)}-${created.length}`;
  await sql(
    `INSERT INTO "Exam" ("id", "key", "title", "questionCount", "timeLimitSeconds", "passPercent", "attemptsAllowed", "published", "updatedAt")
     VALUES ($1, $1, $2, 1, 1800, 80, 5, true, now())`,
    [id, title],
  );
  await sql(`INSERT INTO "ExamCard" ("examId", "cardId") SELECT $1, "id" FROM "Card" WHERE "key" = 'video-calls'`, [id]);
  created.push(id);
  return id;
}

// Other specs read the engineer's home page and the exams: leave none of ours behind.
test.afterEach(async () => {
  await sql(`DELETE FROM "Assignment" WHERE "examId" = ANY($1::text[])`, [created]);
  await sql(`DELETE FROM "ExamCard" WHERE "examId" = ANY($1::text[])`, [created]);
  await sql(`DELETE FROM "Exam" WHERE "id" = ANY($1::text[])`, [created]);
  created.length = 0;
});

test("HR assigns an exam to «Системные инженеры» with a due date; an engineer sees it on the home page", async ({ browser, page }) => {
  const title = `Экзамен назначения e2e ${process.pid}-${Date.now().toString(36)}`;
  await insertExam(title);
  const [{ id: departmentId }] = await sql(`SELECT "id" FROM "Department" WHERE "key" = 'system-engineers'`);

  await login(page, accounts.hr);
  await page.goto("/admin/exams");
  await expect(page.getByRole("link", { name: "Экзамены" })).toBeVisible();
  await expect(page.locator("[data-testid=exam-assignments][data-ready=true]")).toBeVisible();
  const exam = page.getByRole("group", { name: title, exact: true });
  await expect(exam).toContainText("Экзамен пока никому не назначен.");

  await exam.getByText("Назначить экзамен", { exact: true }).click();
  // Nothing chosen: the refusal is shown next to the select.
  await exam.getByRole("button", { name: "Назначить", exact: true }).click();
  await expect(exam.getByText("Выберите подразделение или сотрудника.")).toBeVisible();

  await exam.getByRole("combobox", { name: "Подразделение", exact: true }).selectOption(departmentId);
  await exam.getByLabel("Срок (необязательно)").fill("2030-12-31T18:00");
  await exam.getByRole("button", { name: "Назначить", exact: true }).click();
  const assignment = exam.getByTestId("assignment");
  await expect(assignment.getByTestId("assignment-target")).toHaveText("Системные инженеры");
  // Read in the company's time zone (Moscow), whatever the browser's.
  await expect(assignment.getByTestId("assignment-due")).toContainText("срок: 31 дек. 2030 г., 18:00");
  const [stored] = await sql(`SELECT "dueAt" FROM "Assignment" WHERE "examId" = $1`, [created[0]]);
  expect((stored.dueAt as Date).toISOString()).toBe("2030-12-31T15:00:00.000Z");

  // The same department again is refused.
  await exam.getByRole("combobox", { name: "Подразделение", exact: true }).selectOption(departmentId);
  await exam.getByRole("button", { name: "Назначить", exact: true }).click();
  await expect(exam.getByText("Этот экзамен уже назначен этому подразделению", { exact: false })).toBeVisible();
  await expect(exam.getByTestId("assignment")).toHaveCount(1);

  const context = await browser.newContext();
  const engineer = await context.newPage();
  await login(engineer, accounts.engineer);
  const exams = engineer.getByTestId("my-exams");
  await expect(exams.getByRole("link", { name: title })).toBeVisible();
  await expect(exams).toContainText("31 дек. 2030 г., 18:00");
  await context.close();
});

test("an employee gets 404 on the exam assignments page", async ({ page }) => {
  await login(page, accounts.employee);
  const response = await page.goto("/admin/exams");
  expect(response?.status()).toBe(404);
});
