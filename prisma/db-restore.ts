// `npm run db:restore -- <file> [--data <dir>] [--force]`: restores a db:backup file into the data folder of the
// embedded PostgreSQL (default PORTAL_DATA_DIR or prisma/.data); `npm start -- --data <dir>` then starts on it.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { env } from "../lib/env";
import { restoreBackup } from "./backup";
import { runCommand, UsageError } from "./cli";
import { defaultDataDir } from "./embedded-server";

runCommand(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { data: { type: "string" }, force: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) throw new UsageError("Usage: npm run db:restore -- <file> [--data <dir>] [--force]");
  const dataDir = path.resolve(values.data ?? env().PORTAL_DATA_DIR ?? defaultDataDir);
  const started = performance.now();
  const restored = await restoreBackup(path.resolve(positionals[0]), dataDir, { force: values.force });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (restored.replaced.length) console.log(`Replaced with the backup's: ${restored.replaced.join(", ")}`);
  console.log(`Restored ${restored.files} files (${(restored.bytes / 1024 / 1024).toFixed(1)} MB) into ${dataDir} in ${seconds} s.`);
  console.log(`Start the portal on it: npm start -- --data ${dataDir}   (PostgreSQL replays the backup's WAL first)`);
});
