import http from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { callAction, createExam, createLearner, jsonHeaders, login, portalOrigin, serverActions, sql, test } from "./support";

// The edges every request crosses: the one session check, strict state-changing route handlers,
// ids checked before the database, and the security headers.

const appDir = path.resolve(import.meta.dirname, "..", "app");

/** The URL segments of every app/ file with this name (route groups left out). */
const appFiles = (name: string) =>
  (readdirSync(appDir, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === name)
    .map((file) => ({ file, segments: path.dirname(file).split(path.sep).filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment)) }));

/** Every route handler in app/, with its URL pattern and the methods it exports: a new one joins the fuzz by itself. */
function routeHandlers() {
  return appFiles("route.ts")
    .map(({ file, segments }) => {
      const exported = readFileSync(path.join(appDir, file), "utf8")
        .split("\n")
        .filter((line) => line.startsWith("export "))
        .join(" ");
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => new RegExp(`\\b${method}\\b`).test(exported));
      return { file, segments, methods };
    });
}

/**
 * The route handlers anyone may call: Auth.js's own, the load balancer's liveness and readiness checks, and the
 * unsubscribe link of an e-mail (its signed token is the credential; mail clients post to it from anywhere).
 */
const publicRoutes = ["api/auth/[...nextauth]/route.ts", "api/health/route.ts", "api/ready/route.ts", "api/unsubscribe/[token]/route.ts"];

/** The URL of a route with each dynamic segment replaced by `value(name)`. */
function routeUrl(segments: string[], value: (name: string) => string) {
  return "/" + segments.map((segment) => (/^\[.*\]$/.test(segment) ? value(segment.replace(/^\[(\.\.\.)?|\]$/g, "")) : segment)).join("/");
}

/** A learner with every ability (ADMIN), an exam of their own and a started attempt: the fuzz reaches every handler's body. */
async function adminWithAttempt(page: Page, label: string) {
  const learner = await createLearner(label);
  await sql(`UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = $1`, [learner.id]);
  const examId = await createExam(learner, { cards: ["video-calls"], questionCount: 1 });
  await login(page, learner.email);
  const started = await page.request.post(`/api/exams/${examId}/attempts`, { headers: jsonHeaders(), data: {} });
  const { attemptId } = (await started.json()) as { attemptId: string };
  const [{ itemId }] = await sql(`SELECT "id" AS "itemId" FROM "AttemptItem" WHERE "attemptId" = $1`, [attemptId]);
  const [{ deckId }] = await sql(`SELECT "id" AS "deckId" FROM "Deck" WHERE "slug" = 'attestation-prep'`);
  return { learner, examId, attemptId: attemptId, itemId: itemId as string, deckId: deckId as string };
}

/** Sends a body with chunked transfer encoding (no Content-Length) and returns the status. */
async function sendChunked(page: Page, url: string, method: string, contentType: string, totalBytes: number) {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise<number>((resolve, reject) => {
    const request = http.request(new URL(url, portalOrigin()), {
      method,
      headers: { "Content-Type": contentType, Origin: portalOrigin(), Cookie: cookie, "Transfer-Encoding": "chunked" },
    });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    // The server may answer and close before the whole body is sent: only an error before any answer counts.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    (async () => {
      for (let sent = 0; sent < totalBytes && !answered && !request.destroyed; sent += chunk.length) {
        if (!request.write(chunk)) await new Promise((drained) => request.once("drain", drained));
      }
      request.end();
    })().catch(() => undefined);
  });
}

test("every route handler but the named public ones refuses an anonymous caller; health and readiness answer anyone", async ({ request }) => {
  const routes = routeHandlers();
  expect(routes.map(({ file }) => file.split(path.sep).join("/"))).toEqual(expect.arrayContaining(publicRoutes));
  const got: Record<string, number> = {};
  for (const { file, segments, methods } of routes) {
    if (publicRoutes.includes(file.split(path.sep).join("/"))) continue;
    const contentType = segments.includes("archive") ? "multipart/form-data; boundary=x" : "application/json";
    for (const method of methods) {
      const url = routeUrl(segments, () => "e2e-anonymous");
      got[`${method} ${url}`] = await fuzz(request, method, url, contentType, "{}");
    }
  }
  expect(Object.keys(got).length).toBeGreaterThanOrEqual(10);
  expect(got).toEqual(Object.fromEntries(Object.keys(got).map((key) => [key, 401])));

  for (const [url, body] of [
    ["/api/health", { status: "ok" }],
    ["/api/ready", { status: "ok" }],
  ] as const) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect({ url, status: response.status(), cacheControl: response.headers()["cache-control"], body: await response.json() }).toEqual({
      url,
      status: 200,
      cacheControl: "no-store",
      body,
    });
  }
});

