// `npm run db:backup -- [<file>]`: a base backup of the whole database while the portal runs (see backup.ts).
// The embedded PostgreSQL of PORTAL_DATA_DIR (the running one, else started for the backup), or DATABASE_URL.
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { env } from "../lib/env";
import { backupDatabase, BackupError } from "./backup";
import { runCommand, UsageError } from "./cli";
import { authSecretFileOf, backupsDirOf, clusterDirOf, defaultDataDir, embeddedUrl, runningInstance, startEmbeddedPostgres } from "./embedded-server";

runCommand(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError("Usage: npm run db:backup -- [<file>]");
  const { DATABASE_URL, PORTAL_DATA_DIR, EMBEDDED_PG_PORT } = env();
  const dataDir = path.resolve(PORTAL_DATA_DIR ?? defaultDataDir);
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  const file = path.resolve(positionals[0] ?? path.join(backupsDirOf(dataDir), `attestation-${stamp}.tar.gz`));
  if (existsSync(file)) throw new BackupError(`${file} already exists: name another file.`);

  const started = performance.now();
  let backup;
  if (DATABASE_URL) {
    backup = await backupDatabase(DATABASE_URL, file);
  } else {
    const clusterDir = clusterDirOf(dataDir);
    if (!existsSync(path.join(clusterDir, "PG_VERSION"))) throw new BackupError(`There is no database in ${clusterDir} to back up.`);
    const options = { authSecretFile: authSecretFileOf(dataDir) };
    const running = runningInstance(clusterDir);
    if (running) {
      backup = await backupDatabase(embeddedUrl(running.port), file, options);
    } else {
      const server = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_PG_PORT });
      try {
        backup = await backupDatabase(server.url, file, options);
      } finally {
        await server.stop();
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Backup written: ${backup.file} (${(backup.bytes / 1024 / 1024).toFixed(1)} MB, ${backup.files} files, ${seconds} s)`);
});
