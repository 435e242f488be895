import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort, isPortFree, startEmbeddedPostgres } from "./embedded-server";

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
    const pid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await expect.poll(() => isPortFree(port), { timeout: 10_000 }).toBe(true);
    await restarted.stop();
  }, 120_000);
});
