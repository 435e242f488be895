import { expect, type Page } from "@playwright/test";
import { accounts, createLearner, login, sql, test } from "./support";

// HR edits the department tree and reads the audit log. Each test works on top-level
// departments of its own (unique names), never on the seeded ones other tests rely on.

let made = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++made}`;

const inserted: string[] = [];

/** A top-level department made behind the portal's back, for one test alone. */
async function insertDepartment(name: string) {
  const id = `e2e-department-${unique()}`;
  await sql(`INSERT INTO "Department" ("id", "key", "name", "position", "updatedAt") VALUES ($1, $1, $2, 1000, now())`, [id, name]);
  inserted.push(id);
  return id;
}

// Other specs count the seeded departments: leave none of ours (nor their sub-departments) behind.
test.afterEach(async () => {
  await sql(`DELETE FROM "Department" WHERE "parentId" = ANY($1::text[])`, [inserted]);
  await sql(`DELETE FROM "Department" WHERE "id" = ANY($1::text[])`, [inserted]);
  inserted.length = 0;
});

async function openDepartments(page: Page) {
  await login(page, accounts.hr);
  await page.goto("/admin/departments");
  await expect(page.locator("[data-testid=department-tree][data-ready=true]")).toBeVisible();
}

/** A department's own card (without its sub-departments), found by its exact name. */
const card = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

test.describe("the department tree", () => {
  test("HR renames a department and adds a sub-department, sees them in the tree and the audit log, and cannot move it under its own child", async ({ page }) => {
    const suffix = unique();
    const original = `Отдел e2e ${suffix}`;
    const renamed = `Отдел e2e переименованный ${suffix}`;
    const childName = `Подотдел e2e ${suffix}`;
    const futureChildName = `Будущий подотдел e2e ${suffix}`;
    const departmentId = await insertDepartment(original);
    const futureChildId = await insertDepartment(futureChildName);

    await openDepartments(page);
    await card(page, original).getByText("Изменить", { exact: true }).click();
    await card(page, original).getByLabel("Название", { exact: true }).fill(renamed);
    await card(page, original).getByRole("button", { name: "Переименовать" }).click();
    const department = card(page, renamed);
    await expect(department.getByTestId("department-name")).toHaveText(renamed);

    await department.getByLabel("Новое вложенное подразделение").fill(childName);
    await department.getByRole("button", { name: "Добавить" }).click();
    const child = card(page, childName);
    await expect(child).toBeVisible();
    await expect(page.getByRole("listitem").filter({ has: department }).filter({ has: child })).toHaveCount(1);

    // Meanwhile (another tab, another HR) the other department is put under this one; the
    // page still offers it as a new parent, and the server refuses the cycle.
    await sql(`UPDATE "Department" SET "parentId" = $1 WHERE "id" = $2`, [departmentId, futureChildId]);
    const parent = department.getByLabel("Входит в");
    await parent.selectOption({ label: futureChildName });
    await department.getByRole("button", { name: "Переместить" }).click();
    await expect(parent).toHaveAttribute("aria-invalid", "true");
    await expect(parent).toHaveAccessibleDescription("Нельзя переместить подразделение внутрь его собственного вложенного подразделения.");
    const [row] = await sql(`SELECT "parentId" FROM "Department" WHERE "id" = $1`, [departmentId]);
    expect(row.parentId).toBeNull();

    await page.getByRole("link", { name: "Журнал изменений" }).click();
    await page.getByLabel("Поиск").fill(suffix);
    await page.getByRole("button", { name: "Показать" }).click();
    const entries = page.getByTestId("audit-entry");
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toContainText("Создание подразделения");
    await expect(entries.nth(0)).toContainText(childName);
    await expect(entries.nth(1)).toContainText("Переименование подразделения");
    await expect(entries.nth(1)).toContainText("Кадрова Ольга (демо)");
    await expect(entries.nth(1).getByTestId("audit-change")).toHaveText(`name: ${original} → ${renamed}`);
  });

  test("HR deletes an empty department after confirming; one with a member is refused with the reason", async ({ page }) => {
    const suffix = unique();
    const emptyName = `Пустой отдел e2e ${suffix}`;
    const staffedName = `Отдел с сотрудником e2e ${suffix}`;
    const emptyId = await insertDepartment(emptyName);
    const staffedId = await insertDepartment(staffedName);
    const learner = await createLearner("structure");
    await sql(`UPDATE "User" SET "departmentId" = $1 WHERE "id" = $2`, [staffedId, learner.id]);

    await openDepartments(page);
    const staffed = card(page, staffedName);
    await staffed.getByText("Изменить", { exact: true }).click();
    await staffed.getByRole("button", { name: "Удалить подразделение" }).click();
    await staffed.getByRole("button", { name: "Да, удалить" }).click();
    await expect(staffed).toContainText("В подразделении 1 сотрудник (считая заблокированных): сначала переведите их в другое подразделение.");

    const empty = card(page, emptyName);
    await empty.getByText("Изменить", { exact: true }).click();
    await empty.getByRole("button", { name: "Удалить подразделение" }).click();
    await empty.getByRole("button", { name: "Да, удалить" }).click();
    await expect(empty).toHaveCount(0);
    expect(await sql(`SELECT "id" FROM "Department" WHERE "id" = ANY($1::text[])`, [[emptyId, staffedId]])).toEqual([{ id: staffedId }]);
  });
});

test("employees and heads get 404 on the department and audit pages", async ({ page }) => {
  for (const account of [accounts.employee, accounts.head]) {
    await page.context().clearCookies();
    await login(page, account);
    for (const path of ["/admin/departments", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), `${account} on ${path}`).toBe(404);
    }
  }
});
