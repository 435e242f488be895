import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills defaults", () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, EMBEDDED_PG_PORT: 54329, COMPANY_TIME_ZONE: "Europe/Moscow", SWEEP_INTERVAL_SECONDS: 30 });
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(parseEnv({}).COMPANY_NAME).toBeUndefined();
  });

  it("takes the company's name for printed documents, trimmed", () => {
    expect(parseEnv({ COMPANY_NAME: " ООО «Ромашка» " }).COMPANY_NAME).toBe("ООО «Ромашка»");
  });

  it("accepts a PostgreSQL URL", () => {
    const url = "postgresql://user:secret@db.internal:5432/attestation";
    expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/db"],
    ["DATABASE_URL", "postgres://localhost"],
    ["LOAD_DATABASE_URL", "localhost:5432/load"],
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["EMBEDDED_PG_PORT", "1.5"],
    ["AUTH_SECRET", "short"],
    ["COMPANY_TIME_ZONE", "Mars/Olympus"],
    ["COMPANY_NAME", "Я".repeat(201)],
    ["SWEEP_INTERVAL_SECONDS", "0"],
    ["SWEEP_INTERVAL_SECONDS", "often"],
  ])("names %s when it is %s", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Environment variable ${name} is invalid: `));
  });

  const corporate = { OIDC_ISSUER: "https://id.company.example/realms/staff", OIDC_CLIENT_ID: "attestation", OIDC_CLIENT_SECRET: "s3cret" };

  it("leaves corporate sign-in off and password sign-in open to all by default", () => {
    const defaults = parseEnv({});
    expect(defaults.OIDC_ISSUER).toBeUndefined();
    expect(defaults.PASSWORD_SIGN_IN).toBe("all");
  });

  it("accepts corporate sign-in with issuer, client id and secret, and password sign-in for admins only", () => {
    expect(parseEnv({ ...corporate, PASSWORD_SIGN_IN: "admins" })).toMatchObject({ ...corporate, PASSWORD_SIGN_IN: "admins" });
    expect(parseEnv({ ...corporate, OIDC_NAME: " Azure AD " }).OIDC_NAME).toBe("Azure AD");
  });

  it.each([
    ["OIDC_ISSUER", { ...corporate, OIDC_ISSUER: "id.company.example" }, "must be an http(s) URL"],
    ["OIDC_CLIENT_ID", { ...corporate, OIDC_CLIENT_ID: "" }, "needed with OIDC_ISSUER"],
    ["OIDC_CLIENT_SECRET", { OIDC_ISSUER: corporate.OIDC_ISSUER, OIDC_CLIENT_ID: "attestation" }, "needed with OIDC_ISSUER"],
    ["OIDC_ISSUER", { OIDC_CLIENT_ID: "attestation", OIDC_CLIENT_SECRET: "s3cret" }, "needed with OIDC_CLIENT_ID"],
    ["PASSWORD_SIGN_IN", { ...corporate, PASSWORD_SIGN_IN: "nobody" }, "must be all or admins"],
    ["PASSWORD_SIGN_IN", { PASSWORD_SIGN_IN: "admins" }, "admins needs corporate sign-in (OIDC_ISSUER)"],
  ])("names %s in an incomplete or wrong corporate sign-in setup", (name, source, message) => {
    expect(() => parseEnv(source)).toThrow(`Environment variable ${name} is invalid: ${message}`);
  });
});
