import { describe, expect, it } from "vitest";
import { locations } from "./locations";

describe("where npm start says the data, logs, backups and auth secret are", () => {
  it("names the embedded database's folder, stdout for the logs and the generated secret's file", () => {
    expect(locations({ dataDir: "/srv/portal/data", databaseUrl: undefined, logFile: undefined, authSecretFromEnv: false })).toEqual([
      "Data:        /srv/portal/data/pg (embedded PostgreSQL)",
      "Logs:        one JSON line per request on this output (set LOG_FILE to write them to a file)",
      "Backups:     npm run db:backup writes to /srv/portal/data/backups",
      "Auth secret: /srv/portal/data/auth-secret",
    ]);
  });

  it("names DATABASE_URL's server without its password, the log file and AUTH_SECRET", () => {
    expect(
      locations({
        dataDir: "/srv/portal/data",
        databaseUrl: "postgresql://portal:s3cret@db.example:5433/attestation",
        logFile: "/var/log/portal/requests.log",
        authSecretFromEnv: true,
      }),
    ).toEqual([
      "Data:        PostgreSQL at db.example:5433/attestation (DATABASE_URL)",
      "Logs:        /var/log/portal/requests.log (one JSON line per request)",
      "Backups:     npm run db:backup writes to /srv/portal/data/backups",
      "Auth secret: the AUTH_SECRET variable",
    ]);
  });
});
