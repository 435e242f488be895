// Runs the Next.js server(s) for `npm start`: in production one server (next-worker.mjs) per
// CPU (WEB_CONCURRENCY), sharing the port through node:cluster — the app keeps
// no state of its own, so instances are interchangeable; in development one in dev mode.
import { spawn, type ChildProcess } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import path from "node:path";

// The workers run without this script's flags (react-server, tsx): Next.js sets up its own.
const worker = path.join(import.meta.dirname, "next-worker.mjs");

export type NextServers = { alive: () => boolean; stop: () => Promise<void>; onExit: (listener: (code: number) => void) => void };

function devServer(port: number, env: NodeJS.ProcessEnv): NextServers {
  const child: ChildProcess = spawn(process.execPath, [worker, "--dev"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  return {
    alive: () => child.exitCode === null,
    onExit: (listener) => child.on("exit", (code) => listener(code ?? 1)),
    stop: async () => {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

function productionServers(port: number, instances: number, env: NodeJS.ProcessEnv): NextServers {
  cluster.setupPrimary({ exec: worker, args: [], execArgv: [] });
  const workers: Worker[] = Array.from({ length: instances }, () => cluster.fork({ ...env, NODE_ENV: "production", PORT: String(port) }));
  let stopping = false;
  const listeners: ((code: number) => void)[] = [];
  for (const worker of workers) {
    worker.on("exit", (code) => {
      if (!stopping) listeners.forEach((listener) => listener(code ?? 1));
    });
  }
  return {
    alive: () => workers.some((worker) => !worker.isDead()),
    onExit: (listener) => listeners.push(listener),
    stop: async () => {
      stopping = true;
      await Promise.all(
        workers
          .filter((worker) => !worker.isDead())
          .map((worker) => {
            const exited = new Promise((resolve) => worker.once("exit", resolve));
            worker.process.kill("SIGTERM");
            return exited;
          }),
      );
    },
  };
}

export function startNextServers(options: { dev: boolean; port: number; instances: number; env: NodeJS.ProcessEnv }) {
  return options.dev ? devServer(options.port, options.env) : productionServers(options.port, options.instances, options.env);
}
