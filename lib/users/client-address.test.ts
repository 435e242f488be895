import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { resetDatabase } from "../testing/database";
import { checkCredentials } from "./credentials";
import { clientAddress, clientAddressFrom, CLIENT_ADDRESS_HEADER } from "./client-address";
import { throttlePolicy } from "./login-throttle";

describe("clientAddressFrom", () => {
  it("with TRUST_PROXY=0 takes the socket's address and ignores X-Forwarded-For", () => {
    expect(clientAddressFrom("::ffff:198.51.100.7", "203.0.113.1", 0)).toBe("198.51.100.7");
    expect(clientAddressFrom("198.51.100.7", undefined, 0)).toBe("198.51.100.7");
  });

  it("with TRUST_PROXY=1 takes the last hop, the one the proxy added; with 2, the one before it", () => {
    expect(clientAddressFrom("10.0.0.1", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("10.0.0.1", "6.6.6.6,203.0.113.9 , 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("falls back to the socket's address when the header has fewer hops than trusted proxies", () => {
    expect(clientAddressFrom("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
    expect(clientAddressFrom("10.0.0.1", "203.0.113.9", 2)).toBe("10.0.0.1");
    expect(clientAddressFrom(undefined, undefined, 0)).toBe("unknown");
  });

  it("reads only the portal's own header, set by its server", () => {
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": "6.6.6.6" }))).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" }))).toBe("unknown");
  });

  it("TRUST_PROXY is a number of hops, 0 by default", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });
});

describe("the address limit behind TRUST_PROXY=0", () => {
  beforeEach(resetDatabase);
  const now = new Date("2026-12-07T09:00:00Z");
  const guess = (socket: string, forwardedFor: string) =>
    checkCredentials({ email: `${randomUUID()}@company.example`, password: "wrong-guess" }, clientAddressFrom(socket, forwardedFor, 0), now);

  it("a made-up X-Forwarded-For per request does not reset the count", async () => {
    for (let i = 0; i < throttlePolicy.address.free + 3; i++) await guess("198.51.100.7", `203.0.113.${i}`);
    expect(await guess("198.51.100.7", "192.0.2.200")).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("a forged X-Forwarded-For does not hold up the address it names", async () => {
    for (let i = 0; i < throttlePolicy.address.free + 3; i++) await guess("198.51.100.7", "192.0.2.44");
    expect(await guess("192.0.2.44", "")).toEqual({ ok: false, reason: "invalid" });
  });
});
