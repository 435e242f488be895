import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { accounts, expectSignedInAs, login, sql, submitLogin, test } from "./support";

/** Two new users' names and emails no other run uses. */
function uniqueUsers() {
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  return [
    { name: `Импортова Анна ${suffix}`, email: `import-anna-${suffix}@company.example` },
    { name: `Импортов Пётр ${suffix}`, email: `import-petr-${suffix}@company.example` },
  ];
}

async function openImport(page: Page) {
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Импорт из CSV" }).click();
  await expect(page.locator("[data-testid=user-import-form][data-ready=true]")).toBeVisible();
}

const countUsers = async (emails: string[]) => Number((await sql(`SELECT count(*) AS n FROM "User" WHERE "email" = ANY($1::text[])`, [emails]))[0].n);

test.describe("HR imports users from CSV", () => {
  test("a file with one bad row shows the error with its line and writes nothing; the fixed file imports, and a user signs in with their one-time password", async ({
    page,
    browser,
  }) => {
    const [anna, petr] = uniqueUsers();
    const emails = [anna.email, petr.email];
    const header = "ФИО;Почта;Должность;Подразделение;Роль";
    const annaLine = `${anna.name};${anna.email};Инженер;Бэк-офис / СПС / Системные инженеры;Руководитель`;

    await login(page, accounts.hr);
    await openImport(page);
    await page.getByLabel("Содержимое CSV").fill([header, annaLine, `${petr.name};${petr.email};Специалист;Бэк-офис / Нет такого отдела;`].join("\n"));
    await page.getByRole("button", { name: "Проверить" }).click();

    const error = page.getByTestId("import-error");
    await expect(error).toHaveCount(1);
    await expect(error.locator("td").nth(0)).toHaveText("3");
    await expect(error.locator("td").nth(1)).toHaveText("Подразделение");
    await expect(error.locator("td").nth(2)).toContainText("не найдено «Бэк-офис / Нет такого отдела»");
    await expect(page.getByRole("button", { name: "Импортировать" })).toBeDisabled();
    expect(await countUsers(emails)).toBe(0);

    // The fixed file, picked from disk this time: a BOM and "," as Excel may save it.
    await page.getByLabel("Файл CSV").setInputFiles({
      name: "users.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "\uFEFF" + ["name,email,position,department,role", annaLine.replaceAll(";", ","), `${petr.name},${petr.email},Специалист,Бэк-офис / СПС,`].join("\r\n"),
      ),
    });
    await expect(page.getByLabel("Содержимое CSV")).toHaveValue(new RegExp(petr.email));
    await page.getByRole("button", { name: "Проверить" }).click();
    await expect(page.getByTestId("import-row")).toHaveCount(2);
    await expect(page.getByText("Будет создано пользователей: 2")).toBeVisible();
    await expect(page.getByTestId("import-error")).toHaveCount(0);
    expect(await countUsers(emails)).toBe(0);

    await page.getByRole("button", { name: "Импортировать" }).click();
    await expect(page.getByText("Импортировано пользователей: 2.")).toBeVisible();
    await expect(page.getByTestId("imported-user")).toHaveCount(2);
    await expect(page.getByTestId("imported-email")).toHaveText(emails);
    const passwords = (await page.getByTestId("imported-password").allTextContents()).map((password) => password.trim());
    for (const password of passwords) expect(password).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    expect(page.url()).not.toContain(passwords[0]);
    expect(await countUsers(emails)).toBe(2);
    const [annaRow] = await sql(
      `SELECT u."role", d."key" FROM "User" u JOIN "Department" d ON d."id" = u."departmentId" WHERE u."email" = $1`,
      [anna.email],
    );
    expect(annaRow).toEqual({ role: "HEAD", key: "system-engineers" });

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Скачать CSV с паролями" }).click();
    const file = await readFile((await (await downloading).path())!, "utf8");
    expect(file).toContain(`"${petr.email}";"${passwords[1]}"`);

    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    try {
      await submitLogin(userPage, petr.email, passwords[1]);
      await expectSignedInAs(userPage, new RegExp(petr.name));
    } finally {
      await userContext.close();
    }
  });

  test("an employee gets 404 on the import page", async ({ page }) => {
    await login(page, accounts.employee);
    const response = await page.goto("/admin/users/import");
    expect(response?.status()).toBe(404);
  });
});
