// Vitest global setup: a fresh embedded PostgreSQL for the unit tests, migrated,
// in a temporary folder; stopped and removed afterwards. With TEST_DATABASE_URL
// set, that (disposable!) database is used instead.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "../../prisma/embedded-server";
import { applyMigrations } from "../../prisma/schema-engine";

export default async function setup() {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    process.env.DATABASE_URL = external;
    await applyMigrations(external);
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-unit-"));
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  process.env.DATABASE_URL = server.url;
  await applyMigrations(server.url);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
