import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { accounts, login, submitLogin, test } from "./support";
import { demoPassword } from "../prisma/demo-users";
import { findFreePort, startEmbeddedPostgres } from "../prisma/embedded-server";

// The shared e2e portal runs on the embedded default, so it has the demo accounts. The removal
// itself is tested in lib/admin/demo.test.ts: clicking it here would sign the other specs out.

test("every page says «Демо-режим» while demo accounts exist, signed in or not", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("demo-notice")).toContainText("Демо-режим");
  await login(page, accounts.employee);
  for (const url of ["/", "/attempts", "/settings"]) {
    await page.goto(url);
    await expect(page.getByTestId("demo-notice"), url).toBeVisible();
  }
});

test("the admin area lists the demo accounts and asks before removing them all", async ({ page }) => {
  await login(page, accounts.admin);
  await page.goto("/admin");
  const panel = page.getByTestId("demo-removal");
  for (const email of Object.values(accounts)) await expect(panel, email).toContainText(email);
  await panel.getByRole("button", { name: "Удалить демо-доступ" }).click();
  await expect(panel).toContainText("Заблокировать демо-учётные записи и удалить демо-пароли (7)? Их сеансы завершатся.");
  await expect(panel.getByRole("button", { name: "Удалить", exact: true })).toBeVisible();
  await panel.getByRole("button", { name: "Отмена" }).click();
  await expect(panel.getByRole("button", { name: "Удалить демо-доступ" })).toBeVisible();
});

test("HR sees no removal: it is for admins", async ({ page }) => {
  await login(page, accounts.hr);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Администрирование" })).toBeVisible();
  await expect(page.getByTestId("demo-removal")).toHaveCount(0);
});

test("a portal started on a fresh server database (DATABASE_URL) has no account that signs in with the demo password", async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-server-db-"));
  const database = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  const port = await findFreePort();
  const portal = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/cli/start.ts", "--port", String(port), "--data", path.join(dataDir, "portal")],
    {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: database.url, WEB_CONCURRENCY: "1", PORT: String(port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  portal.stdout.on("data", (chunk) => (output += chunk));
  portal.stderr.on("data", (chunk) => (output += chunk));
  try {
    // Once ready, start.ts prints how to sign in.
    await expect.poll(() => output, { timeout: 200_000, intervals: [500] }).toMatch(/(No admin yet|Demo logins).*\n|Error/);
    expect(output).toContain("The portal is ready");

    const base = `http://localhost:${port}`;
    for (const email of Object.values(accounts)) {
      await submitLogin(page, email, demoPassword, `${base}/login`);
      await expect(page.locator("form [role=alert]"), email).toHaveText("Неверная почта или пароль.");
    }
    await expect(page.getByTestId("demo-notice")).toHaveCount(0);
    expect(output).toContain("Seeded the content (");
    expect(output).toMatch(/No admin yet: .*npm run user:create-admin/);
    expect(output).not.toContain(demoPassword);
  } finally {
    process.kill(-portal.pid!, "SIGTERM");
    await new Promise((resolve) => portal.once("exit", resolve));
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
