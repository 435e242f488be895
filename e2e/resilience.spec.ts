import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { killPortal, startPortal, type PortalProcess } from "./portal-process";
import { answerShownQuestion, sql, test } from "./support";
import { demoPassword } from "../prisma/demo-users";
import { findFreePort, isPortFree, startEmbeddedPostgres } from "../prisma/embedded-server";

// Each test runs a portal of its own (lib/cli/start.ts, as `npm start` does) and crashes or stops parts of it.

/** The pids of the portal's Next.js server processes (the primary's node:cluster workers). */
function workerPids(primary: number) {
  let listing = "";
  try {
    listing = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(primary)], { encoding: "utf8" });
  } catch {
    return [];
  }
  return listing
    .split("\n")
    .filter((line) => line.includes("next-worker.mjs"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** A GET on a connection of its own (no keep-alive socket left on a killed worker), as a browser's retry would be. */
function statusOf(url: string) {
  return new Promise<number>((resolve) => {
    http
      .get(url, { agent: false, timeout: 20_000 }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      })
      .on("timeout", function (this: http.ClientRequest) {
        this.destroy();
      })
      .on("error", () => resolve(0));
  });
}

/**
 * Starts a wrong-password sign-in and sends only half its body; `finish` sends the rest and answers the
 * outcome Auth.js redirects with ("invalid"), or how the request ended otherwise.
 */
async function halfSentSignIn(base: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: "employee@demo.local", password: "wrong-password", callbackUrl: "/" }).toString();
  let request!: http.ClientRequest;
  const answer = new Promise<string>((resolve) => {
    request = http.request(
      `${base}/api/auth/callback/credentials`,
      {
        method: "POST",
        agent: false,
        headers: { origin: base, cookie, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        const location = new URL(response.headers.location ?? "/", base);
        response.on("end", () => resolve(location.searchParams.get("code") ?? `status ${response.statusCode}`));
      },
    );
    request.on("error", (error) => resolve(`failed: ${error.message}`));
  });
  request.write(body.slice(0, 20));
  return () => {
    request.end(body.slice(20));
    return answer;
  };
}

/** A portal of its own on a fresh embedded database, with two Next.js servers. */
async function freshPortal(name: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `attestation-${name}-`));
  const pgPort = await findFreePort();
  const portal = await startPortal({ dataDir, env: { WEB_CONCURRENCY: "2" }, args: ["--fresh", "--pg-port", String(pgPort)] });
  return { portal, pgPort, dataDir };
}

/**
 * Four sign-ins in flight (bodies half sent, so the servers are surely handling them) when `stop` signals the portal
 * are finished with the database still there — a wrong password checked and answered, not cut off — then the portal
 * exits cleanly and its embedded PostgreSQL is stopped.
 */
async function expectStopAfterInFlightSignIns(portal: PortalProcess, pgPort: number, stop: () => void) {
  const inFlight = await Promise.all(Array.from({ length: 4 }, () => halfSentSignIn(portal.base)));
  await new Promise((resolve) => setTimeout(resolve, 500));
  stop();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await Promise.all(inFlight.map((finish) => finish()))).toEqual(Array(4).fill("invalid"));
  expect(await portal.exited, portal.output()).toBe(0);
  expect(await isPortFree(pgPort), "the embedded PostgreSQL is stopped").toBe(true);
}

