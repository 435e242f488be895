// `npm start` / `npm run dev`: database (embedded unless DATABASE_URL is set),
// migrations, first-run seed, a build when the sources changed, then Next.js,
// and the sweep that finalises expired exam attempts. Runs with the react-server
// condition (see package.json) so it can use the server-only lib/ modules.
//   --dev            next dev instead of a production build
//   --fresh          start from an empty embedded database (tests, benchmarks)
//   --data <dir>     the embedded database's folder (default prisma/.data)
//   --port <n>       the portal's port (default PORT or 3000)
//   --pg-port <n>    the embedded PostgreSQL's port (default EMBEDDED_PG_PORT or 54329)
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
import { DatabaseSetupError, defaultDataDir, isPortFree } from "../../prisma/embedded-server";
import { applyMigrations } from "../../prisma/schema-engine";
import { demoHeadDepartments, demoPassword, demoUsers } from "../../prisma/demo-users";

const root = process.cwd();
const SWEEP_INTERVAL_MS = 30_000;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) throw new DatabaseSetupError(`\`${[command, ...args].join(" ")}\` failed.`);
}

function authSecret(dataDir: string) {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(dataDir, "auth-secret");
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

async function demoLogins(url: string) {
  const { db } = await import("../db");
  if ((await db.seedRun.count({ where: { kind: "demo" } })) === 0) return [];
  const heads = await db.department.findMany({
    where: { key: { in: demoHeadDepartments } },
    select: { name: true, head: { select: { email: true } } },
  });
  await db.$disconnect();
  return [
    ...demoUsers.map((user) => `  ${user.email.padEnd(30)} ${user.role}`),
    ...heads.map((d) => `  ${(d.head?.email ?? "").padEnd(30)} HEAD (${d.name})`),
    `  password for all: ${demoPassword}   ->  ${url}/login`,
  ];
}

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      dev: { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      data: { type: "string" },
      port: { type: "string" },
      "pg-port": { type: "string" },
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
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await servers?.stop();
    await database.stop();
    process.exit(code);
  };
  try {
    process.env.DATABASE_URL = database.url;
    const applied = await applyMigrations(database.url);
    if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);
    const { seedIfNeverSeeded } = await import("../../prisma/seeding");
    const seeded = await seedIfNeverSeeded({ demo: true });
    if (seeded) console.log(`Seeded the content and demo users (${seeded.created} records).`);

    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret(dataDir),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
    };
    if (!values.dev) ensureBuild(serverEnv);

    servers = startNextServers({ dev: values.dev, port, instances: config.WEB_CONCURRENCY, env: serverEnv });
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
    servers.onExit((code) => void shutdown(code));

    // Attempts past their deadline are finalised by whichever request touches them
    // first; this sweep closes the untouched ones. It is safe on several instances.
    const { sweepExpiredAttempts } = await import("../exams/attempts");
    setInterval(() => void sweepExpiredAttempts().catch((error) => console.error("Sweep failed:", error)), SWEEP_INTERVAL_MS).unref();

    const url = `http://localhost:${port}`;
    await waitUntilServing(`${url}/login`, servers);
    console.log(`\nThe portal is ready at ${url} (started in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
    const logins = await demoLogins(url);
    if (logins.length) console.log(["Demo logins:", ...logins].join("\n"));
    await new Promise(() => {});
  } catch (error) {
    await servers?.stop();
    await database.stop();
    throw error;
  }
});
