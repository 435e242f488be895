import { expect, type Locator, type Page } from "@playwright/test";
import { definitionOf, type QuestionPayload, type QuestionResponse, type QuestionType } from "../lib/questions/types";
import { answerShownQuestion, createExam, createLearner, login, sql, test } from "./support";

type Choice = { id: string; text: string };
type Item = {
  id: string;
  position: number;
  type: string;
  payload: { options?: Choice[]; items?: Choice[]; left?: Choice[]; right?: Choice[] };
  answerKey: { correct?: string[]; value?: boolean; order?: string[]; pairs?: [string, string][]; accepted?: string[] };
};

/** Starts (or continues) the exam from its page and returns the attempt's id once it is shown. */
async function startExam(page: Page, examId: string, button = "Начать экзамен") {
  await page.goto(`/exams/${examId}`);
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
  return /\/attempts\/([^/]+)$/.exec(new URL(page.url()).pathname)![1];
}

async function items(attemptId: string) {
  return (await sql(
    `SELECT "id", "position", "type", "payload", "answerKey" FROM "AttemptItem" WHERE "attemptId" = $1 ORDER BY "position"`,
    [attemptId],
  )) as Item[];
}

const text = (choices: Choice[] | undefined, id: string) => choices!.find((c) => c.id === id)!.text;

type AnswerInPage<T extends QuestionType> = (question: Locator, payload: QuestionPayload<T>, response: QuestionResponse<T>) => Promise<void>;

