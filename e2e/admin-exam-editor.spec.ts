import { expect } from "@playwright/test";
import { accounts, login, sql, test } from "./support";

// HR creates an exam in the portal (a refusal first, then fixed), publishes and assigns it;
// an engineer starts it with the time limit HR set; while that attempt runs, HR may not
// change the pass percent.

const title = `Экзамен редактора e2e ${process.pid}-${Date.now().toString(36)}`;
const weightedTitle = `${title} по весам`;

// Other specs read the engineer's home page and the exams: leave nothing of ours behind.
test.afterAll(async () => {
  const titles = [title, weightedTitle];
  const exams = `SELECT "id" FROM "Exam" WHERE "title" = ANY($1)`;
  await sql(`DELETE FROM "AttemptItem" WHERE "attemptId" IN (SELECT "id" FROM "Attempt" WHERE "examId" IN (${exams}))`, [titles]);
  await sql(`DELETE FROM "Attempt" WHERE "examId" IN (${exams})`, [titles]);
  await sql(`DELETE FROM "Exam" WHERE "title" = ANY($1)`, [titles]);
});

test("HR spreads a total over the cards by weight, sees each card's share and a warning when attempts must repeat questions", async ({ page }) => {
  const [deck] = await sql(`SELECT "id" FROM "Deck" WHERE "slug" = 'attestation-prep'`);
  const cards = await sql(
    `SELECT c."id", c."key", c."front", count(q."id") FILTER (WHERE q."active" AND q."pool" IN ('EXAM', 'BOTH'))::int AS "pool"
     FROM "Card" c LEFT JOIN "Question" q ON q."cardId" = c."id"
     WHERE c."deckId" = $1 AND c."key" IN ('video-calls', 'email') GROUP BY c."id" ORDER BY c."position"`,
    [deck.id],
  );
  const [email, videoCalls] = cards;
  expect([email.key, videoCalls.key]).toEqual(["email", "video-calls"]);

  await login(page, accounts.hr);
  await page.goto("/admin/exams/new");
  const form = page.locator("[data-testid=exam-form][data-ready=true]");
  await form.getByLabel("Название").fill(weightedTitle);
  await form.getByLabel("Колода").selectOption(deck.id);
  await form.getByLabel("Все карточки колоды").uncheck();
  for (const card of cards) await form.getByRole("checkbox", { name: card.front }).check();
  await form.getByRole("radio", { name: "Всего из выбранных карточек" }).check();
  await form.getByLabel("Вопросов всего").fill("4");
  await form.getByRole("group", { name: "Как распределить вопросы по карточкам" }).getByRole("radio", { name: /^По весам/ }).check();
  await form.getByLabel(`Вес карточки «${email.front}»`).fill("3");
  const spread = form.getByTestId("exam-spread");
  await expect(spread).toContainText(`${email.front} — 3`);
  await expect(spread).toContainText(`${videoCalls.front} — 1`);

  // Attempts that need more fresh questions than a card holds: a warning, not a refusal.
  const attempts = Math.floor(email.pool / 3) + 1;
  await form.getByLabel("Число попыток").fill(String(attempts));
  const warning = form.getByTestId("exam-repeat-warning");
  await expect(warning).toContainText(`«${email.front}»: есть ${email.pool}, нужно ${3 * attempts}`);

  await form.getByRole("button", { name: "Создать экзамен" }).click();
  await page.waitForURL(/\/admin\/exams\/(?!new)[^/]+$/);
  const stored = await sql(
    `SELECT c."key", ec."weight", e."cardWeighting"::text AS "weighting", e."questionCount"
     FROM "Exam" e JOIN "ExamCard" ec ON ec."examId" = e."id" JOIN "Card" c ON c."id" = ec."cardId"
     WHERE e."title" = $1 ORDER BY c."position"`,
    [weightedTitle],
  );
  expect(stored).toEqual([
    { key: "email", weight: 3, weighting: "CUSTOM", questionCount: 4 },
    { key: "video-calls", weight: 1, weighting: "CUSTOM", questionCount: 4 },
  ]);
});

