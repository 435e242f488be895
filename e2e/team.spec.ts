import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { accounts, createLearner, finishedAttempt, login, sql, test } from "./support";

test.describe("heads' team view", () => {
  test("a head sees their members with exam statuses and drills into a finished attempt", async ({ page, browser }) => {
    const learner = await createLearner("team");
    const { attemptId } = await finishedAttempt(browser, learner);
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
    // The head may still take the seeded mock exam, which can draw the same question: score and topics, no key.
    await expect(page.getByTestId("keys-withheld")).toBeVisible();
    await expect(page.getByTestId("result-topics")).toBeVisible();
    await expect(page.getByTestId("result-items")).toHaveCount(0);

    // HR reads every key in the editor anyway: the whole review with the key.
    const hr = await browser.newContext();
    const hrPage = await hr.newPage();
    await login(hrPage, accounts.hr);
    await hrPage.goto(`/team/attempts/${attemptId}`);
    await expect(hrPage.getByTestId("result-items").locator("> li")).toHaveCount(1);
    await expect(hrPage.getByTestId("result-items")).toContainText("Правильный ответ");
    await hr.close();
  });

  test("a head opens the heatmap and the question statistics, and downloads the exports as CSV and Excel", async ({ page, browser }) => {
    const learner = await createLearner("exports");
    const { examId } = await finishedAttempt(browser, learner, "Экзамен выгрузки");
    const [{ name }] = await sql(`SELECT "name" FROM "User" WHERE "id" = $1`, [learner.id]);

    await login(page, accounts.head);
    await page.goto("/team");
    await page.getByRole("link", { name: "Темы" }).click();
    const heatmap = page.getByTestId("topic-heatmap");
    await expect(heatmap).toBeVisible();
    const learnerRow = page.getByTestId("heatmap-row").filter({ hasText: name });
    await expect(learnerRow).toHaveCount(1);
    await expect(learnerRow.getByTestId("heatmap-cell").filter({ hasText: /^\d+\s?%$/ })).not.toHaveCount(0);
    await expect(page.getByTestId("weakest-topics")).toBeVisible();

    await page.goto(`/team/questions?exam=${examId}`);
    await expect(page.getByTestId("item-stat-row")).toHaveCount(1);
    // The head may still take the seeded mock exam, which can draw the question: its most chosen wrong answer is hidden.
    await expect(page.getByTestId("answers-withheld")).toBeVisible();

    const [resultsDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const results = parse(readFileSync((await resultsDownload.path())!), { delimiter: ";", bom: true }) as string[][];
    expect(results[0]).toContain("ФИО");
    expect(results.slice(1).map((row) => row[0])).toEqual([name]);

    await page.goto(`/team?q=${encodeURIComponent(name)}`);
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
    const rows = parse(readFileSync((await csvDownload.path())!), { delimiter: ";", bom: true }) as string[][];
    expect(rows[0].slice(0, 2)).toEqual(["ФИО", "Почта"]);
    const learnerRows = rows.slice(1).filter((row) => row[0] === name);
    expect(learnerRows.map((row) => row[4]).toSorted()).toEqual(["Пробная аттестация", "Экзамен выгрузки"]);

    const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path())!);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe("ФИО");
    const names = sheet.getColumn(1).values.slice(2);
    expect(names).toEqual([name, name]);
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
    const { attemptId } = await finishedAttempt(browser, learner);
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