test("a killed Next.js server is replaced while the portal keeps serving; SIGTERM finishes the requests in flight, then stops the servers and the database", async () => {
  test.setTimeout(300_000);
  const { portal, pgPort, dataDir } = await freshPortal("crash");
  try {
    const [victim, survivor] = workerPids(portal.pid);
    expect(survivor, portal.output()).toBeDefined();
    const killedAt = Date.now();
    process.kill(victim, "SIGKILL");
    let replacement: number | undefined;
    while (Date.now() - killedAt < 8_000) {
      // A connection handed to the worker as it died fails once; a browser retries it.
      expect((await statusOf(`${portal.base}/login`)) || (await statusOf(`${portal.base}/login`))).toBe(200);
      replacement ??= workerPids(portal.pid).find((pid) => pid !== victim && pid !== survivor);
      if (replacement && Date.now() - killedAt > 3_000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(replacement, portal.output()).toBeDefined();
    await expect.poll(async () => (await statusOf(`${portal.base}/login`)) === 200 && workerPids(portal.pid).length, { timeout: 30_000 }).toBe(2);
    console.log(`worker replaced: listening again ${Date.now() - killedAt} ms after the kill (both workers serving)`);

    // Sign-ins in flight when SIGTERM comes (their bodies half sent, so the servers are surely handling them) are
    // finished, with the database still there: a wrong password is checked and answered, not cut off.
    await expectStopAfterInFlightSignIns(portal, pgPort, () => process.kill(portal.pid, "SIGTERM"));
  } finally {
    await killPortal(portal);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("Ctrl+C in a terminal (SIGINT to the portal's whole process group) finishes the requests in flight before the database stops", async () => {
  test.setTimeout(300_000);
  const { portal, pgPort, dataDir } = await freshPortal("ctrl-c");
  try {
    await expectStopAfterInFlightSignIns(portal, pgPort, () => process.kill(-portal.pid, "SIGINT"));
  } finally {
    await killPortal(portal);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("Next.js servers that die at once every time stop the portal with a message naming the crash loop", async () => {
  test.setTimeout(300_000);
  const { portal, pgPort, dataDir } = await freshPortal("crash-loop");
  let code: number | null | undefined;
  void portal.exited.then((exitCode) => (code = exitCode));
  try {
    const startedAt = Date.now();
    while (code === undefined && Date.now() - startedAt < 30_000) {
      for (const pid of workerPids(portal.pid)) process.kill(pid, "SIGKILL");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(code, portal.output()).toBe(1);
    expect(portal.output()).toMatch(/Next\.js servers crashed \d+ times in \d+ s/);
    expect(await isPortFree(pgPort), "the embedded PostgreSQL is stopped").toBe(true);
  } finally {
    await killPortal(portal);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a PostgreSQL restart mid-exam: the page shows «Не сохранено», keeps retrying, and every answer is saved once the database is back", async ({ page }) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-db-restart-"));
  const pgPort = await findFreePort();
  let database = await startEmbeddedPostgres({ dataDir, port: pgPort });
  const portal = await startPortal({ dataDir: path.join(dataDir, "portal"), env: { WEB_CONCURRENCY: "2", DATABASE_URL: database.url }, args: ["--demo"] });
  try {
    const [{ id: examId }] = await sql(`SELECT "id" FROM "Exam" WHERE "key" = 'mock-attestation'`, [], database.url);
    await page.goto(`${portal.base}/login`);
    await page.getByLabel("Электронная почта").fill("employee@demo.local");
    await page.getByLabel("Пароль").fill(demoPassword);
    await page.getByRole("button", { name: "Войти", exact: true }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    await page.goto(`${portal.base}/exams/${examId}`);
    await page.getByRole("button", { name: "Начать экзамен" }).click();
    await page.waitForURL(/\/attempts\/[^/]+$/);
    await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
    const attemptId = /\/attempts\/([^/]+)$/.exec(new URL(page.url()).pathname)![1];
    const next = page.getByRole("button", { name: "Далее →" });

    await answerShownQuestion(page);
    await expect(page.getByTestId("save-state")).toHaveText("Сохранено");

    await database.stop();
    for (let answered = 0; answered < 3; answered++) {
      await next.click();
      await answerShownQuestion(page);
      await expect(page.getByTestId("save-state")).toHaveText("Не сохранено", { timeout: 20_000 });
    }

    database = await startEmbeddedPostgres({ dataDir, port: pgPort });
    await expect(page.getByTestId("save-state")).toHaveText("Сохранено", { timeout: 30_000 });
    await expect
      .poll(async () => (await sql(`SELECT count(*)::int AS n FROM "AttemptItem" WHERE "attemptId" = $1 AND "response" IS NOT NULL`, [attemptId], database.url))[0].n, {
        timeout: 30_000,
      })
      .toBe(4);
    await page.reload();
    await expect(page.locator("[data-testid=exam-taker][data-ready=true]")).toBeVisible();
    expect(await statusOf(`${portal.base}/login`)).toBe(200);
    expect(portal.output()).not.toMatch(/The portal is ready[\s\S]*The portal is ready/);
  } finally {
    await killPortal(portal);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
