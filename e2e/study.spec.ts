import { expect, type Page } from "@playwright/test";
import { createLearner, login, sql, test } from "./support";

const deckPath = "/decks/attestation-prep";

async function reviewCount(userId: string) {
  const [{ count }] = await sql(`SELECT count(*)::int AS count FROM "ReviewLog" WHERE "userId" = $1`, [userId]);
  return count as number;
}

/** Key presses before hydration would be lost: wait until the session listens. */
async function keyboardReady(page: Page) {
  await expect(page.locator("[data-keyboard=ready]")).toBeVisible();
}

async function readiness(page: Page) {
  await page.goto(deckPath);
  return Number(await page.getByTestId("deck-readiness").getByRole("meter").getAttribute("aria-valuenow"));
}

test.describe("study mode", () => {
  test("an employee studies three cards with the keyboard, reloads mid-session, continues, and sees readiness change", async ({ page }) => {
    const learner = await createLearner("keys");
    await login(page, learner.email);
    expect(await readiness(page)).toBe(0);
    await expect(page.getByTestId("new-today")).toHaveText("11");

    await page.getByRole("link", { name: "Начать повторение" }).click();
    const front = page.getByTestId("card-front");
    await expect(front).toHaveText("Структура компании");
    await keyboardReady(page);
    await page.keyboard.press("Space");
    await expect(page.getByRole("heading", { name: "Бэк-офис" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Хорошо/ })).toContainText("мин");
    await page.keyboard.press("3");
    await expect(front).toHaveText("Цели компании");
    await keyboardReady(page);
    await page.keyboard.press("Space");
    await page.keyboard.press("4");
    await expect(front).toHaveText("Общие принципы общения с заказчиками");

    await page.reload();
    await expect(front).toHaveText("Общие принципы общения с заказчиками");
    await keyboardReady(page);
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await expect(front).toHaveText("Способы общения с заказчиками");
    expect(await reviewCount(learner.id)).toBe(3);

    expect(await readiness(page)).toBeGreaterThan(0);
    await expect(page.getByTestId("new-today")).toHaveText("8");
    await expect(page.getByTestId("streak")).toHaveText("1");
  });

  test("undo takes back the last rating", async ({ page }) => {
    const learner = await createLearner("undo");
    await login(page, learner.email);
    await page.goto(`${deckPath}/review`);
    await keyboardReady(page);
    await page.keyboard.press("Space");
    await page.keyboard.press("1");
    await expect(page.getByTestId("card-front")).toHaveText("Цели компании");
    expect(await reviewCount(learner.id)).toBe(1);
    await page.getByRole("button", { name: "Отменить последнюю оценку" }).click();
    await expect(page.getByTestId("card-front")).toHaveText("Структура компании");
    expect(await reviewCount(learner.id)).toBe(0);
  });

  test("two tabs rating the same card count one review", async ({ browser }) => {
    const learner = await createLearner("tabs");
    const context = await browser.newContext();
    const first = await context.newPage();
    await login(first, learner.email);
    const second = await context.newPage();
    await first.goto(`${deckPath}/review`);
    await second.goto(`${deckPath}/review`);
    for (const tab of [first, second]) {
      await tab.getByRole("button", { name: /Показать ответ/ }).click();
      await tab.getByRole("button", { name: /Хорошо/ }).click();
      await expect(tab.getByTestId("card-front")).toHaveText("Цели компании");
    }
    expect(await reviewCount(learner.id)).toBe(1);
    await context.close();
  });

  test("a wrong practice answer shows the key and the explanation, and the question comes back later", async ({ page }) => {
    const learner = await createLearner("practice");
    const [shortText] = await sql(
      `SELECT q."id", q."prompt", q."explanation" FROM "Question" q WHERE q."key" = 'company-structure-system-engineers-lead'`,
    );
    const [other] = await sql(
      `SELECT "id", "prompt" FROM "Question" WHERE "type" = 'TRUE_FALSE' AND "pool" <> 'EXAM' AND "active" ORDER BY "key" LIMIT 1`,
    );
    await sql(
      `INSERT INTO "StudySession" ("id", "userId", "deckId", "mode", "queue", "updatedAt")
       SELECT $1, $2, "id", 'PRACTICE', $3, now() FROM "Deck" WHERE "slug" = 'attestation-prep'`,
      [`e2e-practice-${learner.id}`, learner.id, [shortText.id, other.id]],
    );

    await login(page, learner.email);
    await page.goto(`${deckPath}/practice`);
    await expect(page.getByTestId("question-prompt")).toHaveText(shortText.prompt);
    await expect(page.locator("[data-testid=practice-session][data-ready=true]")).toBeVisible();
    await page.getByLabel("Ваш ответ").fill("Иванов");
    await page.getByRole("button", { name: "Проверить" }).click();
    const feedback = page.getByTestId("practice-feedback");
    await expect(feedback).toContainText("Неверно");
    await expect(feedback).toContainText("Горшков");
    await expect(page.getByTestId("practice-explanation")).toHaveText(shortText.explanation);
    await expect(feedback.getByRole("link", { name: "Карточка «Структура компании»" })).toBeVisible();

    await page.getByRole("button", { name: "Дальше" }).click();
    await expect(page.getByTestId("question-prompt")).toHaveText(other.prompt);
    await expect(page.locator("[data-testid=practice-session][data-ready=true]")).toBeVisible();
    await page.getByLabel("Верно", { exact: true }).check();
    await page.getByRole("button", { name: "Проверить" }).click();
    await expect(page.getByTestId("practice-feedback")).toBeVisible();
    await page.getByRole("button", { name: "Дальше" }).click();
    await expect(page.getByTestId("question-prompt")).toHaveText(shortText.prompt);

    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM "PracticeAnswer" WHERE "userId" = $1`, [learner.id]);
    expect(count).toBe(2);
  });

  test("the answer key is not in the practice page before answering", async ({ page }) => {
    const learner = await createLearner("keyleak");
    const [question] = await sql(`SELECT "id", "explanation" FROM "Question" WHERE "key" = 'company-structure-system-engineers-lead'`);
    await sql(
      `INSERT INTO "StudySession" ("id", "userId", "deckId", "mode", "queue", "updatedAt")
       SELECT $1, $2, "id", 'PRACTICE', $3, now() FROM "Deck" WHERE "slug" = 'attestation-prep'`,
      [`e2e-leak-${learner.id}`, learner.id, [question.id]],
    );
    await login(page, learner.email);
    const response = await page.request.get(`${deckPath}/practice`);
    const html = await response.text();
    expect(html).toContain("Назовите фамилию тимлида");
    expect(html).not.toContain("Горшков");
    expect(html).not.toContain(question.explanation.slice(0, 40));
    const rsc = await page.request.get(`${deckPath}/practice`, { headers: { RSC: "1" } });
    const payload = await rsc.text();
    expect(payload).toContain("Назовите фамилию тимлида");
    expect(payload).not.toContain("Горшков");
  });

  test("cram goes through all cards without touching the schedule", async ({ page }) => {
    const learner = await createLearner("cram");
    await login(page, learner.email);
    await page.goto(`${deckPath}/cram`);
    await expect(page.getByTestId("card-front")).toHaveText("Структура компании");
    await keyboardReady(page);
    await page.keyboard.press("Space");
    await page.keyboard.press("2");
    await expect(page.getByTestId("card-front")).toHaveText("Цели компании");
    await page.reload();
    await expect(page.getByTestId("card-front")).toHaveText("Цели компании");
    const [{ states }] = await sql(`SELECT count(*)::int AS states FROM "CardState" WHERE "userId" = $1`, [learner.id]);
    expect(states).toBe(0);
    expect(await reviewCount(learner.id)).toBe(0);
  });
});
