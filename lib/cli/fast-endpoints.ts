// The endpoints the server process of `npm start` (lib/cli/next-worker.mjs) serves itself,
// before Next.js: the autosave, which is half of an exam taker's requests. The endpoint is the
// same one the route handler serves (lib/json-endpoint.ts: every check, in the same order);
// only Next.js's per-request work is skipped, which cost a save about 4 of its 6 ms of CPU.
// Bundled by lib/cli/build.ts into .next/portal-fast-endpoints.mjs. A request whose ids are not
// record ids goes on to Next.js, which answers it as it answers any other.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { parseCookie } from "cookie";
import { isRecordId } from "../access/ids";
import { saveItemEndpoint } from "../exams/endpoints";
import { FIXED_SECURITY_HEADERS } from "../fixed-security-headers.mjs";
import type { Endpoint, EndpointAnswer, EndpointRequest } from "../json-endpoint";
import { contentSecurityPolicy, HSTS, servedOverHttps } from "../security-headers";

type Route = { method: string; path: RegExp; serve: (request: EndpointRequest, segments: string[]) => Promise<EndpointAnswer> };

/** `path` captures the URL's segments that are the endpoint's params, named in order by `params`. */
function route<P extends Record<string, string>>(method: string, path: RegExp, params: (keyof P & string)[], endpoint: Endpoint<P>): Route {
  return { method, path, serve: (request, segments) => endpoint(request, Object.fromEntries(params.map((name, i) => [name, segments[i]])) as P) };
}

const routes = [route("PUT", /^\/api\/attempts\/([^/?#]+)\/items\/([^/?#]+)(?:\?.*)?$/, ["attemptId", "itemId"], saveItemEndpoint)];

const headerOf = (request: IncomingMessage) => (name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

/** Reads the body up to maxBytes; past it stops reading (the answer then closes the connection). */
function bodyOf(request: IncomingMessage, maxBytes: number, tooLarge: () => void) {
  return new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      request.off("data", onData).pause();
      tooLarge();
      resolve(null);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}

/** Serves `request` when one of the routes above takes it; null to leave it to Next.js. */
export function serveFast(request: IncomingMessage, response: ServerResponse): Promise<void> | null {
  for (const route of routes) {
    if (request.method !== route.method) continue;
    const segments = route.path.exec(request.url ?? "")?.slice(1);
    if (!segments?.every(isRecordId)) continue;
    return answer(route, segments, request, response);
  }
  return null;
}

async function answer(route: Route, segments: string[], request: IncomingMessage, response: ServerResponse) {
  const header = headerOf(request);
  let cookies: Record<string, string | undefined> | undefined;
  let closeAfter = false;
  const endpointRequest: EndpointRequest = {
    header,
    cookie: (name) => (cookies ??= parseCookie(header("cookie") ?? ""))[name],
    body: (maxBytes) => bodyOf(request, maxBytes, () => (closeAfter = true)),
  };
  const { status, body } = await route.serve(endpointRequest, segments);
  const json = JSON.stringify(body);
  response.writeHead(status, {
    ...FIXED_SECURITY_HEADERS,
    "Content-Security-Policy": contentSecurityPolicy(Buffer.from(randomUUID()).toString("base64"), false),
    ...(servedOverHttps("http:", header("x-forwarded-proto")) ? { "Strict-Transport-Security": HSTS } : {}),
    "Cache-Control": "no-store",
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(json),
    ...(closeAfter ? { Connection: "close" } : {}),
  });
  response.end(json);
}
