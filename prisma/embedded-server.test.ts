import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseSetupError, findFreePort, isPortFree, startEmbeddedPostgres } from "./embedded-server";

// A process that starts the embedded server and, like lib/cli/start.ts, handles SIGINT itself (here: ignores it),
// printing the server's URL once it is up; it stops the server on SIGTERM.
const starter = `
const { startEmbeddedPostgres } = await import("./prisma/embedded-server.ts");
const server = await startEmbeddedPostgres({ dataDir: process.env.DATA_DIR, port: Number(process.env.PG_PORT) });
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => {});
process.on("SIGTERM", () => server.stop().then(() => process.exit(0)));
console.log(server.url);
`;

/** Runs `starter` in a process group of its own, as a terminal runs `npm start`; resolves once the server is up. */
async function startInOwnGroup(dataDir: string, port: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", starter], {
    env: { ...process.env, DATA_DIR: dataDir, PG_PORT: String(port) },
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  const [firstLine] = (await once(child.stdout, "data")) as [Buffer];
  return { child, exited, url: firstLine.toString().trim() };
}

const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

describe("the embedded PostgreSQL", () => {
  const dataDirs: string[] = [];
  afterEach(() => {
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("stops, and a server that died on its own (killed) is stopped without waiting forever", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "embedded-stop-"));
    dataDirs.push(dataDir);
    const port = await findFreePort();
    const server = await startEmbeddedPostgres({ dataDir, port });
    await server.stop();
    expect(await isPortFree(port)).toBe(true);

    const restarted = await startEmbeddedPostgres({ dataDir, port });
    process.kill(postmasterPid(dataDir), "SIGKILL");
    await expect.poll(() => isPortFree(port), { timeout: 10_000 }).toBe(true);
    await restarted.stop();
  }, 120_000);

  it("keeps serving when Ctrl+C signals the process group of the process that started it, until that process stops it", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "embedded-sigint-"));
    dataDirs.push(dataDir);
    const port = await findFreePort();
    const { child, exited, url } = await startInOwnGroup(dataDir, port);
    try {
      expect(url).toMatch(/^postgresql:/);

      // What a terminal does on Ctrl+C: SIGINT to every process of the foreground group.
      process.kill(-child.pid!, "SIGINT");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
      }

      process.kill(child.pid!, "SIGTERM");
      expect((await exited)[0]).toBe(0);
      expect(await isPortFree(port)).toBe(true);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    }
  }, 120_000);

  it("outlives a killed portal's process group, and the next start refuses its folder naming the server to stop", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "embedded-left-"));
    dataDirs.push(dataDir);
    const port = await findFreePort();
    const { child, exited } = await startInOwnGroup(dataDir, port);
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    const pid = postmasterPid(dataDir);
    try {
      const refused = await startEmbeddedPostgres({ dataDir, port }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatabaseSetupError);
      expect((refused as Error).message).toContain(`already used by a running PostgreSQL (pid ${pid})`);
      expect((refused as Error).message).toContain(`kill ${pid}`);
    } finally {
      process.kill(pid, "SIGTERM");
    }
    await expect.poll(() => isPortFree(port), { timeout: 20_000 }).toBe(true);
    const restarted = await startEmbeddedPostgres({ dataDir, port });
    await restarted.stop();
  }, 120_000);
});
