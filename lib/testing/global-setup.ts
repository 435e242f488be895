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
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() }).catch((error) => {
    removeData();
    throw error;
  });
  const teardown = async () => {
    await server.stop();
    removeData();
  };
  try {
    process.env.DATABASE_URL = server.url;
    await applyMigrations(server.url);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
