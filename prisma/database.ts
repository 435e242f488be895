// Which PostgreSQL the scripts use: DATABASE_URL when set, else the embedded one.
import pg from "pg";
import { env } from "../lib/env";
import path from "node:path";
import { DatabaseSetupError, defaultDataDir, findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "./embedded-server";
import { prismaDir } from "./schema-engine";

export type Database = EmbeddedServer & { embedded: boolean };

/** host:port/database of a PostgreSQL URL: no user or password. */
export function describeDatabaseUrl(url: string) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function checkReachable(url: string, variable: "DATABASE_URL" | "LOAD_DATABASE_URL") {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new DatabaseSetupError(
      `Cannot reach the database at ${variable} (${describeDatabaseUrl(url)}): ${(error as Error).message}. Check that the server runs and the URL is right, or unset ${variable} to use the embedded PostgreSQL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openDatabase(options: { dataDir?: string; port?: number; fresh?: boolean } = {}): Promise<Database> {
  const { DATABASE_URL, EMBEDDED_PG_PORT, PORTAL_DATA_DIR } = env();
  if (DATABASE_URL) {
    await checkReachable(DATABASE_URL, "DATABASE_URL");
    return { url: DATABASE_URL, stop: async () => {}, embedded: false };
  }
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? PORTAL_DATA_DIR ?? defaultDataDir,
    port: options.port ?? EMBEDDED_PG_PORT,
    fresh: options.fresh,
  });
  return { ...server, embedded: true };
}

/** Where `seed:load` and `bench:reports` keep the load-test data, apart from the portal's own. */
export const loadDataDir = path.join(prismaDir, ".data-load");

/**
 * The load-test database: LOAD_DATABASE_URL when set, else an embedded PostgreSQL in
 * prisma/.data-load on a free port. DATABASE_URL is never used: load data must not
 * land in the portal's database.
 */
export async function openLoadDatabase(options: { fresh?: boolean } = {}): Promise<Database> {
  const { LOAD_DATABASE_URL } = env();
  if (LOAD_DATABASE_URL) {
    await checkReachable(LOAD_DATABASE_URL, "LOAD_DATABASE_URL");
    return { url: LOAD_DATABASE_URL, stop: async () => {}, embedded: false };
  }
  const server = await startEmbeddedPostgres({ dataDir: loadDataDir, port: await findFreePort(), fresh: options.fresh });
  return { ...server, embedded: true };
}
