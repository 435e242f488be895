import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { startAttempt } from "../exams/attempts";
import type { Taker } from "../exams/access";
import { attemptItems, createCard, createExam, seedPortal, shown, started, taker } from "../testing/fixtures";
import { serveFast } from "./fast-endpoints";

const cookieName = "authjs.session-token";

describe("the autosave served before Next.js", () => {
  let server: Server;
  let origin: string;
  let employee: Taker;
  let attemptId: string;
  let itemId: string;
  let choice: string;
  let session: string;
  /** Requests serveFast leaves alone get 599, so a test can tell them from the endpoint's answers. */
  const leftToNext = 599;

  const sessionOf = async (userId: string) =>
    `${cookieName}=${await encode({ token: { sub: userId, signedInAt: Date.now(), sessionId: randomUUID() }, secret: process.env.AUTH_SECRET!, salt: cookieName })}`;

  function send(path: string, { method = "PUT", headers = {}, body = "" }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const request = httpRequest(`${origin}${path}`, { method, headers: { "Content-Length": Buffer.byteLength(body), ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }));
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  const save = (headers: Record<string, string> = {}, body: string | Buffer = JSON.stringify({ response: { choice }, seq: 1 }), path = `/api/attempts/${attemptId}/items/${itemId}`) =>
    send(path, { headers: { Origin: origin, "Content-Type": "application/json", Cookie: session, ...headers }, body });

  const stored = () => db.attemptItem.findUniqueOrThrow({ where: { id: itemId }, select: { response: true, responseSeq: true } });

  beforeAll(async () => {
    await seedPortal();
    employee = await taker("employee@demo.local");
    const { card } = await createCard([
      { type: "SINGLE", payload: { options: ["Один", "Два"].map((text, i) => ({ id: "ab"[i], text })) }, answerKey: { correct: ["b"] } },
    ]);
    const exam = await createExam({ cardIds: [card.id], questionsPerCard: 1 });
    attemptId = started(await startAttempt(employee, exam.id));
    const [item] = await attemptItems(attemptId);
    itemId = item.id;
    choice = shown(item, "b");
    session = await sessionOf(employee.id);
    server = createServer((request, response) => {
      const served = serveFast(request, response);
      if (served) served.catch(() => response.destroy());
      else response.writeHead(leftToNext).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses as every state-changing route handler does, and writes nothing", async () => {
    const status = async (response: Promise<{ status: number; body: string }>) => {
      const { status, body } = await response;
      return [status, JSON.parse(body).status];
    };
    expect(await status(save({ Cookie: "" }))).toEqual([401, "unauthenticated"]);
    expect(await status(save({ Cookie: `${cookieName}=forged` }))).toEqual([401, "unauthenticated"]);
    expect(await status(save({ Origin: "http://evil.example" }))).toEqual([403, "foreign-origin"]);
    expect(await status(save({ Origin: "" }))).toEqual([403, "foreign-origin"]);
    expect(await status(save({ "Content-Type": "text/plain" }))).toEqual([415, "unsupported-media-type"]);
    expect(await status(save({}, "{"))).toEqual([400, "invalid"]);
    expect(await status(save({}, JSON.stringify({ response: { choice }, seq: 0 })))).toEqual([422, "invalid"]);
    expect(await status(save({}, undefined, `/api/attempts/${attemptId}/items/not-this-attempts-item`))).toEqual([404, "not-found"]);
    const someoneElse = await sessionOf((await taker("engineer@demo.local")).id);
    expect(await status(save({ Cookie: someoneElse }))).toEqual([404, "not-found"]);

    const tooLarge = await save({}, Buffer.alloc(64 * 1024 + 1, " "));
    expect([tooLarge.status, JSON.parse(tooLarge.body).status, tooLarge.headers.connection]).toEqual([413, "too-large", "close"]);

    await db.user.update({ where: { id: employee.id }, data: { active: false } });
    expect(await status(save())).toEqual([401, "unauthenticated"]);
    await db.user.update({ where: { id: employee.id }, data: { active: true } });

    expect(await stored()).toEqual({ response: null, responseSeq: 0 });
  });

  it("saves a signed-in taker's answer, with the portal's security headers, never cached", async () => {
    const response = await save({ "X-Forwarded-Proto": "https" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: "saved" });
    expect(response.headers).toMatchObject({
      "content-type": "application/json",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
      "strict-transport-security": expect.stringMatching(/max-age=\d{7,}/),
      "content-security-policy": expect.stringContaining("frame-ancestors 'none'"),
    });
    expect(await stored()).toEqual({ response: { choice }, responseSeq: 1 });
    expect((await save({}, JSON.stringify({ response: { choice }, seq: 1 }))).headers["strict-transport-security"]).toBeUndefined();
  });

  it("leaves every other request to Next.js: other methods and paths, and ids that are not record ids", async () => {
    const path = `/api/attempts/${attemptId}/items/${itemId}`;
    for (const method of ["GET", "PATCH", "POST", "DELETE"]) expect((await send(path, { method })).status, method).toBe(leftToNext);
    for (const other of [`/api/attempts/${attemptId}`, `${path}/`, `/api/attempts/${attemptId}/items/%00`, `/api/attempts/..%2F/items/${itemId}`, `/api/attempts/${"x".repeat(65)}/items/${itemId}`])
      expect((await send(other)).status, other).toBe(leftToNext);
  });
});
