import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { startIssuer, unverified } from "./oidc-issuer";
import { e2eOidc } from "./playwright.config";
import { killPortal, startPortal } from "./portal-process";
import { accounts, createLearner, expectSignedInAs, login, sql, submitLogin, test } from "./support";
import { demoPassword } from "../prisma/demo-users";
import { findFreePort } from "../prisma/embedded-server";

// The corporate provider (e2e/oidc-issuer.ts) is down for the first test and runs for the rest.
test.describe.configure({ mode: "serial" });

const failed = /^Не удалось войти через корпоративный аккаунт: сервис входа недоступен или его ответ не прошёл проверку/;

/** From the portal's login page through the provider's own login form, as the given e-mail. */
async function signInAtProvider(page: Page, email: string, loginUrl = "/login") {
  await page.goto(loginUrl);
  await page.getByRole("button", { name: "Войти через корпоративный аккаунт" }).click();
  await page.getByPlaceholder("Enter any login").fill(email);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function expectRefused(page: Page, message: RegExp | string) {
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByText(message)).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
}

test("a corporate provider that is down gets a clear message on the login page, and password sign-in still works", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Войти через корпоративный аккаунт" }).click();
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByText(failed)).toBeVisible();

  await login(page, accounts.employee);
  await expectSignedInAs(page, /Сотрудникова Мария/);
});

test("an error code made up in the login page's URL shows the general message, whatever its name", async ({ page }) => {
  for (const code of ["constructor", "__proto__", "toString", "made-up"]) {
    await page.goto(`/login?error=${code}`);
    await expect(page.getByText(failed)).toBeVisible();
  }
});

test("with password sign-in for admins only, an employee's right password is refused with a pointer to the corporate account; an admin still signs in", async ({ page }) => {
  // A portal of its own starts first (a fresh database, the build already made).
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-admins-only-"));
  const closedPort = await findFreePort();
  const portal = await startPortal({
    dataDir,
    env: {
      OIDC_ISSUER: `http://localhost:${closedPort}`,
      OIDC_CLIENT_ID: e2eOidc.clientId,
      OIDC_CLIENT_SECRET: e2eOidc.clientSecret,
      PASSWORD_SIGN_IN: "admins",
      WEB_CONCURRENCY: "1",
    },
    args: ["--fresh", "--pg-port", String(await findFreePort())],
  });
  try {
    await submitLogin(page, accounts.employee, demoPassword, `${portal.base}/login`);
    await expect(page.getByText("Вход по паролю — только для администраторов портала.")).toBeVisible();
    await expect(page.locator("form [role=alert]")).toHaveText("Вход по паролю отключён: войдите через корпоративный аккаунт.");

    await submitLogin(page, accounts.admin, demoPassword, `${portal.base}/login`);
    await expectSignedInAs(page, /Админов Артём/);
  } finally {
    await killPortal(portal);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.describe("with the corporate provider up", () => {
  let issuer: Awaited<ReturnType<typeof startIssuer>>;
  test.beforeAll(async ({ baseURL }) => {
    issuer = await startIssuer(baseURL!);
  });
  test.afterAll(async () => {
    await issuer.stop();
  });

  test("a person HR manages signs in with the corporate account as the portal's user, with the portal's role, and comes back where they were going", async ({ page }) => {
    await page.goto("/team");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fteam$/);
    await expect(page.getByRole("button", { name: "Войти через корпоративный аккаунт (Тестовый IdP)" })).toBeVisible();
    await signInAtProvider(page, accounts.head.toUpperCase(), page.url());
    await expect(page).toHaveURL(/\/team$/);
    await expectSignedInAs(page, /Засыпкин Иван Владимирович/);
    await page.goto("/");
    await expect(page.getByTestId("team-departments").getByRole("listitem")).toHaveText([/^СПС/, /^Системные инженеры/, /^Отдел поддержки клиентов/]);
  });

  test("without JavaScript the button still reaches the provider: the CSP's form-action allows the redirect after the form post", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAtProvider(page, accounts.employee);
    await expect(page).toHaveURL(/\/$/);
    await expectSignedInAs(page, /Сотрудникова Мария/);
    await context.close();
  });

  test("a person on HR's one-time password is let in and asked to choose their own password first, as after a password sign-in", async ({ page }) => {
    const learner = await createLearner("corporate-one-time");
    await sql(`UPDATE "User" SET "mustChangePassword" = true WHERE "id" = $1`, [learner.id]);
    await signInAtProvider(page, learner.email);
    await expect(page).toHaveURL(/\/settings\/password$/);
    await expect(page.getByRole("heading", { name: "Смена пароля" })).toBeVisible();
  });

  test("an e-mail the portal does not know is refused and no account is created", async ({ page }) => {
    const stranger = `stranger-${randomUUID()}@company.example`;
    await signInAtProvider(page, stranger);
    await expectRefused(page, "В портале нет сотрудника с почтой вашего корпоративного аккаунта. Обратитесь в отдел кадров.");
    expect(await sql(`SELECT "id" FROM "User" WHERE "email" = $1`, [stranger])).toEqual([]);
  });

  test("a deactivated user is refused", async ({ page }) => {
    const learner = await createLearner("corporate-gone");
    await sql(`UPDATE "User" SET "active" = false WHERE "id" = $1`, [learner.id]);
    await signInAtProvider(page, learner.email);
    await expectRefused(page, "Ваша учётная запись в портале заблокирована. Обратитесь в отдел кадров.");
  });

  test("an e-mail the provider has not verified is refused, though an active user has it", async ({ page }) => {
    const learner = await createLearner("corporate-unverified");
    const email = unverified(learner.email);
    await sql(`UPDATE "User" SET "email" = $2 WHERE "id" = $1`, [learner.id, email]);
    await signInAtProvider(page, email);
    await expectRefused(page, "Корпоративный аккаунт не подтвердил адрес электронной почты, поэтому войти с ним нельзя. Обратитесь в ИТ-поддержку.");
  });

  test("a callback whose state was changed is refused by Auth.js; the untouched one then signs in", async ({ page }) => {
    const held = issuer.holdNextCallback();
    await signInAtProvider(page, accounts.employee);
    const callback = await held;

    const tampered = new URL(callback);
    const state = tampered.searchParams.get("state")!;
    tampered.searchParams.set("state", `${state.slice(0, -4)}${state.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`);
    await page.goto(tampered.toString());
    await expectRefused(page, failed);

    await page.goto(callback);
    await expectSignedInAs(page, /Сотрудникова Мария/);
  });
});