test("HR creates, publishes and assigns an exam; an engineer starts it with its time limit; its pass percent is frozen meanwhile", async ({
  browser,
  page,
}) => {
  const [deck] = await sql(`SELECT "id" FROM "Deck" WHERE "slug" = 'attestation-prep'`);
  const cards = await sql(
    `SELECT c."front", count(q."id") FILTER (WHERE q."active" AND q."pool" IN ('EXAM', 'BOTH'))::int AS "pool"
     FROM "Card" c LEFT JOIN "Question" q ON q."cardId" = c."id"
     WHERE c."deckId" = $1 AND c."key" IN ('video-calls', 'email') GROUP BY c."id" ORDER BY c."position"`,
    [deck.id],
  );
  expect(cards).toHaveLength(2);
  const [{ id: departmentId }] = await sql(`SELECT "id" FROM "Department" WHERE "key" = 'system-engineers'`);

  await login(page, accounts.hr);
  await page.goto("/admin/exams");
  await page.getByRole("link", { name: "Новый экзамен" }).click();
  await page.waitForURL("/admin/exams/new");
  const form = page.locator("[data-testid=exam-form][data-ready=true]");
  await expect(form).toBeVisible();

  await form.getByLabel("Название").fill(title);
  await form.getByLabel("Колода").selectOption(deck.id);
  await form.getByLabel("Все карточки колоды").uncheck();
  for (const card of cards) await form.getByRole("checkbox", { name: card.front }).check();
  // More questions per card than the cards hold: refused next to the field, nothing created.
  await form.getByLabel("Вопросов с каждой карточки").fill("50");
  await form.getByLabel("Время на попытку, минут").fill("37");
  await form.getByRole("button", { name: "Создать экзамен" }).click();
  await expect(form.getByText(`В карточке «${cards[0].front}» только ${cards[0].pool}`)).toBeVisible();
  expect(await sql(`SELECT "id" FROM "Exam" WHERE "title" = $1`, [title])).toHaveLength(0);

  await form.getByLabel("Вопросов с каждой карточки").fill("1");
  // The full review after the last attempt by default; after the close needs a closing time.
  const timing = form.getByRole("group", { name: "Когда открывается полный разбор" });
  await expect(timing.getByRole("radio", { name: /^После последней попытки/ })).toBeChecked();
  await timing.getByRole("radio", { name: /^После закрытия экзамена/ }).check();
  await form.getByRole("button", { name: "Создать экзамен" }).click();
  await expect(timing.getByText("Разбор после закрытия возможен, только если указано время закрытия.")).toBeVisible();
  expect(await sql(`SELECT "id" FROM "Exam" WHERE "title" = $1`, [title])).toHaveLength(0);

  await timing.getByRole("radio", { name: /^После каждой попытки/ }).check();
  await form.getByRole("button", { name: "Создать экзамен" }).click();
  await page.waitForURL(/\/admin\/exams\/(?!new)[^/]+$/);
  await expect(page.getByTestId("exam-title")).toHaveText(title);
  const [stored] = await sql(
    `SELECT e."id", e."timeLimitSeconds", e."questionsPerCard", e."reviewTiming"::text, e."published", count(ec."cardId")::int AS "cards"
     FROM "Exam" e JOIN "ExamCard" ec ON ec."examId" = e."id" WHERE e."title" = $1 GROUP BY e."id"`,
    [title],
  );
  expect(stored).toMatchObject({ timeLimitSeconds: 37 * 60, questionsPerCard: 1, reviewTiming: "AFTER_EACH_ATTEMPT", published: false, cards: 2 });

  await page.getByRole("button", { name: "Опубликовать" }).click();
  await expect(page.getByTestId("exam-visibility")).toHaveText("Экзамен опубликован: те, кому он назначен, его видят.");

  await page.getByRole("link", { name: "← Все экзамены" }).click();
  await expect(page.locator("[data-testid=exam-assignments][data-ready=true]")).toBeVisible();
  const exam = page.getByRole("group", { name: title, exact: true });
  await expect(exam.getByTestId("exam-summary")).toContainText("2 вопроса в попытке · попыток: 0 · опубликован");
  await exam.getByText("Назначить экзамен", { exact: true }).click();
  await exam.getByRole("combobox", { name: "Подразделение", exact: true }).selectOption(departmentId);
  await exam.getByRole("button", { name: "Назначить", exact: true }).click();
  await expect(exam.getByTestId("assignment-target")).toHaveText("Системные инженеры");

  const context = await browser.newContext();
  const engineer = await context.newPage();
  await login(engineer, accounts.engineer);
  await engineer.getByTestId("my-exams").getByRole("link", { name: title }).click();
  await expect(engineer.getByText("37 мин")).toBeVisible();
  await engineer.getByRole("button", { name: "Начать экзамен" }).click();
  await engineer.waitForURL(/\/attempts\/[^/]+$/);
  await expect(engineer.getByTestId("countdown")).toHaveText(/^3[67]:\d\d$/);
  await context.close();

  await page.goto(`/admin/exams/${stored.id}`);
  const editor = page.locator("[data-testid=exam-form][data-ready=true]");
  await expect(editor.getByText("Сейчас идут попытки: 1.")).toBeVisible();
  await editor.getByLabel("Проходной балл, %").fill("60");
  await editor.getByRole("button", { name: "Сохранить" }).click();
  await expect(editor.getByText("Нельзя изменить, пока идут попытки (1)", { exact: false })).toBeVisible();
  const [after] = await sql(`SELECT "passPercent", "version" FROM "Exam" WHERE "id" = $1`, [stored.id]);
  expect(after).toEqual({ passPercent: 80, version: 1 });
});

