import { encode, decode } from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionClaims } from "./session-token";

// The real decryption, counted: a token is decrypted once per server process.
vi.mock("next-auth/jwt", async (importOriginal) => {
  const actual = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...actual, decode: vi.fn(actual.decode) };
});

const secret = "a-test-secret-of-at-least-32-characters";
const cookieName = "authjs.session-token";
const claims = { sub: "user-1", role: "EMPLOYEE", signedInAt: 1_700_000_000_000, sessionId: "session-1" };
const cookies = (values: Record<string, string>) => (name: string) => values[name];

describe("sessionClaims", () => {
  beforeAll(() => {
    vi.stubEnv("AUTH_SECRET", secret);
  });
  beforeEach(() => {
    vi.mocked(decode).mockClear();
  });

  it("reads the claims of a token Auth.js made, over HTTP and over HTTPS, and decrypts each token once", async () => {
    const token = await encode({ token: claims, secret, salt: cookieName });
    const expected = { id: "user-1", signedInAt: claims.signedInAt, sessionId: "session-1" };
    expect(await sessionClaims(cookies({ [cookieName]: token }))).toEqual(expected);
    expect(await sessionClaims(cookies({ [cookieName]: token }))).toEqual(expected);
    expect(vi.mocked(decode)).toHaveBeenCalledTimes(1);

    const secureName = "__Secure-authjs.session-token";
    const secureToken = await encode({ token: { ...claims, sessionId: "session-2" }, secret, salt: secureName });
    expect(await sessionClaims(cookies({ [secureName]: secureToken }))).toEqual({ ...expected, sessionId: "session-2" });
  });

  it("refuses no cookie, a token made with another secret or for another cookie, and garbage", async () => {
    expect(await sessionClaims(cookies({}))).toBeNull();
    const otherSecret = await encode({ token: claims, secret: "another-secret-of-at-least-32-characters", salt: cookieName });
    expect(await sessionClaims(cookies({ [cookieName]: otherSecret }))).toBeNull();
    const otherSalt = await encode({ token: claims, secret, salt: "__Secure-authjs.session-token" });
    expect(await sessionClaims(cookies({ [cookieName]: otherSalt }))).toBeNull();
    expect(await sessionClaims(cookies({ [cookieName]: "not-a-token" }))).toBeNull();
  });

  it("refuses an expired token, also one it has decrypted before", async () => {
    const expired = await encode({ token: { ...claims, sessionId: "old" }, secret, salt: cookieName, maxAge: -60 });
    expect(await sessionClaims(cookies({ [cookieName]: expired }))).toBeNull();

    const shortLived = await encode({ token: { ...claims, sessionId: "short" }, secret, salt: cookieName, maxAge: 60 });
    expect(await sessionClaims(cookies({ [cookieName]: shortLived }))).not.toBeNull();
    expect(await sessionClaims(cookies({ [cookieName]: shortLived }), Date.now() + 61_000)).toBeNull();
  });
});