test("a person on HR's one-time password gets a refusal, not data, from every route handler and server action", async ({ page }) => {
  const { learner, examId, attemptId, itemId, deckId } = await adminWithAttempt(page, "one-time");
  await sql(`UPDATE "User" SET "role" = 'HR', "mustChangePassword" = true WHERE "id" = $1`, [learner.id]);
  const json = { headers: jsonHeaders(), maxRedirects: 0 };
  const got = {
    attempt: (await page.request.get(`/api/attempts/${attemptId}`, { maxRedirects: 0 })).status(),
    start: (await page.request.post(`/api/exams/${examId}/attempts`, { ...json, data: {} })).status(),
    save: (await page.request.put(`/api/attempts/${attemptId}/items/${itemId}`, { ...json, data: { response: "x", seq: 1 } })).status(),
    flag: (await page.request.patch(`/api/attempts/${attemptId}/items/${itemId}`, { ...json, data: { flagged: true } })).status(),
    cursor: (await page.request.post(`/api/attempts/${attemptId}/cursor`, { ...json, data: { from: 0 } })).status(),
    submit: (await page.request.post(`/api/attempts/${attemptId}/submit`, { ...json, data: {} })).status(),
    overview: (await page.request.get("/team/export/overview?format=csv", { maxRedirects: 0 })).status(),
    results: (await page.request.get(`/team/export/results?format=csv&exam=${examId}`, { maxRedirects: 0 })).status(),
    zip: (await page.request.get(`/admin/decks/${deckId}/export/zip`, { maxRedirects: 0 })).status(),
    csv: (await page.request.get(`/admin/decks/${deckId}/export/csv`, { maxRedirects: 0 })).status(),
    import: (
      await page.request.post("/admin/decks/import/archive", { multipart: { mode: "check" }, headers: { Origin: portalOrigin() }, maxRedirects: 0 })
    ).status(),
  };
  expect(got).toEqual(Object.fromEntries(Object.keys(got).map((key) => [key, 403])));

  const createDeck = serverActions("lib/actions/admin/decks").find((action) => action.name === "createDeckAction")!;
  const slug = `e2e-one-time-${Date.now()}`;
  const action = await callAction(page.request, createDeck, { title: "Одноразовый пароль", description: "", slug });
  expect(action.result).toEqual({ ok: false, error: "password-change-required" });
  expect(await sql(`SELECT "id" FROM "Deck" WHERE "slug" = $1`, [slug])).toEqual([]);
  expect(await sql(`SELECT "status", "flagged" FROM "Attempt" a JOIN "AttemptItem" i ON i."attemptId" = a."id" WHERE a."id" = $1`, [attemptId])).toEqual([
    { status: "IN_PROGRESS", flagged: false },
  ]);
});

test("a state-changing route handler takes only JSON, only from the portal's own origin, only up to its size limit", async ({ page }) => {
  const { attemptId, itemId } = await adminWithAttempt(page, "strict");
  const url = `/api/attempts/${attemptId}/items/${itemId}`;
  const data = JSON.stringify({ response: "x", seq: 1 });
  const got = {
    textPlain: (await page.request.put(url, { headers: { ...jsonHeaders(), "Content-Type": "text/plain" }, data })).status(),
    form: (await page.request.put(url, { headers: { ...jsonHeaders(), "Content-Type": "application/x-www-form-urlencoded" }, data })).status(),
    foreignOrigin: (await page.request.put(url, { headers: { ...jsonHeaders(), Origin: "http://evil.example" }, data })).status(),
    noOrigin: (await page.request.put(url, { headers: { "Content-Type": "application/json" }, data })).status(),
    chunkedOversized: await sendChunked(page, url, "PUT", "application/json", 256 * 1024),
    archiveChunkedOversized: await sendChunked(page, "/admin/decks/import/archive", "POST", "multipart/form-data; boundary=x", 6 * 1024 * 1024),
    archiveAsJson: (await page.request.post("/admin/decks/import/archive", { headers: jsonHeaders(), data: {} })).status(),
  };
  expect(got).toEqual({
    textPlain: 415,
    form: 415,
    foreignOrigin: 403,
    noOrigin: 403,
    chunkedOversized: 413,
    archiveChunkedOversized: 413,
    archiveAsJson: 415,
  });
  expect(await sql(`SELECT "response" FROM "AttemptItem" WHERE "id" = $1`, [itemId])).toEqual([{ response: null }]);
  // The same request done right goes through.
  expect((await page.request.patch(url, { headers: jsonHeaders(), data: { flagged: true } })).status()).toBe(200);
  expect(await sql(`SELECT "flagged" FROM "AttemptItem" WHERE "id" = $1`, [itemId])).toEqual([{ flagged: true }]);
});

const malformedIds = [
  "%00",
  "a%00b",
  "x".repeat(3000),
  encodeURIComponent("тест✓😀"),
  "..%2F..%2Fetc%2Fpasswd",
  "..",
  "%2e%2e%2f",
  encodeURIComponent("' OR 1=1 --"),
  "%C0%AF",
];