test("an exam saved by someone else meanwhile opens a conflict with both versions; nothing is overwritten", async ({ page }) => {
  const [deck] = await sql(`SELECT "id" FROM "Deck" WHERE "slug" = 'attestation-prep'`);
  const id = `e2e-conflict-${process.pid}-${Date.now().toString(36)}`;
  await sql(
    `INSERT INTO "Exam" ("id", "key", "title", "questionsPerCard", "timeLimitSeconds", "passPercent", "updatedAt")
     VALUES ($1, $1, $2, 1, 1200, 70, now())`,
    [id, title],
  );
  await sql(`INSERT INTO "ExamCard" ("examId", "cardId") SELECT $1, "id" FROM "Card" WHERE "deckId" = $2`, [id, deck.id]);

  await login(page, accounts.hr);
  await page.goto(`/admin/exams/${id}`);
  const editor = page.locator("[data-testid=exam-form][data-ready=true]");
  await editor.getByLabel("Проходной балл, %").fill("75");
  await sql(`UPDATE "Exam" SET "passPercent" = 90, "version" = 2 WHERE "id" = $1`, [id]);
  await editor.getByRole("button", { name: "Сохранить" }).click();

  const conflict = page.getByTestId("exam-conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole("row", { name: /Проходной балл/ })).toContainText(/75.*90/);
  expect(await sql(`SELECT "passPercent", "version" FROM "Exam" WHERE "id" = $1`, [id])).toEqual([{ passPercent: 90, version: 2 }]);

  await conflict.getByRole("button", { name: "Загрузить сохранённый вариант" }).click();
  await expect(conflict).toBeHidden();
  await expect(editor.getByLabel("Проходной балл, %")).toHaveValue("90");
});

test("an unknown exam's settings page is a 404 for HR", async ({ page }) => {
  await login(page, accounts.hr);
  const response = await page.goto("/admin/exams/no-such-exam");
  expect(response?.status()).toBe(404);
});
