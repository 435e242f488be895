import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { killPortal, startPortal } from "./portal-process";
import { accounts, expectSignedInAs, submitLogin, test } from "./support";
import { startSmtpServer } from "../lib/testing/smtp";
import { demoPassword } from "../prisma/demo-users";
import { findFreePort } from "../prisma/embedded-server";

// A portal of its own (lib/cli/start.ts, as `npm start` runs it) with e-mail on, sending to an SMTP server the test
// runs: its sender delivers what HR's form put in the outbox.
test("with SMTP configured, HR e-mails a set-password link; the sender delivers it and the person sets a password through it", async ({ browser }) => {
  test.setTimeout(300_000);
  const smtp = await startSmtpServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-mail-"));
  const portalUrl = "https://portal.mail-e2e.example";
  const portal = await startPortal({
    dataDir,
    env: { WEB_CONCURRENCY: "1", SMTP_URL: smtp.settings.smtpUrl, MAIL_FROM: "Аттестация <attestation@company.example>", PORTAL_URL: portalUrl },
    args: ["--fresh", "--pg-port", String(await findFreePort())],
  });
  const context = await browser.newContext({ baseURL: portal.base });
  try {
    const page = await context.newPage();
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    const email = `mail-user-${suffix}@company.example`;
    const name = `Письмова Ольга ${suffix}`;
    await submitLogin(page, accounts.hr, demoPassword, `${portal.base}/login`);
    await expect(page.getByTestId("current-user")).toBeVisible();

    await page.goto(`${portal.base}/admin/users/new`);
    await expect(page.locator("[data-testid=user-create-form][data-ready=true]")).toBeVisible();
    await page.getByLabel("ФИО", { exact: true }).fill(name);
    await page.getByLabel("Электронная почта").fill(email);
    await page.getByRole("radio", { name: "Ссылка письмом на почту сотрудника" }).check();
    await page.getByRole("button", { name: "Создать" }).click();
    await expect(page.getByTestId("password-link-sent")).toContainText(email);
    await expect(page.getByTestId("password-link")).toHaveCount(0);

    // The sender runs every 10 s.
    await expect.poll(() => smtp.received.filter((message) => message.to.includes(email)).length, { timeout: 60_000 }).toBe(1);
    const [message] = smtp.received.filter((received) => received.to.includes(email));
    expect(message.parsed.subject).toBe("Доступ к порталу «Аттестация»");
    const link = /https:\/\/\S+/.exec(message.parsed.text ?? "")![0];
    expect(link).toMatch(new RegExp(`^${portalUrl.replaceAll(".", "\\.")}/set-password/[A-Za-z0-9_-]{43}$`));

    await page.goto(`${portal.base}/admin/outbox`);
    await expect(page.getByTestId("mail-state")).toContainText("Почта включена");
    await expect(page.getByTestId("outbox-message").filter({ hasText: email })).toContainText("Отправлено");

    const visitor = await (await browser.newContext({ baseURL: portal.base })).newPage();
    await visitor.goto(`${portal.base}${new URL(link).pathname}`);
    await visitor.getByLabel("Новый пароль").fill("надёжный-пароль-1");
    await visitor.getByLabel("Пароль ещё раз").fill("надёжный-пароль-1");
    await visitor.getByRole("button", { name: "Установить пароль" }).click();
    await expect(visitor).toHaveURL(/\/login\?passwordSet=1$/);
    await submitLogin(visitor, email, "надёжный-пароль-1", `${portal.base}/login`);
    await expectSignedInAs(visitor, new RegExp(name));
  } finally {
    await context.close();
    await killPortal(portal);
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
