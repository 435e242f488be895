import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { pdfPagePng, pdfPages } from "../lib/testing/pdf";
import { accounts, createLearner, finishedAttempt, login, sql, test } from "./support";

/** Where the first page of the protocol is saved for a person to look at. */
const firstPageFile = path.join(import.meta.dirname, ".reports", "protocol-first-page.png");

test("a head downloads the attestation protocol and a member's attestation sheet as PDF", async ({ page, browser }, testInfo) => {
  // A whole exam, two downloads and a rendered page: more than the default 30 s on a busy machine.
  test.slow();
  const learner = await createLearner("protocol");
  const { examId } = await finishedAttempt(browser, learner, "Экзамен протокола");
  const [{ name }] = await sql(`SELECT "name" FROM "User" WHERE "id" = $1`, [learner.id]);
  const [{ title }] = await sql(`SELECT "title" FROM "Exam" WHERE "id" = $1`, [examId]);

  await login(page, accounts.head);
  await page.goto("/team");
  const form = page.getByTestId("protocol-form");
  await form.getByLabel("Экзамен").selectOption({ label: title });
  await form.getByLabel("Подразделение").selectOption({ label: "Отдел поддержки клиентов" });
  const downloading = page.waitForEvent("download");
  await form.getByRole("button", { name: "Скачать PDF" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^attestation-protocol-.+-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = readFileSync(await download.path());

  const pages = await pdfPages(pdf);
  const text = pages.map((one) => one.text).join(" ");
  expect(pages[0].lines[1]).toBe("Протокол пробной аттестации");
  expect(pages[0].lines).toContain("Подразделение | Отдел поддержки клиентов");
  expect(text).toContain(name);
  // The exam is assigned to the learner alone: one row, theirs.
  expect(text).toContain("Сотрудников: 1,");
  expect(text).not.toContain("Аналитикова");
  expect(pages.at(-1)!.lines.at(-1)).toMatch(new RegExp(`Стр\\. ${pages.length} из ${pages.length}$`));

  const png = await pdfPagePng(pdf);
  mkdirSync(path.dirname(firstPageFile), { recursive: true });
  writeFileSync(firstPageFile, png);
  await testInfo.attach("protocol-first-page", { body: png, contentType: "image/png" });

  await page.goto(`/team/members/${learner.id}`);
  const sheetForm = page.getByTestId("sheet-form");
  await sheetForm.getByLabel("Экзамен").selectOption({ label: title });
  const sheetDownloading = page.waitForEvent("download");
  await sheetForm.getByRole("button", { name: "Скачать PDF" }).click();
  const sheet = await pdfPages(readFileSync(await (await sheetDownloading).path()));
  const sheetText = sheet.map((one) => one.text).join(" ");
  expect(sheet[0].lines[1]).toBe("Аттестационный лист");
  expect(sheetText).toContain(`Сотрудник ${name}`);
  expect(sheetText).toMatch(/1 \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} завершена/);
});
