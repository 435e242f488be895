import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLog, logConsoleErrors, logRequest, routeMatcher, withRequestContext } from "./request-log.mjs";

// The shape of a build's .next/routes-manifest.json (entries copied from one).
const manifest = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/login", regex: "^/login(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/attempts/[attemptId]/items/[itemId]", regex: "^/api/attempts/([^/]+?)/items/([^/]+?)(?:/)?$" },
    { page: "/attempts/[attemptId]", regex: "^/attempts/([^/]+?)(?:/)?$" },
    { page: "/set-password/[token]", regex: "^/set\\-password/([^/]+?)(?:/)?$" },
  ],
};

const dir = mkdtempSync(path.join(os.tmpdir(), "request-log-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The JSON lines of a log file, once `count` of them are written (pino writes asynchronously). */
async function lines(file: string, count: number) {
  for (let waited = 0; waited < 2_000; waited += 20) {
    const text = (() => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return "";
      }
    })();
    const found = text.split("\n").filter(Boolean);
    if (found.length >= count) return { text, entries: found.map((line) => JSON.parse(line) as Record<string, unknown>) };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${file} did not get ${count} lines`);
}

describe("the request log", () => {
  it("names the route's pattern, never the raw path or its query", () => {
    const match = routeMatcher(manifest);
    expect(
      ["/", "/login", "/login/?next=%2Fteam", "/attempts/cm123", "/api/attempts/a1/items/i2?x=1", "/set-password/secret-token", "/_next/static/chunks/a.js", "/no/such/page"].map(match),
    ).toEqual(["/", "/login", "/login", "/attempts/[attemptId]", "/api/attempts/[attemptId]/items/[itemId]", "/set-password/[token]", "/_next/static/*", null]);
  });

  it("writes one JSON line per request with its id, also returned as X-Request-Id, and nothing the client sent but the method", async () => {
    const file = path.join(dir, "requests.log");
    const log = createLog(file);
    const server = createServer((request, response) => {
      logRequest(log, routeMatcher(manifest), request, response);
      response.statusCode = 201;
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/set-password/the-secret-token?password=hunter2`, {
        method: "POST",
        headers: { Cookie: "authjs.session-token=cookie-value", "X-Request-Id": "forged" },
        body: "answer=key",
      });
      const reqId = response.headers.get("x-request-id");
      expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
      const { text, entries } = await lines(file, 1);
      expect(entries).toEqual([
        { level: "info", time: expect.any(String), pid: process.pid, reqId, method: "POST", route: "/set-password/[token]", status: 201, ms: expect.any(Number), msg: "request" },
      ]);
      for (const secret of ["the-secret-token", "hunter2", "cookie-value", "forged", "answer"]) expect(text).not.toContain(secret);
    } finally {
      server.close();
    }
  });

  it("writes a server error Next.js reports while handling a request with that request's id and route", async () => {
    const file = path.join(dir, "errors.log");
    const log = createLog(file);
    const consoleError = console.error;
    try {
      logConsoleErrors(log);
      await withRequestContext({ reqId: "id-1", route: "/attempts/[attemptId]" }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        console.error("⨯", new Error("boom"));
      });
    } finally {
      console.error = consoleError;
    }
    log.flush();
    const { entries } = await lines(file, 1);
    expect(entries).toEqual([
      expect.objectContaining({ level: "error", reqId: "id-1", route: "/attempts/[attemptId]", err: expect.objectContaining({ type: "Error", message: "boom" }), msg: "⨯" }),
    ]);
  });
});
