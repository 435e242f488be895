import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { killPortal, launchPortal, untilReady, type PortalProcess } from "./portal-process";
import { accounts, createExam, sql, submitLogin, test } from "./support";
import { definitionOf, type QuestionType } from "../lib/questions/types";
import { demoPassword } from "../prisma/demo-users";
import { findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "../prisma/embedded-server";

// Two portals (lib/cli/start.ts, as `npm start` runs it) in separate processes on two ports, with one PostgreSQL and
// one AUTH_SECRET, as several instances behind a load balancer. Each names its database connections (PGAPPNAME),
// so the database shows which instance waits for what.

const root = path.resolve(import.meta.dirname, "..");

type Portal = PortalProcess;

const startInstance = (name: string, databaseUrl: string, secret: string) =>
  launchPortal({
    args: ["--demo"],
    env: { DATABASE_URL: databaseUrl, AUTH_SECRET: secret, PGAPPNAME: name, WEB_CONCURRENCY: "1", SWEEP_INTERVAL_SECONDS: "1" },
  });

/** Sign-ins through Auth.js's endpoint with a CSRF token of `base`; each answers "signed-in" or the error code. */
async function signInScript(base: string) {
  const client = await request.newContext();
  const { csrfToken } = (await (await client.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  return {
    client,
    async signIn(portal: Portal, email: string, password: string) {
      const answer = await client.post(`${portal.base}/api/auth/callback/credentials`, {
        form: { csrfToken, email, password, callbackUrl: "/" },
        headers: { origin: portal.base },
        maxRedirects: 0,
      });
      const location = new URL(answer.headers().location ?? "/", portal.base);
      return location.searchParams.get("code") ?? (location.pathname === "/" ? "signed-in" : `status ${answer.status()}`);
    },
  };
}

/** Waits until shortly after `time` (ms since the epoch). */
const sleepUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now()) + 300));

type Item = { id: string; type: QuestionType; payload: unknown; answerKey: unknown; maxPoints: number };

/** A correct or a wrong response to an attempt's item, in the ids the taker was shown. */
function responseTo(item: Item, correct: boolean) {
  const definition = definitionOf(item.type);
  const payload = definition.payloadSchema.parse(item.payload);
  const key = definition.keySchema.parse(item.answerKey);
  return correct ? definition.correctResponse(payload, key) : definition.wrongResponse(payload, key);
}

let database: EmbeddedServer;
let dataDir: string;
let a: Portal;
let b: Portal;
const portals = () => [a, b].filter(Boolean);

const items = (attemptId: string) =>
  sql(`SELECT "id", "type", "payload", "answerKey", "maxPoints" FROM "AttemptItem" WHERE "attemptId" = $1 ORDER BY "position"`, [attemptId], database.url) as Promise<Item[]>;

async function userId(email: string) {
  const [user] = await sql(`SELECT "id" FROM "User" WHERE "email" = $1`, [email], database.url);
  return user as { id: string };
}

/** Signs in on `portal` in the browser and starts the exam there; returns the attempt's id. */
async function startAttempt(page: Page, portal: Portal, email: string, examId: string) {
  await submitLogin(page, email, demoPassword, `${portal.base}/login`);
  await expect(page.getByTestId("current-user")).toBeVisible();
  await page.goto(`${portal.base}/exams/${examId}`);
  await page.getByRole("button", { name: "Начать экзамен" }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
  return /\/attempts\/([^/]+)$/.exec(new URL(page.url()).pathname)![1];
}

/** Saves a response through `portal`'s API with the browser's session. */
async function save(api: APIRequestContext, portal: Portal, attemptId: string, item: Item, response: unknown) {
  const answer = await api.put(`${portal.base}/api/attempts/${attemptId}/items/${item.id}`, {
    data: { seq: 1, response },
    headers: { origin: portal.base },
  });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ status: "saved" });
}

