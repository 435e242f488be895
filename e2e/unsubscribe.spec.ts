import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { accounts, portalOrigin, sql, test } from "./support";

/** The link a digest carries (lib/mail/unsubscribe.ts), signed with the test portal's generated secret. */
function unsubscribeToken(userId: string, kind: string) {
  const secret = readFileSync(path.join(process.env.E2E_DATA_DIR!, "auth-secret"), "utf8").trim();
  const payload = `${userId}.${kind}`;
  return `${payload}.${createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url")}`;
}

test("a head unsubscribes from the digest through the e-mail's link without signing in; a forged link is refused", async ({ page }) => {
  const [{ id }] = await sql(`SELECT "id" FROM "User" WHERE "email" = $1`, [accounts.otherHead]);
  await sql(`DELETE FROM "MailOptOut" WHERE "userId" = $1`, [id]);
  const token = unsubscribeToken(id, "TEAM_DIGEST");

  await page.goto(`/unsubscribe/${token}`);
  await expect(page.getByText("Больше не присылать письма «Еженедельная сводка руководителю»?")).toBeVisible();
  // Opening the link changed nothing (mail scanners open links).
  expect(await sql(`SELECT "kind" FROM "MailOptOut" WHERE "userId" = $1`, [id])).toEqual([]);
  await page.getByRole("button", { name: "Отписаться" }).click();
  await expect(page.getByTestId("unsubscribe")).toContainText("Готово: письма «Еженедельная сводка руководителю» больше не придут.");
  expect(await sql(`SELECT "kind" FROM "MailOptOut" WHERE "userId" = $1`, [id])).toEqual([{ kind: "TEAM_DIGEST" }]);

  // A mail client's one-click unsubscribe (RFC 8058) answers without a page.
  const oneClick = await page.request.post(`${portalOrigin()}/api/unsubscribe/${token}`, { form: { "List-Unsubscribe": "One-Click" } });
  expect({ status: oneClick.status(), body: await oneClick.json() }).toEqual({ status: 200, body: { status: "unsubscribed" } });

  // Reminders are mandatory: a link for them, even signed, is not accepted.
  await page.goto(`/unsubscribe/${unsubscribeToken(id, "DUE_REMINDER")}`);
  await expect(page.getByTestId("unsubscribe")).toContainText("Ссылка для отписки неверна или устарела.");
  await page.goto(`/unsubscribe/${token.slice(0, -3)}abc`);
  await expect(page.getByTestId("unsubscribe")).toContainText("Ссылка для отписки неверна или устарела.");
  const forged = await page.request.post(`${portalOrigin()}/api/unsubscribe/${token.slice(0, -3)}abc`, { form: { "List-Unsubscribe": "One-Click" } });
  expect(forged.status()).toBe(404);
  await sql(`DELETE FROM "MailOptOut" WHERE "userId" = $1`, [id]);
});
