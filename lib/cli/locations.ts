// What `npm start` tells the operator about where things are, after the portal is ready.
import { describeDatabaseUrl } from "../../prisma/database";
import { authSecretFileOf, backupsDirOf, clusterDirOf } from "../../prisma/embedded-server";

export function locations(options: { dataDir: string; databaseUrl: string | undefined; logFile: string | undefined; authSecretFromEnv: boolean }) {
  const { dataDir, databaseUrl, logFile } = options;
  return [
    `Data:        ${databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(databaseUrl)} (DATABASE_URL)` : `${clusterDirOf(dataDir)} (embedded PostgreSQL)`}`,
    `Logs:        ${logFile ? `${logFile} (one JSON line per request)` : "one JSON line per request on this output (set LOG_FILE to write them to a file)"}`,
    `Backups:     npm run db:backup writes to ${backupsDirOf(dataDir)}`,
    `Auth secret: ${options.authSecretFromEnv ? "the AUTH_SECRET variable" : authSecretFileOf(dataDir)}`,
  ];
}
