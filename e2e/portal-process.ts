// A portal of its own in a separate process, for the specs that start, crash or stop one (lib/cli/start.ts, as
// `npm start` runs it): in a process group of its own, its output kept for assertions and failure messages.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { findFreePort } from "../prisma/embedded-server";

const root = path.resolve(import.meta.dirname, "..");

export type PortalProcess = { pid: number; base: string; dataDir?: string; output: () => string; exited: Promise<number | null> };

/** Starts a portal on a free port without waiting for it (see untilReady). */
export async function launchPortal(options: { dataDir?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<PortalProcess> {
  const port = await findFreePort();
  const dataArgs = options.dataDir ? ["--data", options.dataDir] : [];
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/cli/start.ts", "--port", String(port), ...dataArgs, ...(options.args ?? [])],
    { cwd: root, env: { ...process.env, PORT: String(port), ...options.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { pid: child.pid!, base: `http://localhost:${port}`, dataDir: options.dataDir, output: () => output, exited };
}

/** Waits until the portal says it is ready (a first start may build it first); fails with its output otherwise. */
export async function untilReady(portal: PortalProcess) {
  await expect.poll(portal.output, { timeout: 200_000, intervals: [500] }).toMatch(/The portal is ready|Error/);
  expect(portal.output()).toContain("The portal is ready");
}

export async function startPortal(options: Parameters<typeof launchPortal>[0]) {
  const portal = await launchPortal(options);
  await untilReady(portal);
  return portal;
}

/** Stops whatever is left of a portal: its process group, and its embedded PostgreSQL (in a session of its own). */
export async function killPortal(portal: PortalProcess) {
  const pidFile = portal.dataDir ? path.join(portal.dataDir, "pg", "postmaster.pid") : "";
  const postgres = pidFile && existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : 0;
  for (const pid of [-portal.pid, postgres].filter(Boolean)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await portal.exited;
}