test.describe("two portals on one database", () => {
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-two-"));
    database = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    // Migrations once per deploy, before the servers start; then both start at once and one of them seeds.
    const migrate = spawnSync("npm", ["run", "--silent", "db:migrate"], { cwd: root, env: { ...process.env, DATABASE_URL: database.url }, encoding: "utf8" });
    expect(migrate.status, migrate.stdout + migrate.stderr).toBe(0);
    const secret = `two-instances-${Date.now()}-shared-secret-of-the-test`;
    a = await startInstance("portal-a", database.url, secret);
    b = await startInstance("portal-b", database.url, secret);
    await Promise.all([untilReady(a), untilReady(b)]);
    expect(portals().filter((portal) => portal.output().includes("Seeded the content"))).toHaveLength(1);
  });

  test.afterAll(async () => {
    await Promise.all(portals().map(killPortal));
    await database?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("a session signed in on one portal works on the other, and logging out on the other ends it on both", async ({ page, context }) => {
    await submitLogin(page, accounts.employee, demoPassword, `${a.base}/login`);
    await expect(page.getByTestId("current-user")).toHaveText(/Сотрудникова Мария/);
    const session = (await context.cookies(a.base)).filter((cookie) => cookie.name.includes("session-token"));
    expect(session).toHaveLength(1);

    // The browser sends the cookie A set (cookies do not depend on the port) and B reads it.
    await page.goto(`${b.base}/`);
    await expect(page).toHaveURL(`${b.base}/`);
    await expect(page.getByTestId("current-user")).toHaveText(/Сотрудникова Мария/);

    await page.goto(`${b.base}/logout`);
    await page.getByRole("button", { name: "Выйти" }).click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1/);
    await context.addCookies(session);
    await page.goto(`${a.base}/`);
    await expect(page).toHaveURL(/\/login/);
  });

  test("an attempt started on one portal is saved to and submitted on the other, and graded once", async ({ page }) => {
    const taker = await userId(accounts.employee);
    const examId = await createExam(taker, { cards: ["video-calls"], questionCount: 2, title: "Экзамен двух серверов", database: database.url });
    const attemptId = await startAttempt(page, a, accounts.employee, examId);
    const [right, wrong] = await items(attemptId);

    await save(page.request, b, attemptId, right, responseTo(right, true));
    await save(page.request, b, attemptId, wrong, responseTo(wrong, false));
    await page.goto(`${b.base}/attempts/${attemptId}`);
    await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
    await page.getByRole("button", { name: "Завершить экзамен" }).click();
    await page.waitForURL(`${b.base}/attempts/${attemptId}/result`);

    // A repeat on the first portal finds it graded.
    const again = await page.request.post(`${a.base}/api/attempts/${attemptId}/submit`, { data: {}, headers: { origin: a.base } });
    expect(await again.json()).toMatchObject({ status: "finished", finalizedNow: false, attemptStatus: "SUBMITTED" });

    const attempts = await sql(`SELECT "id", "status", "score", "maxScore" FROM "Attempt" WHERE "userId" = $1 AND "examId" = $2`, [taker.id, examId], database.url);
    expect(attempts).toEqual([{ id: attemptId, status: "SUBMITTED", score: right.maxPoints, maxScore: right.maxPoints + wrong.maxPoints }]);
    expect((await sql(`SELECT "correct" FROM "AttemptItem" WHERE "attemptId" = $1 ORDER BY "position"`, [attemptId], database.url)).map((row) => row.correct)).toEqual([
      true,
      false,
    ]);
  });

  test("a sign-in delay made on one portal holds on the other until it ends", async () => {
    test.setTimeout(120_000);
    const script = await signInScript(a.base);
    try {
      const account = accounts.analyst;
      const waitEnds = async () => {
        const [row] = await sql(
          `SELECT (extract(epoch FROM "until") * 1000)::float8 AS until FROM "LoginThrottle" WHERE "key" = $1`,
          [`account:${account}`],
          database.url,
        );
        return row.until as number;
      };
      // Three failures are free, the fourth makes the next attempt wait 1 s, and every attempt counts: after the
      // eighth, checked once the wait is over, the wait is 16 s (lib/users/login-throttle.ts).
      for (let i = 0; i < 4; i++) expect(await script.signIn(a, account, `wrong-${i}`)).toBe("invalid");
      for (let i = 0; i < 3; i++) await script.signIn(a, account, `counted-${i}`);
      await sleepUntil(await waitEnds());
      expect(await script.signIn(a, account, "one-more-guess")).toBe("invalid");
      const until = await waitEnds();
      expect(until - Date.now()).toBeGreaterThan(10_000);

      expect(await script.signIn(b, account, demoPassword)).toBe("throttled");
      expect(Date.now()).toBeLessThan(until);
      await sleepUntil(until);
      expect(await script.signIn(b, account, demoPassword)).toBe("signed-in");
    } finally {
      await script.client.dispose();
    }
  });

  test("an attempt left past its deadline is finalised once while the sweeps of both portals run over it, one sweep at a time on each", async ({ page }) => {
    test.setTimeout(120_000);
    const taker = await userId(accounts.engineer);
    const examId = await createExam(taker, { cards: ["video-calls"], questionCount: 2, timeLimitSeconds: 15, title: "Экзамен без отправки", database: database.url });
    const attemptId = await startAttempt(page, a, accounts.engineer, examId);
    const [right] = await items(attemptId);
    await save(page.request, a, attemptId, right, responseTo(right, true));
    await page.close();

    // Holding the attempt's row lock, the test lets both sweeps find it past its deadline and wait for the lock.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Attempt" WHERE "id" = $1 FOR UPDATE`, [attemptId]);
      const waiting = async () =>
        (
          await sql(
            `SELECT "application_name" AS name, count(*)::int AS sweeps FROM pg_stat_activity
             WHERE "wait_event_type" = 'Lock' AND "query" LIKE '%FROM "Attempt" WHERE "id" = $1 FOR UPDATE%' GROUP BY 1 ORDER BY 1`,
            [],
            database.url,
          )
        ).map((row) => `${row.name}: ${row.sweeps}`);
      await expect.poll(waiting, { timeout: 60_000, intervals: [500] }).toEqual(["portal-a: 1", "portal-b: 1"]);
      // Three sweep intervals later, each portal's sweep still waits alone: no second sweep joined it.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await waiting()).toEqual(["portal-a: 1", "portal-b: 1"]);
      await holder.query("COMMIT");
    } finally {
      await holder.end();
    }

    await expect
      .poll(async () => (await sql(`SELECT "status", "score" FROM "Attempt" WHERE "id" = $1`, [attemptId], database.url))[0], { timeout: 10_000 })
      .toEqual({ status: "EXPIRED", score: right.maxPoints });
    // Both sweeps are done with it (neither waits any more), and one of them graded it.
    await expect.poll(async () => (await sql(`SELECT 1 FROM pg_stat_activity WHERE "wait_event_type" = 'Lock'`, [], database.url)).length).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const finalisations = portals().flatMap((portal) => portal.output().match(/Sweep: finalised \d+ attempt\(s\)/g) ?? []);
    expect(finalisations).toEqual(["Sweep: finalised 1 attempt(s)"]);
    for (const portal of portals()) expect(portal.output()).not.toContain("Sweep failed");
  });
});
