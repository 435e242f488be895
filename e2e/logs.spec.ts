import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { definitionOf, type QuestionType } from "../lib/questions/types";
import { demoPassword } from "../prisma/demo-users";
import { portalLogFile } from "./playwright.config";
import { createExam, createLearner, jsonHeaders, login, sql, test } from "./support";

// Runs after the rest of the suite (project "logs" in playwright.config.ts), so it scans the
// structured log (LOG_FILE) of the whole run; alone it scans the traffic it makes itself.

type LogLine = { level: string; reqId?: string; method?: string; route?: string | null; status?: number; ms?: number; msg: string };

const readLog = () => readFileSync(portalLogFile, "utf8");

/** The log once the line of this request id is written (pino writes asynchronously). */
async function logWith(reqId: string) {
  await expect.poll(() => readLog().includes(reqId), { timeout: 5_000 }).toBe(true);
  return readLog();
}

/**
 * What the seeded bank keeps secret until review: the correct options and accepted answers of
 * exam-pool questions, and the explanations. The log holds no question text at all, so any of
 * these of 5 characters or more is distinctive there (shorter ones, such as «80», may occur by chance).
 */
async function bankSecrets() {
  const questions = (await sql(
    `SELECT "type", "payload", "answerKey", "explanation" FROM "Question" WHERE "pool" IN ('EXAM', 'BOTH') AND "active"`,
  )) as { type: string; payload: { options?: { id: string; text: string }[] }; answerKey: { correct?: string[]; accepted?: string[] }; explanation: string }[];
  const secrets = questions.flatMap((question) => [
    ...(question.payload.options ?? []).filter((option) => question.answerKey.correct?.includes(option.id)).map((option) => option.text),
    ...(question.answerKey.accepted ?? []),
    question.explanation.slice(0, 60),
  ]);
  return [...new Set(secrets.filter((secret) => secret.length >= 5))];
}

test("the portal's log has a JSON line per request with its route pattern and id, and no password, answer, key or session cookie", async ({ page }) => {
  // Traffic of its own: a sign-in with the demo password, an exam answered correctly through the JSON API.
  const learner = await createLearner("logs");
  await login(page, learner.email);
  const [{ cardKey }] = await sql(
    `SELECT c."key" AS "cardKey" FROM "Question" q JOIN "Card" c ON c."id" = q."cardId"
     WHERE q."type" = 'SHORT_TEXT' AND q."pool" IN ('EXAM', 'BOTH') AND q."active" LIMIT 1`,
  );
  const examId = await createExam(learner, { cards: [cardKey], questionCount: 3 });
  const started = await page.request.post(`/api/exams/${examId}/attempts`, { headers: jsonHeaders(), data: {} });
  const { attemptId } = (await started.json()) as { attemptId: string };
  const items = (await sql(`SELECT "id", "type", "payload", "answerKey" FROM "AttemptItem" WHERE "attemptId" = $1`, [attemptId])) as {
    id: string;
    type: QuestionType;
    payload: unknown;
    answerKey: unknown;
  }[];
  const sentAnswers: string[] = [];
  let lastSave = "";
  for (const item of items) {
    const definition = definitionOf(item.type);
    const response = definition.correctResponse(definition.payloadSchema.parse(item.payload), definition.keySchema.parse(item.answerKey));
    sentAnswers.push(JSON.stringify(response));
    const saved = await page.request.put(`/api/attempts/${attemptId}/items/${item.id}`, { headers: jsonHeaders(), data: { response, seq: 1 } });
    expect(saved.status()).toBe(200);
    lastSave = saved.headers()["x-request-id"];
  }
  expect(lastSave).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const sessionCookies = (await page.context().cookies()).filter((cookie) => cookie.name.includes("session-token")).map((cookie) => cookie.value);
  expect(sessionCookies.length).toBe(1);

  const log = await logWith(lastSave);
  const requests = log
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.msg === "request");
  expect(requests.find((line) => line.reqId === lastSave)).toEqual(
    expect.objectContaining({ level: "info", method: "PUT", route: "/api/attempts/[attemptId]/items/[itemId]", status: 200, ms: expect.any(Number) }),
  );
  expect(requests.some((line) => line.route === "/login" && line.method === "POST")).toBe(true);
  expect(requests.every((line) => typeof line.reqId === "string" && typeof line.status === "number")).toBe(true);

  const secrets = [
    demoPassword,
    // The raw path's ids: the log names routes by their pattern.
    attemptId,
    ...items.map((item) => item.id),
    ...sessionCookies,
    // Any session token of the run: they share their encryption header (the first 40 characters).
    ...sessionCookies.map((value) => value.slice(0, 40)),
    "session-token",
    ...sentAnswers,
    ...(await bankSecrets()),
  ];
  expect(secrets.length).toBeGreaterThan(100);
  expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
});
