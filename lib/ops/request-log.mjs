// The portal's structured log through pino: one JSON line per request (lib/cli/next-worker.mjs)
// and one per server error (logConsoleErrors), written asynchronously to stdout, or appended to
// LOG_FILE when set. A line holds the method, the route's pattern (never the raw path: it holds
// ids and set-password tokens), the status, the duration and the request id, which is also the
// response's X-Request-Id header; never a body, a query string, a cookie or any other header.
// Plain JavaScript, so the server processes run it without a TypeScript loader (see
// lib/users/address-of-request.mjs). Types: request-log.d.mts.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import pino from "pino";

/** @param {string | undefined} file */
export function createLog(file = process.env.LOG_FILE) {
  return pino(
    { base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ dest: file || 1, sync: false, mkdir: true }),
  );
}

/**
 * The route patterns of a build's routes-manifest.json (none before a build, e.g. under next dev).
 * @param {string} distDir
 */
export function readRoutesManifest(distDir) {
  const file = path.join(distDir, "routes-manifest.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { staticRoutes: [], dynamicRoutes: [] };
}

/**
 * The pattern of the route a request URL reaches (`/attempts/[attemptId]`), `/_next/<kind>/*` for
 * Next.js's own files, null for a path no route serves.
 * @param {{ staticRoutes: { page: string }[], dynamicRoutes: { page: string, regex: string }[] }} manifest
 */
export function routeMatcher(manifest) {
  const staticRoutes = new Set(manifest.staticRoutes.map((route) => route.page));
  const dynamicRoutes = manifest.dynamicRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  /** @param {string} url */
  return (url) => {
    const pathname = url.split("?", 1)[0];
    if (pathname.startsWith("/_next/")) return `/_next/${pathname.split("/", 3)[2]}/*`;
    const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
    if (staticRoutes.has(trimmed)) return trimmed;
    return dynamicRoutes.find((route) => route.regex.test(pathname))?.page ?? null;
  };
}

/**
 * Gives the request an id (sent back as X-Request-Id; one a client sent is ignored) and logs its line
 * when the response closes.
 * @param {import("pino").Logger} log
 * @param {(url: string) => string | null} matchRoute
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 */
export function logRequest(log, matchRoute, request, response) {
  const started = performance.now();
  const reqId = randomUUID();
  response.setHeader("X-Request-Id", reqId);
  const route = matchRoute(request.url ?? "");
  response.once("close", () => {
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const aborted = response.writableFinished ? undefined : true;
    log.info({ reqId, method: request.method, route, status: response.statusCode, ms, aborted }, "request");
  });
  return { reqId, route };
}

const requestContext = new AsyncLocalStorage();

/**
 * Handles a request with its id and route in context, for logConsoleErrors.
 * @template T
 * @param {{ reqId: string, route: string | null }} context
 * @param {() => T} handle
 */
export function withRequestContext(context, handle) {
  return requestContext.run(context, handle);
}

/**
 * Next.js reports each server error it catches (a page's, a route handler's, an action's) with console.error: in a
 * server process those reports go to the log as error lines with the id and route of the request being handled.
 * (Next's instrumentation hook onRequestError gives the same, but a build with an instrumentation file cost about
 * 1.5 ms more CPU on every request: a save 5.6 → 7.2 ms.)
 * @param {import("pino").Logger} log
 */
export function logConsoleErrors(log) {
  console.error = (...args) => {
    const context = requestContext.getStore();
    const err = args.find((arg) => arg instanceof Error);
    const message = args.filter((arg) => !(arg instanceof Error)).map((arg) => (typeof arg === "string" ? arg : inspect(arg))).join(" ");
    log.error({ reqId: context?.reqId, route: context?.route, err }, message || "request failed");
  };
}
