// Liveness and readiness for a load balancer or process manager: public, uncached, and telling
// nothing about the install (no versions, counts or hosts). Readiness costs one `SELECT 1` per
// call, plus a read of _prisma_migrations until that found them current (then kept: they are not undone).
import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextResponse } from "next/server";
import { db } from "../db";

type Client = Pick<typeof db, "$queryRaw">;

/** A database that does not answer within this long is unavailable (a hung connection must not hang the probe). */
const DATABASE_TIMEOUT_MS = 2_000;

const noStore = { "Cache-Control": "no-store" };
const ok = () => NextResponse.json({ status: "ok" }, { headers: noStore });
const unavailable = (reason: "database" | "migrations") =>
  NextResponse.json({ status: "unavailable", reason }, { status: 503, headers: noStore });

/** The process answers: no database. */
export const live = ok;

/** The migrations this build brings: the folders of prisma/migrations (the portal runs from the project's folder). */
export function expectedMigrations() {
  return readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

function withTimeout<T>(promise: Promise<T>) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("The database did not answer in time.")), DATABASE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A readiness check on this client: the database answers and has every expected migration applied (finished, not rolled back). */
export function createReadinessCheck(client: Client, expected: () => string[]) {
  let migrationsCurrent = false;
  return async () => {
    try {
      await withTimeout(client.$queryRaw`SELECT 1`);
    } catch {
      return unavailable("database");
    }
    if (migrationsCurrent) return ok();
    // No migrations table yet (a database never migrated) is a query error too.
    const applied = await withTimeout(
      client.$queryRaw<{ name: string }[]>`SELECT "migration_name" AS "name" FROM "_prisma_migrations"
        WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    ).catch(() => []);
    const names = new Set(applied.map((row) => row.name));
    migrationsCurrent = expected().every((name) => names.has(name));
    return migrationsCurrent ? ok() : unavailable("migrations");
  };
}

/** The database answers and its migrations are the ones this build expects. */
export const ready = createReadinessCheck(db, expectedMigrations);
