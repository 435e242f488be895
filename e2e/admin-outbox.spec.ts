import { expect } from "@playwright/test";
import { accounts, login, sql, test } from "./support";

// HR's view of the outbox. The e2e portal has no SMTP_URL: e-mail is off, and the page says so;
// the messages are written behind its back, as the scheduler and sender would leave them.
test("HR sees the outbox newest first: sent, waiting and failed with the reason, and that e-mail is off", async ({ page }) => {
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const row = (n: number, status: string, fields: { attempts: number; lastError?: string; sentAt?: Date }, createdAt: Date) =>
    sql(
      `INSERT INTO "OutboxMessage" ("id", "kind", "dedupeKey", "recipient", "subject", "text", "html", "status", "attempts", "lastError", "sentAt", "createdAt", "nextAttemptAt")
       VALUES ($1, 'DUE_REMINDER', $1, $2, $3, '', '', $4::"OutboxStatus", $5, $6, $7, $8, $8)`,
      [`e2e-${run}-${n}`, `outbox-${n}-${run}@company.example`, `Письмо ${n} ${run}`, status, fields.attempts, fields.lastError ?? null, fields.sentAt ?? null, createdAt],
    );
  const future = Date.now() + 3_600_000;
  await row(1, "SENT", { attempts: 1, sentAt: new Date(future) }, new Date(future));
  await row(2, "WAITING", { attempts: 2, lastError: "450 Mailbox busy, try later" }, new Date(future + 1000));
  await row(3, "FAILED", { attempts: 5, lastError: "550 5.1.1 No such user" }, new Date(future + 2000));

  await login(page, accounts.hr);
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Почта" })).toBeVisible();
  await expect(page.getByTestId("mail-state")).toContainText("Почта выключена");
  const rows = page.getByTestId("outbox-message");
  await expect(rows.nth(0)).toContainText(`outbox-3-${run}@company.example`);
  await expect(rows.nth(0)).toContainText("Не отправлено");
  await expect(rows.nth(0)).toContainText("550 5.1.1 No such user");
  await expect(rows.nth(1)).toContainText("Ждёт отправки");
  await expect(rows.nth(1)).toContainText("450 Mailbox busy, try later");
  await expect(rows.nth(2)).toContainText("Отправлено");
  await expect(rows.nth(2)).not.toContainText("Mailbox");

  await page.getByRole("link", { name: "Не отправлено" }).click();
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(page.getByTestId("outbox-message").filter({ hasText: run })).toHaveCount(1);
  // With e-mail off HR is not offered to e-mail a set-password link.
  await page.goto("/admin/users/new");
  await expect(page.getByRole("radio", { name: "Ссылка для установки пароля" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Ссылка письмом на почту сотрудника" })).toHaveCount(0);
});
