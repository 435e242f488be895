// `npm run bench:startup`: starts the built portal (as `npm start` does) on a
// fresh embedded database and prints
//   startup_ms=<n> first_page_ms=<n> rss_mb=<n>
// startup_ms: from launch to the first page served (database init, migrations,
// seed and Next.js start included); first_page_ms: that first request itself;
// rss_mb: resident memory of the Next.js server processes right after it.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "./build";
import { findFreePort } from "../../prisma/embedded-server";

function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => (children.get(pid) ?? []).forEach((child) => (found.push(child), visit(child)));
  visit(rootPid);
  return found;
}

function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const nextServerPids = (launcherPid: number) =>
  descendants(launcherPid).filter((pid) => {
    try {
      return !readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres") && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("next");
    } catch {
      return false;
    }
  });

ensureBuild();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-bench-"));
const port = await findFreePort();
const pgPort = await findFreePort();
const launchedAt = performance.now();
const launcher = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "lib/cli/start.ts", "--fresh", "--data", dataDir, "--port", String(port), "--pg-port", String(pgPort)],
  { stdio: ["ignore", "ignore", "inherit"] },
);

let firstPageMs = 0;
for (;;) {
  if (launcher.exitCode !== null) throw new Error("The portal stopped while starting.");
  const requestStart = performance.now();
  try {
    const response = await fetch(`http://localhost:${port}/login`);
    if (response.status === 200) {
      await response.text();
      firstPageMs = performance.now() - requestStart;
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 25));
}
const startupMs = performance.now() - launchedAt;
const rss = nextServerPids(launcher.pid!).reduce((sum, pid) => sum + rssMb(pid), 0);

launcher.kill("SIGTERM");
await new Promise((resolve) => launcher.once("exit", resolve));
rmSync(dataDir, { recursive: true, force: true });
console.log(`startup_ms=${Math.round(startupMs)} first_page_ms=${Math.round(firstPageMs)} rss_mb=${Math.round(rss)}`);
