// Runs the Next.js server(s) for `npm start`: in production one server (next-worker.mjs) per
// CPU (WEB_CONCURRENCY), sharing the port through node:cluster — the app keeps no state of its
// own, so instances are interchangeable and a dead one is replaced; in development one in dev mode.
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

// More deaths than this within the window is a crash loop: replacing again would not help.
const CRASH_LOOP_DEATHS = 5;
const CRASH_LOOP_WINDOW_MS = 60_000;

function productionServers(port: number, instances: number, env: NodeJS.ProcessEnv): NextServers {
  cluster.setupPrimary({ exec: worker, args: [], execArgv: [] });
  const workers = new Set<Worker>();
  const deaths: number[] = [];
  let stopping = false;
  const listeners: ((code: number) => void)[] = [];

  const fork = () => {
    const server = cluster.fork({ ...env, NODE_ENV: "production", PORT: String(port) });
    workers.add(server);
    server.on("exit", (code, signal) => {
      workers.delete(server);
      if (stopping) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths[0] <= now - CRASH_LOOP_WINDOW_MS) deaths.shift();
      const cause = signal ? `signal ${signal}` : `exit code ${code}`;
      if (deaths.length > CRASH_LOOP_DEATHS) {
        console.error(
          `Error: the Next.js servers crashed ${deaths.length} times in ${CRASH_LOOP_WINDOW_MS / 1000} s (the last, pid ${server.process.pid}, with ${cause}): stopping the portal. See the output above for the cause.`,
        );
        listeners.forEach((listener) => listener(1));
        return;
      }
      console.error(`The Next.js server pid ${server.process.pid} stopped (${cause}); started pid ${fork().process.pid} in its place.`);
    });
    return server;
  };
  for (let i = 0; i < instances; i++) fork();

  return {
    alive: () => workers.size > 0,
    onExit: (listener) => listeners.push(listener),
    stop: async () => {
      stopping = true;
      await Promise.all(
        [...workers].map((server) => {
          const exited = new Promise((resolve) => server.once("exit", resolve));
          server.process.kill("SIGTERM");
          return exited;
        }),
      );
    },
  };
}

export function startNextServers(options: { dev: boolean; port: number; instances: number; env: NodeJS.ProcessEnv }) {
  return options.dev ? devServer(options.port, options.env) : productionServers(options.port, options.instances, options.env);
}