const malformedBodies = [
  "",
  "{",
  "null",
  '"text"',
  "[]",
  "[1,2,3]",
  '{"from": 1e400, "seq": 1e400, "flagged": 1e400, "response": 1e400}',
  '{"from": 123456789012345678901234567890, "seq": -1, "response": {"__proto__": {"polluted": true}}}',
  "[".repeat(20_000) + "]".repeat(20_000),
  '{"response": "\\u0000", "seq": 1, "flagged": "\\u0000"}',
];

async function fuzz(request: APIRequestContext, method: string, url: string, contentType: string, data: string) {
  const response = await request.fetch(url, { method, headers: { "Content-Type": contentType, Origin: portalOrigin() }, data, maxRedirects: 0 });
  return response.status();
}

test("no malformed id or body makes any route handler answer 5xx", async ({ page }) => {
  test.setTimeout(120_000);
  const real = await adminWithAttempt(page, "fuzz");
  const realId = (name: string) => ({ attemptId: real.attemptId, itemId: real.itemId, examId: real.examId, deckId: real.deckId })[name] ?? "session";
  const failures: string[] = [];
  const check = (what: string, status: number) => {
    if (status >= 500) failures.push(`${what} → ${status}`);
  };
  const routes = routeHandlers();
  expect(routes.length).toBeGreaterThanOrEqual(10);
  for (const { segments, methods } of routes) {
    const contentType = segments.includes("archive") ? "multipart/form-data; boundary=x" : "application/json";
    for (const method of methods) {
      for (const id of malformedIds) {
        const url = routeUrl(segments, () => id) + (method === "GET" ? `?format=csv&exam=${id}&department=${id}&q=${id}&sort=${id}` : "");
        check(`${method} ${url.slice(0, 120)}`, await fuzz(page.request, method, url, contentType, "{}"));
      }
      if (method === "GET") continue;
      for (const body of malformedBodies) {
        const url = routeUrl(segments, realId);
        check(`${method} ${url} ${body.slice(0, 40)}`, await fuzz(page.request, method, url, contentType, body));
      }
    }
  }
  expect(failures).toEqual([]);
});

// A page streams: a database error after the first byte still answers 200, so the test demands "not found".
test("a malformed id in a page's URL is not found, before the database", async ({ page }) => {
  await adminWithAttempt(page, "page-fuzz");
  const failures: string[] = [];
  // A set-password token is not a record id: it is hashed before the database, and any bad one gets the same page.
  const pages = appFiles("page.tsx").filter(({ segments }) => segments.some((segment) => segment.startsWith("[") && segment !== "[token]"));
  expect(pages.length).toBeGreaterThanOrEqual(10);
  for (const { segments } of pages) {
    // Dot segments are resolved by the client before the request, and a bad escape is refused by proxy.ts with 400.
    for (const id of malformedIds.filter((id) => !/\.\.|%2e|%C0/i.test(id))) {
      const url = routeUrl(segments, () => id);
      const status = (await page.request.get(url, { maxRedirects: 0 })).status();
      if (status !== 404) failures.push(`${url.slice(0, 120)} → ${status}`);
    }
  }
  expect(failures).toEqual([]);
});

test("every response carries the security headers, HSTS only over HTTPS", async ({ page, request }) => {
  const html = await request.get("/login");
  const markup = await html.text();
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(markup)![1];
  await login(page, "hr@demo.local");
  const [{ deckId }] = await sql(`SELECT "id" AS "deckId" FROM "Deck" WHERE "slug" = 'attestation-prep'`);
  const responses = {
    html,
    json: await request.get("/api/attempts/e2e-missing-record"),
    download: await page.request.get(`/admin/decks/${deckId}/export/csv`),
    script: await request.get(script),
  };
  for (const [kind, response] of Object.entries(responses)) {
    const headers = response.headers();
    expect({ kind, nosniff: headers["x-content-type-options"], referrer: headers["referrer-policy"], hsts: headers["strict-transport-security"] }).toEqual({
      kind,
      nosniff: "nosniff",
      referrer: "strict-origin-when-cross-origin",
      hsts: undefined,
    });
    if (kind !== "script") expect(headers["content-security-policy"], kind).toContain("frame-ancestors 'none'");
  }
  const csp = html.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toContain("'unsafe-inline' 'nonce");
  expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
  expect(markup).toContain(`nonce="${nonce}"`);
  const secure = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(secure.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
});

test("inline script injected into a page is refused and reported", async ({ page, cspViolations }) => {
  await page.goto("/login");
  await page.evaluate(() => {
    const markup = document.createElement("div");
    markup.innerHTML = `<img src="/no-such-image" onerror="window.injected = true">`;
    document.body.append(markup);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
  // This violation is the point of the test: the fixture's own check after it must pass.
  cspViolations.length = 0;
});
