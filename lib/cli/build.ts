// Builds the portal when its sources changed since the last build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

const root = process.cwd();
export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildStamp = path.join(root, ".next", "portal-source-hash");
/** The endpoints the server processes serve before Next.js (lib/cli/fast-endpoints.ts), bundled; lib/cli/next-worker.mjs imports it. */
export const fastEndpointsBundle = path.join(root, ".next", "portal-fast-endpoints.mjs");
const buildInputs = ["app", "components", "lib", "proxy.ts", "instrumentation-client.ts", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

function sourceHash() {
  const hash = createHash("sha256");
  const add = (file: string) => {
    if (!existsSync(file)) return;
    if (statSync(file).isDirectory()) {
      for (const entry of readdirSync(file).sort()) add(path.join(file, entry));
    } else {
      hash.update(path.relative(root, file));
      hash.update(readFileSync(file));
    }
  };
  for (const input of buildInputs) add(path.join(root, input));
  return hash.digest("hex");
}

export class BuildError extends Error {}

/** Runs `next build` unless the last build was made from the same sources. */
export function ensureBuild(buildEnv: NodeJS.ProcessEnv = process.env) {
  const hash = sourceHash();
  if (existsSync(buildStamp) && readFileSync(buildStamp, "utf8") === hash) return false;
  console.log("Building the portal (first start or changed sources)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...buildEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new BuildError("`next build` failed: see its output above.");
  buildSync({
    entryPoints: [path.join(root, "lib", "cli", "fast-endpoints.ts")],
    outfile: fastEndpointsBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages are imported from node_modules at run time, as Next.js's own server bundles do;
    // "server-only" is its empty module, as under Next.js's react-server condition.
    packages: "external",
    alias: { "server-only": "./node_modules/server-only/empty.js" },
    logLevel: "warning",
  });
  writeFileSync(buildStamp, hash);
  return true;
}
