import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test as base, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { accessibilityViolations, pathPattern } from "./a11y";
import { e2eDatabaseUrl, e2eOidc } from "./playwright.config";
import { demoPassword } from "../prisma/demo-users";

// Each kind of page (path pattern) is checked by axe once per run: a worker claims it by creating a file in a folder
// the workers share (run.ts makes it), and gives it back when the test outran the check.
const axeClaims = process.env.E2E_AXE_DIR ?? mkdtempSync(path.join(os.tmpdir(), "attestation-e2e-axe-"));
const claimFile = (pattern: string) => path.join(axeClaims, encodeURIComponent(pattern));

function claimPattern(pattern: string) {
  try {
    writeFileSync(claimFile(pattern), "", { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

/**
 * A CSP violation in a page fails its test, and so does a serious or critical accessibility violation on a kind of
 * page (path pattern) the worker sees for the first time: every spec takes `test` from here.
 */
export const test = base.extend<{ cspViolations: string[]; checkEveryPage: boolean; accessibility: void; freshLoopbackLimits: void }>({
  // Every browser of the suite signs in from this machine's one address: its failures from earlier
  // tests (wrong passwords on purpose) would otherwise add up to the address's delay. Tests of the
  // address limits use addresses of their own (127.0.0.2 and up).
  freshLoopbackLimits: [
    async ({}, use) => {
      await sql(`DELETE FROM "LoginThrottle" WHERE "key" ~ '^(address|attempts):' AND "key" !~ '127\\.0\\.0\\.([2-9]|[1-9][0-9]+)$'`);
      await use();
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const restore = await onEveryContext(browser, context, async (watched) => {
        watched.on("console", (message) => {
          if (message.text().includes("Content Security Policy")) violations.push(message.text());
        });
        await watched.addInitScript(() =>
          document.addEventListener("securitypolicyviolation", (event) =>
            console.error(`Content Security Policy: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`),
          ),
        );
      });
      await use(violations);
      restore();
      expect(violations, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  checkEveryPage: [true, { option: true }],
  accessibility: [
    async ({ browser, context, checkEveryPage }, use, testInfo) => {
      if (!checkEveryPage) return use();
      const found: string[] = [];
      const checks: Promise<void>[] = [];
      const queues = new Map<Page, Promise<void>>();
      // Axe runs beside the test, one check at a time per page, once the page has loaded. A check the test outruns
      // (the page navigated or closed meanwhile) is dropped, so that a later visit, or the page still open when the
      // test ends, checks that kind of page.
      const schedule = (page: Page) => {
        // The portal's pages only, not the test corporate provider's login form.
        if (!page.url().startsWith("http") || page.url().startsWith(e2eOidc.issuer)) return;
        const pattern = pathPattern(page.url());
        if (!claimPattern(pattern)) return;
        const check = async () => {
          await page.waitForLoadState("load");
          if (pathPattern(page.url()) !== pattern) throw new Error("navigated away");
          const violations = await accessibilityViolations(page);
          if (pathPattern(page.url()) !== pattern) throw new Error("navigated away");
          found.push(...violations.map((violation) => `${pattern}: ${violation}`));
          testInfo.annotations.push({ type: "axe", description: pattern });
        };
        // A check that hangs is given up after 20 s (one cause, now gone: see the legacy mode in a11y.ts).
        const bounded = () =>
          Promise.race([check(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("axe took too long")), 20_000).unref())]);
        const queued = queues.get(page)!.then(bounded).catch(() => rmSync(claimFile(pattern), { force: true }));
        queues.set(page, queued);
        checks.push(queued);
      };
      const watchPage = (page: Page) => {
        queues.set(page, Promise.resolve());
        page.on("framenavigated", (frame) => {
          if (frame === page.mainFrame()) schedule(page);
        });
      };
      const restore = await onEveryContext(browser, context, (watched) => {
        watched.pages().forEach(watchPage);
        watched.on("page", watchPage);
      });
      await use();
      restore();
      for (const page of queues.keys()) if (!page.isClosed()) schedule(page);
      await Promise.all(checks);
      expect(found, "serious or critical accessibility violations (axe)").toEqual([]);
    },
    // The checks still running when the test ends have their own time, not the test's.
    { auto: true, timeout: 60_000 },
  ],
});

type ContextWatch = (watched: BrowserContext) => void | Promise<void>;
const contextWatches = new Set<ContextWatch>();
const wrappedBrowsers = new WeakSet<Browser>();

/** Calls `watch` on the test's context and on each context the test opens; returns what stops it. */
async function onEveryContext(browser: Browser, context: BrowserContext, watch: ContextWatch) {
  await watch(context);
  if (!wrappedBrowsers.has(browser)) {
    wrappedBrowsers.add(browser);
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...options) => {
      const created = await newContext(...options);
      for (const each of contextWatches) await each(created);
      return created;
    };
  }
  contextWatches.add(watch);
  return () => void contextWatches.delete(watch);
}

export const accounts = {
  employee: "employee@demo.local",
  engineer: "engineer@demo.local",
  analyst: "analyst@demo.local",
  head: "i.zasypkin@company.example",
  otherHead: "a.shikin@company.example",
  hr: "hr@demo.local",
  admin: "admin@demo.local",
};

/** Fills and submits the login form (of another portal when `loginUrl` names one), without waiting for the outcome. */
export async function submitLogin(page: Page, email: string, password: string, loginUrl = "/login") {
  await page.goto(loginUrl);
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Войти", exact: true }).click();
}

/** Signs in with the demo password and waits for the portal's header. */
export async function login(page: Page, email: string) {
  await submitLogin(page, email, demoPassword);
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function expectSignedInAs(page: Page, name: RegExp | string) {
  await expect(page.getByTestId("current-user")).toHaveText(name);
}

/** Runs SQL against the portal's test database (to change data behind its back), or the database at `url`. */
export async function sql(text: string, values: unknown[] = [], url = e2eDatabaseUrl) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

let learnerCount = 0;

/** A fresh employee with no study history, so a test's study data is its own. */
export async function createLearner(label: string) {
  learnerCount++;
  const email = `learner-${label}-${process.pid}-${learnerCount}-${Date.now()}@demo.local`;
  const [{ hash }] = await sql(`SELECT "passwordHash" AS hash FROM "User" WHERE "email" = $1`, [accounts.employee]);
  const [user] = await sql(
    `INSERT INTO "User" ("id", "email", "name", "position", "role", "passwordHash", "departmentId", "updatedAt")
     SELECT $1, $2, $3, 'Специалист поддержки', 'EMPLOYEE', $4, "id", now() FROM "Department" WHERE "key" = 'customer-support'
     RETURNING "id", "email"`,
    [`e2e-${learnerCount}-${Date.now()}-${process.pid}`, email, `Учащийся ${label} ${Date.now().toString(36)}${learnerCount}`, hash],
  );
  return user as { id: string; email: string };
}

/**
 * An exam over the given cards of the seed deck, assigned to one user, with the full review after each attempt; in the
 * portal's test database or the one at `database`.
 */
export async function createExam(
  assignee: { id: string },
  options: { cards: string[]; questionCount: number; timeLimitSeconds?: number; title?: string; database?: string },
) {
  const id = `e2e-exam-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await sql(
    `INSERT INTO "Exam" ("id", "key", "title", "questionCount", "timeLimitSeconds", "passPercent", "attemptsAllowed",
       "reviewPolicy", "reviewTiming", "shuffleQuestions", "shuffleOptions", "published", "updatedAt")
     VALUES ($1, $1, $2, $3, $4, 80, 5, 'FULL', 'AFTER_EACH_ATTEMPT', false, true, true, now())`,
    [id, options.title ?? "Экзамен e2e", options.questionCount, options.timeLimitSeconds ?? 1800],
    options.database,
  );
  await sql(
    `INSERT INTO "ExamCard" ("examId", "cardId") SELECT $1, "id" FROM "Card" WHERE "key" = ANY($2::text[])`,
    [id, options.cards],
    options.database,
  );
  await sql(`INSERT INTO "Assignment" ("id", "examId", "userId") VALUES ($1, $2, $3)`, [`${id}-a`, id, assignee.id], options.database);
  return id;
}

/** Gives some answer to the exam question on screen, whatever its type (text, a choice, a match or an order). */
export async function answerShownQuestion(page: Page) {
  const question = page.locator("section[aria-labelledby=question-title]");
  await expect(question.getByRole("heading")).toBeVisible();
  if ((await question.locator("input, select").count()) === 0) {
    await question.getByRole("button", { name: /^Ниже: / }).first().click();
    return;
  }
  const input = question.locator("input, select").first();
  const kind = await input.evaluate((element) => (element instanceof HTMLSelectElement ? "select" : (element as HTMLInputElement).type));
  if (kind === "text") await input.fill("ответ");
  else if (kind === "select") await input.selectOption({ index: 1 });
  else await input.click();
}

/** The learner takes a one-question exam assigned to them and submits it; returns the attempt id. */
export async function finishedAttempt(browser: Browser, learner: { id: string; email: string }, title = "Экзамен команды") {
  const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 1, title });
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, learner.email);
  await page.goto(`/exams/${examId}`);
  await page.getByRole("button", { name: "Начать экзамен" }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  const attemptId = /\/attempts\/([^/]+)$/.exec(new URL(page.url()).pathname)![1];
  await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
  await answerShownQuestion(page);
  await expect(page.getByTestId("save-state")).toHaveText("Сохранено");
  await page.getByRole("button", { name: "Завершить экзамен" }).click();
  await page.waitForURL(/\/result$/);
  await context.close();
  return { attemptId, examId };
}

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };

export type ServerAction = { id: string; name: string; page: string };

/** The built portal's server actions whose file starts with `prefix`, each with a page it is bound to. */
export function serverActions(prefix: string, segment = "e2e-missing-record"): ServerAction[] {
  const file = path.resolve(import.meta.dirname, "..", ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  return Object.entries(manifest.node)
    .filter(([, action]) => action.filename.startsWith(prefix))
    .map(([id, action]) => {
      // A page the action is bound to, with `segment` for its dynamic segments.
      const page = Object.keys(action.workers)[0]
        .replace(/^app/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\/page$/, "")
        .replace(/\[[^\]]+\]/g, segment);
      return { id, name: action.exportedName, page: page || "/" };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export type ActionOutcome = { status: number; threw: boolean; result?: { ok: boolean; error?: string } };

/** Calls a server action as a browser would; returns the HTTP status and the action's result as sent. */
export async function callAction(request: APIRequestContext, action: ServerAction, input: unknown): Promise<ActionOutcome> {
  const response = await request.post(action.page, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: portalOrigin(),
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  const body = await response.text();
  // The RSC payload's second row is the action's return value, or "E" and the error's digest when it threw.
  const row = /^1:(E?)(.*)$/m.exec(body);
  return { status: response.status(), threw: row?.[1] === "E", result: row && !row[1] ? JSON.parse(row[2]) : undefined };
}

/** The portal's own origin, as a browser sends it in `Origin`. */
export const portalOrigin = () => new URL(test.info().project.use.baseURL!).origin;

/** Headers a browser sends with a state-changing JSON request from the portal's own page. */
export const jsonHeaders = () => ({ "Content-Type": "application/json", Origin: portalOrigin() });
