import http from "node:http";
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import { demoPassword } from "../prisma/demo-users";
import { accounts, createLearner, expectSignedInAs, login, sql, submitLogin, test } from "./support";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * A script signing in through Auth.js's endpoint from a loopback address of its own (127.0.0.x),
 * so the portal sees a client other than the browsers of the other tests. `signIn` answers the
 * outcome: "signed-in", or the error code ("invalid", "throttled").
 */
async function scriptFrom(baseURL: string, localAddress: string) {
  const { port } = new URL(baseURL);
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, localAddress, method, path, headers: { origin: baseURL, ...headers } }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      });
      request.on("error", reject);
      request.end(body);
    });
  const csrf = await send("GET", "/api/auth/csrf");
  const cookie = (csrf.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  return {
    async signIn(email: string, password: string, headers: Record<string, string> = {}) {
      const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString();
      const answer = await send("POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", cookie, ...headers }, body);
      const location = new URL(answer.headers.location ?? "/", baseURL);
      return location.searchParams.get("code") ?? (location.pathname === "/" ? "signed-in" : `status ${answer.status}`);
    },
  };
}

const stranger = () => `${randomUUID()}@company.example`;

test.describe("signing in and out", () => {
  test("an anonymous visit to a protected page goes to login and comes back after it", async ({ page }) => {
    await page.goto("/decks/attestation-prep");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdecks%2Fattestation-prep$/);
    await expect(page.getByRole("heading", { name: "Вход в портал" })).toBeVisible();

    await page.getByLabel("Электронная почта").fill(accounts.employee);
    await page.getByLabel("Пароль").fill("demo-password");
    await page.getByRole("button", { name: "Войти", exact: true }).click();
    await expect(page).toHaveURL(/\/decks\/attestation-prep$/);
    await expect(page.getByRole("heading", { name: "Подготовка к аттестации" })).toBeVisible();
  });

  test("a wrong password shows an error that does not say whether the email exists", async ({ page }) => {
    await submitLogin(page, accounts.analyst, "wrong-password");
    const error = page.locator("form [role=alert]");
    await expect(error).toHaveText("Неверная почта или пароль.");
    await expect(page).toHaveURL(/\/login/);

    await submitLogin(page, "nobody@company.example", "wrong-password");
    await expect(page.locator("form [role=alert]")).toHaveText("Неверная почта или пароль.");
  });

  test("an invalid email is named next to its field", async ({ page }) => {
    await submitLogin(page, "not-an-email", "x");
    await expect(page.getByText("Введите адрес электронной почты")).toBeVisible();
    await expect(page.getByLabel("Электронная почта")).toHaveAttribute("aria-invalid", "true");
  });

  test("logout ends the session", async ({ page }) => {
    await login(page, accounts.employee);
    await expectSignedInAs(page, /Сотрудникова Мария/);
    await page.getByRole("link", { name: "Выйти" }).click();
    await expect(page.getByRole("heading", { name: "Выход из портала" })).toBeVisible();
    await page.getByRole("button", { name: "Выйти" }).click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1/);
    await expect(page.getByText("Вы вышли из портала.")).toBeVisible();

    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("logging out ends the session on the server: a copy of its cookie no longer signs in", async ({ page, context }) => {
    await login(page, accounts.analyst);
    const sessionCookies = (await context.cookies()).filter((cookie) => cookie.name.includes("session-token"));
    expect(sessionCookies).not.toHaveLength(0);
    await page.goto("/logout");
    await page.getByRole("button", { name: "Выйти" }).click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1/);

    await context.addCookies(sessionCookies);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a stranger's guesses do not hold the owner out: a new browser is told when to retry, the owner's own browser signs in", async ({ page, browser, baseURL }) => {
    const owner = await createLearner("owner");
    await login(page, owner.email);
    await page.goto("/logout");
    await page.getByRole("button", { name: "Выйти" }).click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1/);

    const attacker = await scriptFrom(baseURL!, "127.0.0.6");
    const burst = await Promise.all(Array.from({ length: 25 }, (_, i) => attacker.signIn(owner.email, `guess-${i}`)));
    expect(burst.filter((answer) => answer === "throttled").length).toBeGreaterThanOrEqual(20);
    // Once the burst's wait is over, one more checked guess: the wait after it is counted from all 26 failures.
    for (let tries = 0; tries < 20 && (await attacker.signIn(owner.email, `one-more-guess-${tries}`)) === "throttled"; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const newDevice = await browser.newContext();
    const newPage = await newDevice.newPage();
    await submitLogin(newPage, owner.email, demoPassword);
    await expect(newPage.locator("form [role=alert]")).toHaveText(/^Слишком много попыток входа\. Повторите через ([1-5] мин|\d+ с)\.$/);
    await newDevice.close();

    await login(page, owner.email);
    await expectSignedInAs(page, /Учащийся owner/);
  });

  test("a made-up X-Forwarded-For neither escapes the address limit nor holds up the address it names", async ({ baseURL }) => {
    const guesser = await scriptFrom(baseURL!, "127.0.0.7");
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) answers.push(await guesser.signIn(stranger(), "wrong-password", { "x-forwarded-for": `203.0.113.${i}` }));
    expect(answers.filter((answer) => answer === "throttled").length).toBeGreaterThanOrEqual(5);

    const forger = await scriptFrom(baseURL!, "127.0.0.8");
    for (const forged of ["127.0.0.9", "::ffff:127.0.0.9"]) {
      for (let i = 0; i < 22; i++) await forger.signIn(stranger(), "wrong-password", { "x-forwarded-for": forged, "x-portal-client-address": forged });
    }
    const victim = await scriptFrom(baseURL!, "127.0.0.9");
    expect(await victim.signIn(stranger(), "wrong-password")).toBe("invalid");
  });

  test("a deactivated user is signed out on the next request, not at token expiry", async ({ page }) => {
    await login(page, accounts.engineer);
    await expectSignedInAs(page, /Инженеров Павел/);
    await sql(`UPDATE "User" SET "active" = false WHERE "email" = $1`, [accounts.engineer]);
    try {
      await page.reload();
      await expect(page).toHaveURL(/\/login/);
    } finally {
      await sql(`UPDATE "User" SET "active" = true WHERE "email" = $1`, [accounts.engineer]);
    }
  });

  test("a role change takes effect on the next request", async ({ page }) => {
    await login(page, accounts.analyst);
    await expect(page.getByRole("heading", { name: "Администрирование" })).toHaveCount(0);
    await sql(`UPDATE "User" SET "role" = 'HR' WHERE "email" = $1`, [accounts.analyst]);
    try {
      await page.reload();
      await expect(page.getByRole("heading", { name: "Администрирование" })).toBeVisible();
    } finally {
      await sql(`UPDATE "User" SET "role" = 'EMPLOYEE' WHERE "email" = $1`, [accounts.analyst]);
    }
  });
});
