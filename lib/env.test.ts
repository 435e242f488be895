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
});