/** How a taker gives a response of each type in the page. */
const answerInPage: { [T in QuestionType]: AnswerInPage<T> } = {
  SINGLE: (question, payload, response) => question.getByLabel(text(payload.options, response.choice), { exact: true }).check(),
  MULTIPLE: async (question, payload, response) => {
    for (const id of response.choices) await question.getByLabel(text(payload.options, id), { exact: true }).check();
  },
  TRUE_FALSE: (question, _, response) => question.getByLabel(response.value ? "Верно" : "Неверно", { exact: true }).check(),
  ORDERING: async (question, payload, response) => {
    const target = response.order.map((id) => text(payload.items, id));
    const shown = await question.locator("ol > li").allTextContents();
    // Shown in the key's order already (a short list can be): move one item away and back, so an answer is given.
    if (target.every((t, i) => shown[i].includes(t))) await question.getByRole("button", { name: `Ниже: ${target[0]}` }).click();
    for (let index = 0; index < target.length; index++) {
      const rows = question.locator("ol > li");
      const current = (await rows.allTextContents()).findIndex((row) => row.includes(target[index]));
      for (let step = current; step > index; step--) await question.getByRole("button", { name: `Выше: ${target[index]}` }).click();
    }
    await expect(question.locator("ol > li")).toHaveText(target.map((t, i) => new RegExp(`^${i + 1}\\.${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)));
  },
  MATCHING: async (question, payload, response) => {
    for (const [left, right] of Object.entries(response.pairs)) {
      await question
        .locator("label", { has: question.page().locator(`span:text-is("${text(payload.left, left)}")`) })
        .locator("select")
        .selectOption({ label: text(payload.right, right) });
    }
  },
  SHORT_TEXT: (question, _, response) => question.getByLabel("Ваш ответ").fill(response.text),
};

/** Answers the shown question correctly through the UI: the type definition's correct response to the attempt's snapshot. */
async function answerCorrectly(page: Page, item: Item) {
  const type = item.type as QuestionType;
  const definition = definitionOf(type);
  const payload = definition.payloadSchema.parse(item.payload);
  const response = definition.correctResponse(payload, definition.keySchema.parse(item.answerKey));
  const answer = answerInPage[type] as AnswerInPage<QuestionType>;
  await answer(page.locator("section[aria-labelledby=question-title]"), payload as QuestionPayload, response as QuestionResponse);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
}

test.describe("timed exam", () => {
  test("an employee answers every question type, reloads mid-exam, submits and sees the result", async ({ page }) => {
    test.setTimeout(90_000); // every exam-pool question of two cards, answered one by one
    const learner = await createLearner("exam");
    // Outside every department, so the seeded mock exam (which can draw these exam-only questions) does not hold the review back.
    await sql(`UPDATE "User" SET "departmentId" = NULL WHERE "id" = $1`, [learner.id]);
    // Every exam-pool question of two cards that together have all six types (the only exam-pool ordering question is on requests-handling).
    const cards = ["company-structure", "requests-handling"];
    const [{ count }] = await sql(
      `SELECT count(*)::int AS count FROM "Question" q JOIN "Card" c ON c."id" = q."cardId"
       WHERE c."key" = ANY($1::text[]) AND q."active" AND q."pool" <> 'PRACTICE'`,
      [cards],
    );
    const examId = await createExam(learner, { cards, questionCount: count, title: "Экзамен всех типов" });
    await login(page, learner.email);
    await expect(page.getByRole("link", { name: "Экзамен всех типов" })).toBeVisible();
    const attemptId = await startExam(page, examId);
    const snapshot = await items(attemptId);
    expect(new Set(snapshot.map((item) => item.type))).toEqual(
      new Set(["SINGLE", "MULTIPLE", "TRUE_FALSE", "ORDERING", "MATCHING", "SHORT_TEXT"]),
    );

    const next = page.getByRole("button", { name: "Далее →" });
    for (const item of snapshot.slice(0, 5)) {
      await answerCorrectly(page, item);
      if (item.position < snapshot.length - 1) await next.click();
    }
    await page.reload();
    await expect(page.getByTestId("overview").locator("button[data-answered=yes]")).toHaveCount(5);
    const first = snapshot[0];
    await page.getByTestId("overview").getByRole("button", { name: "1", exact: true }).click();
    if (first.type === "SINGLE") {
      await expect(page.getByLabel(text(first.payload.options, first.answerKey.correct![0]), { exact: true })).toBeChecked();
    }
    await page.getByTestId("overview").getByRole("button", { name: "6", exact: true }).click();
    for (const item of snapshot.slice(5)) {
      await answerCorrectly(page, item);
      if (item.position < snapshot.length - 1) await next.click();
    }
    await page.getByRole("button", { name: "Завершить экзамен" }).click();
    await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`));
    await expect(page.getByTestId("result-summary")).toContainText("Экзамен сдан");
    await expect(page.getByTestId("result-score")).toContainText("100%");
    await expect(page.getByTestId("result-items").locator("> li")).toHaveCount(count);

    await page.goto("/attempts");
    await expect(page.getByTestId("attempts-table")).toContainText("Экзамен всех типов");
    await expect(page.getByTestId("attempts-table")).toContainText("100%");
  });

  test("unanswered questions ask for confirmation before submitting", async ({ page }) => {
    const learner = await createLearner("confirm");
    const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 3 });
    await login(page, learner.email);
    await startExam(page, examId);
    await page.getByRole("button", { name: "Завершить экзамен" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("Без ответа 3 вопроса");
    await page.getByRole("button", { name: "Вернуться к вопросам" }).click();
    await expect(page.getByTestId("exam-taker")).toBeVisible();
    const [{ status }] = await sql(`SELECT "status" FROM "Attempt" WHERE "userId" = $1`, [learner.id]);
    expect(status).toBe("IN_PROGRESS");
  });

  test("an exam with a 20-second limit is submitted automatically with the answers given", async ({ page }) => {
    const learner = await createLearner("timer");
    const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 2, timeLimitSeconds: 20 });
    await login(page, learner.email);
    const attemptId = await startExam(page, examId);
    const [item] = await items(attemptId);
    await answerCorrectly(page, item);
    await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`), { timeout: 30_000 });
    const [attempt] = await sql(`SELECT "status", "score" FROM "Attempt" WHERE "id" = $1`, [attemptId]);
    expect(attempt.status).not.toBe("IN_PROGRESS");
    expect(attempt.score).toBe(1);
    await expect(page.getByTestId("result-score")).toContainText("50%");
  });

  test("a second tab continues the same attempt and sees its answers", async ({ browser }) => {
    const learner = await createLearner("twotabs");
    const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 2 });
    const context = await browser.newContext();
    const first = await context.newPage();
    await login(first, learner.email);
    const attemptId = await startExam(first, examId);
    await answerCorrectly(first, (await items(attemptId))[0]);

    const second = await context.newPage();
    expect(await startExam(second, examId, "Продолжить попытку")).toBe(attemptId);
    await expect(second.getByTestId("overview").locator("button[data-answered=yes]")).toHaveCount(1);
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM "Attempt" WHERE "userId" = $1`, [learner.id]);
    expect(count).toBe(1);
    await context.close();
  });

  test("offline answers show «not saved» and are saved when the network is back", async ({ page, context }) => {
    const learner = await createLearner("offline");
    const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 2 });
    await login(page, learner.email);
    const attemptId = await startExam(page, examId);
    const [item] = await items(attemptId);

    await context.setOffline(true);
    await answerShownQuestion(page);
    await expect(page.getByTestId("save-state")).toHaveText("Не сохранено");
    await expect(page.getByText("Нет соединения с сервером")).toBeVisible();
    const [before] = await sql(`SELECT "response" FROM "AttemptItem" WHERE "id" = $1`, [item.id]);
    expect(before.response).toBeNull();

    await context.setOffline(false);
    await expect(page.getByTestId("save-state")).toHaveText("Сохранено", { timeout: 15_000 });
    await expect(page.getByText("Нет соединения с сервером")).toHaveCount(0);
    const [after] = await sql(`SELECT "response" FROM "AttemptItem" WHERE "id" = $1`, [item.id]);
    expect(after.response).not.toBeNull();
  });

  test("the seeded mock exam shows score and topics but no key after a blank first attempt, and the full review after the last", async ({ page }) => {
    const learner = await createLearner("mock");
    const [{ id: examId }] = await sql(`SELECT "id" FROM "Exam" WHERE "key" = 'mock-attestation'`);
    await login(page, learner.email);
    const submitBlank = async () => {
      const attemptId = await startExam(page, examId);
      await page.getByRole("button", { name: "Завершить экзамен" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Да, завершить" }).click();
      await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`));
      return attemptId;
    };

    const first = await submitBlank();
    await expect(page.getByTestId("result-score")).toContainText("0%");
    await expect(page.getByTestId("result-topics").locator("> li")).toHaveCount(11);
    await expect(page.getByTestId("review-later")).toBeVisible();
    await expect(page.getByTestId("result-items")).toHaveCount(0);
    const snapshot = (await sql(`SELECT "answerKey", "explanation" FROM "AttemptItem" WHERE "attemptId" = $1`, [first])) as {
      answerKey: { accepted?: string[] };
      explanation: string;
    }[];
    const secrets = [
      ...snapshot.map((item) => item.explanation.slice(0, 60)),
      ...snapshot.flatMap((item) => item.answerKey.accepted ?? []).filter((answer) => answer.length > 3),
      "Правильный ответ",
      '"correct"',
      "result-items",
    ];
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const body = await (await page.request.get(`/attempts/${first}/result`, { headers })).text();
      expect(body).toContain("result-topics");
      for (const secret of secrets) expect(body, secret).not.toContain(secret);
    }

    await submitBlank();
    await submitBlank();
    await page.goto(`/attempts/${first}/result`);
    await expect(page.getByTestId("result-items").locator("> li")).toHaveCount(24);
    await expect(page.getByTestId("result-items")).toContainText(snapshot[0].explanation);
    await expect(page.getByTestId("review-later")).toHaveCount(0);
  });

  test("answer keys and explanations are not in the page, its RSC payload or the API before submission", async ({ page }) => {
    const learner = await createLearner("leak");
    const examId = await createExam(learner, { cards: ["company-goals", "email"], questionCount: 21 });
    await login(page, learner.email);
    const attemptId = await startExam(page, examId);
    const snapshot = (await sql(
      `SELECT "type", "prompt", "payload", "answerKey", "explanation" FROM "AttemptItem" WHERE "attemptId" = $1`,
      [attemptId],
    )) as { type: string; prompt: string; payload: unknown; answerKey: { accepted?: string[] }; explanation: string }[];
    const visible = JSON.stringify(snapshot.map(({ prompt, payload }) => [prompt, payload]));
    // Accepted short answers that the questions themselves never show (e.g. not also a distractor elsewhere),
    // and not the short ones: «80» can occur by chance in the page's random ids.
    const hiddenAnswers = snapshot
      .flatMap((item) => item.answerKey.accepted ?? [])
      .filter((answer) => answer.length > 3 && !visible.includes(answer));
    expect(hiddenAnswers.length).toBeGreaterThan(0);
    const secrets = [...hiddenAnswers, ...snapshot.map((item) => item.explanation.slice(0, 60)), "answerKey", "explanation", "storedIds"];
    // The page speaks of options by this attempt's own ids (random, 8 characters), not the stored ones.
    const shownIds = snapshot.flatMap((item) => Object.values(item.payload as Record<string, { id: string }[]>).flat().map((choice) => choice.id));
    expect(shownIds.length).toBeGreaterThan(0);
    for (const id of shownIds) expect(id).toMatch(/^[a-z2-7]{8}$/);

    const bodies = [
      await (await page.request.get(`/attempts/${attemptId}`)).text(),
      await (await page.request.get(`/attempts/${attemptId}`, { headers: { RSC: "1" } })).text(),
      await (await page.request.get(`/api/attempts/${attemptId}`)).text(),
    ];
    for (const body of bodies) {
      expect(body).toContain(attemptId);
      for (const secret of secrets) expect(body).not.toContain(secret);
      for (const id of shownIds) expect(body).toContain(id);
    }
    const result = await page.request.get(`/attempts/${attemptId}/result`, { maxRedirects: 0 });
    expect(result.status()).toBe(307);
  });
});
