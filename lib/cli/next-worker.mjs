// One Next.js server process of `npm start` (a node:cluster worker) or of `npm run dev`: Next's
// request handler behind a plain node:http server that first sets the client's address header
// from the socket and TRUST_PROXY, replacing any copy the client sent. (Next itself keeps a
// client's X-Forwarded-For, so the socket's address is lost to the app without this.) Plain
// JavaScript: a TypeScript loader would cost each process about 100 MB. PORT and TRUST_PROXY
// come from start.ts, which has validated them (lib/env.ts). Every request gets an id and a line
// in the structured log (lib/ops/request-log.mjs). In production the autosave is served here,
// before Next.js (lib/cli/fast-endpoints.ts, bundled by the build).
//   --dev   next dev instead of the production build
import { createServer } from "node:http";
import next from "next";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createLog, logConsoleErrors, logRequest, readRoutesManifest, routeMatcher, withRequestContext } from "../ops/request-log.mjs";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom } from "../users/address-of-request.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT);
const trustedProxies = Number(process.env.TRUST_PROXY ?? 0);
// How long a stopping server waits for the requests it has (a save, a page) before it exits anyway.
const STOP_TIMEOUT_MS = 10_000;
const app = next({ dev, turbopack: dev, hostname: "localhost", port });
const handle = app.getRequestHandler();
const { serveFast } = dev ? { serveFast: () => null } : await import(pathToFileURL(path.join(process.cwd(), ".next", "portal-fast-endpoints.mjs")).href);
const log = createLog();
logConsoleErrors(log);
let matchRoute = routeMatcher({ staticRoutes: [], dynamicRoutes: [] });
let stopping = false;
const inFlight = new Set();

const server = createServer((request, response) => {
  if (stopping) response.setHeader("Connection", "close");
  inFlight.add(response);
  response.once("close", () => inFlight.delete(response));
  const forwardedFor = [request.headers["x-forwarded-for"] ?? []].flat().join(",");
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressFrom(request.socket.remoteAddress, forwardedFor, trustedProxies);
  const { reqId, route } = logRequest(log, matchRoute, request, response);
  withRequestContext({ reqId, route }, () => serveFast(request, response) ?? handle(request, response)).catch((error) => {
    log.error({ reqId, method: request.method, route, err: error }, "request failed");
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});

// SIGTERM (from the primary, or a process manager): stop accepting, let the requests in flight
// finish, each closing its connection after the response, then exit.
function stop() {
  if (stopping) return;
  stopping = true;
  for (const response of inFlight) if (!response.headersSent) response.setHeader("Connection", "close");
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), STOP_TIMEOUT_MS).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

await app.prepare();
matchRoute = routeMatcher(readRoutesManifest(path.join(process.cwd(), ".next")));
if (dev) server.on("upgrade", app.getUpgradeHandler());
if (!stopping) server.listen(port);
