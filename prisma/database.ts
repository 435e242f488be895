// Which PostgreSQL the scripts use: DATABASE_URL when set, else the embedded one.
import pg from "pg";
import { env } from "../lib/env";
import { DatabaseSetupError, defaultDataDir, startEmbeddedPostgres, type EmbeddedServer } from "./embedded-server";

export type Database = EmbeddedServer & { embedded: boolean };

function describe(url: string) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function checkReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new DatabaseSetupError(
      `Cannot reach the database at DATABASE_URL (${describe(url)}): ${(error as Error).message}. Check that the server runs and the URL is right, or unset DATABASE_URL to use the embedded PostgreSQL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openDatabase(options: { dataDir?: string; port?: number; fresh?: boolean } = {}): Promise<Database> {
  const { DATABASE_URL, EMBEDDED_PG_PORT, PORTAL_DATA_DIR } = env();
  if (DATABASE_URL) {
    await checkReachable(DATABASE_URL);
    return { url: DATABASE_URL, stop: async () => {}, embedded: false };
  }
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? PORTAL_DATA_DIR ?? defaultDataDir,
    port: options.port ?? EMBEDDED_PG_PORT,
    fresh: options.fresh,
  });
  return { ...server, embedded: true };
}
