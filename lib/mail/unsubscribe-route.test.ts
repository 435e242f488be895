import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { seedPortal } from "../testing/fixtures";
import { unsubscribeToken } from "./unsubscribe";
import { POST } from "../../app/api/unsubscribe/[token]/route";

const CHUNK = 64 * 1024;

/** A POST of `first` alone, or padded into `chunks` chunks of 64 KB, counting the bytes the handler pulled. */
function post(token: string, chunks: number, first = "") {
  const read = { bytes: 0 };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      const chunk = new TextEncoder().encode(sent === 0 && chunks === 1 ? first : sent === 0 ? first.padEnd(CHUNK, "&") : "&".repeat(CHUNK));
      sent++;
      read.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request(`http://portal.test/api/unsubscribe/${token}`, {
    method: "POST",
    body,
    duplex: "half",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  } as RequestInit);
  return { response: POST(request, { params: Promise.resolve({ token }) }), read };
}

describe("the public unsubscribe route", () => {
  let token: string;

  beforeAll(async () => {
    await seedPortal();
    const head = await db.user.findUniqueOrThrow({ where: { email: "i.zasypkin@company.example" } });
    token = unsubscribeToken(head.id, "TEAM_DIGEST");
  });

  it("refuses a forged token without reading its body", async () => {
    const { response, read } = post(`${token.slice(0, -2)}xx`, 160);
    expect((await response).status).toBe(404);
    expect(read.bytes).toBeLessThanOrEqual(CHUNK);
  });

  it("reads no more than a small form of a valid one: a 10 MB one-click post unsubscribes without being buffered", async () => {
    const { response, read } = post(token, 160, "List-Unsubscribe=One-Click");
    const answer = await response;
    expect([answer.status, await answer.json()]).toEqual([200, { status: "unsubscribed" }]);
    expect(read.bytes).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("sends the page's own form back to the page", async () => {
    const { response } = post(token, 1, "from=page");
    const answer = await response;
    expect([answer.status, answer.headers.get("location")]).toEqual([303, `http://portal.test/unsubscribe/${token}`]);
  });
});
