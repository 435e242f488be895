import { describe, expect, it } from "vitest";
import { loginPath, safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/\t/evil.example"],
    ["/\n/evil"],
    ["/\r/evil"],
    ["\\\\evil"],
    ["/\\evil"],
    ["//evil.example"],
    ["https://evil.example"],
    ["javascript:alert(1)"],
    ["/ok\u0000"],
    ["/ok\u007f"],
    ["decks"],
    [""],
    ["/login?callbackUrl=%2F"],
    ["/api/attempts"],
  ])("sends %j to the home page", (value) => {
    expect(safeReturnPath(value)).toBe("/");
  });

  it("keeps a same-site path with its query and hash; an encoded tab is only a path segment", () => {
    expect(safeReturnPath("/decks/attestation-prep")).toBe("/decks/attestation-prep");
    expect(safeReturnPath("/team?department=a&sort=score#top")).toBe("/team?department=a&sort=score#top");
    expect(safeReturnPath("/%09/evil")).toBe("/%09/evil");
  });

  it("falls back to the home page for anything but a string", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(["/decks"])).toBe("/");
  });

  it("builds the login path around a safe return path only", () => {
    expect(loginPath("/decks/x")).toBe("/login?callbackUrl=%2Fdecks%2Fx");
    expect(loginPath("/\t/evil.example")).toBe("/login");
  });
});
