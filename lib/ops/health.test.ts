import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "../generated/prisma/client";
import { db } from "../db";
import { findFreePort } from "../../prisma/embedded-server";
import { createReadinessCheck, expectedMigrations, live } from "./health";

describe("the health and readiness checks", () => {
  it("liveness answers ok without the database, not cached", async () => {
    const response = live();
    expect({ status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.json() }).toEqual({
      status: 200,
      cacheControl: "no-store",
      body: { status: "ok" },
    });
  });

  it("is ready when the database answers and every migration of this build is applied", async () => {
    expect(expectedMigrations().length).toBeGreaterThanOrEqual(10);
    const ready = createReadinessCheck(db, expectedMigrations);
    const response = await ready();
    expect({ status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.json() }).toEqual({
      status: 200,
      cacheControl: "no-store",
      body: { status: "ok" },
    });
  });

  it("answers 503 naming the database when it does not answer", async () => {
    const stopped = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://portal:portal@127.0.0.1:${await findFreePort()}/attestation` }) });
    try {
      const response = await createReadinessCheck(stopped, expectedMigrations)();
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 503, body: { status: "unavailable", reason: "database" } });
    } finally {
      await stopped.$disconnect();
    }
  });

  it("answers 503 naming the migrations on a database never migrated", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = "/postgres";
    const empty = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
    try {
      const response = await createReadinessCheck(empty, expectedMigrations)();
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 503, body: { status: "unavailable", reason: "migrations" } });
    } finally {
      await empty.$disconnect();
    }
  });

  it("answers 503 naming the migrations while one this build expects is not applied, and caches only the success", async () => {
    let expected = [...expectedMigrations(), "29990101000000_not_applied_yet"];
    const ready = createReadinessCheck(db, () => expected);
    const pending = await ready();
    expect({ status: pending.status, body: await pending.json() }).toEqual({ status: 503, body: { status: "unavailable", reason: "migrations" } });
    expected = expectedMigrations();
    expect((await ready()).status).toBe(200);
    expected = [...expected, "29990101000000_not_applied_yet"];
    expect((await ready()).status).toBe(200);
  });
});
