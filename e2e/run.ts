// `npm run test:e2e`: picks a Chromium (CHROMIUM_PATH, else a system one, else
// Playwright's own, installed on first use), free ports and a temporary data
// folder, a fresh log file, then runs Playwright. The portal under test is started by Playwright
// (see playwright.config.ts) on a fresh embedded database and stopped after.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { findFreePort } from "../prisma/embedded-server";

const systemChromiums = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

function chooseChromium(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) {
      console.error(`Error: CHROMIUM_PATH points to ${configured}, which does not exist.`);
      process.exit(1);
    }
    return configured;
  }
  const system = systemChromiums.find((candidate) => existsSync(candidate));
  if (system) return system;
  if (!existsSync(chromium.executablePath())) {
    console.log("No Chromium found: installing Playwright's own (needs the internet)…");
    const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
    if (install.status !== 0) {
      console.error("Error: could not install Chromium. Install one (e.g. apt-get install chromium) or set CHROMIUM_PATH.");
      process.exit(1);
    }
  }
  return "";
}

const browser = chooseChromium();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-e2e-"));
const axeDir = mkdtempSync(path.join(os.tmpdir(), "attestation-e2e-axe-"));
const logFile = path.join(import.meta.dirname, ".reports", "portal.log");
rmSync(logFile, { force: true });
const port = await findFreePort();
const pgPort = await findFreePort();
const oidcPort = await findFreePort();
const result = spawnSync("npx", ["playwright", "test", "-c", "e2e/playwright.config.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    E2E_CHROMIUM_PATH: browser,
    E2E_PORT: String(port),
    E2E_PG_PORT: String(pgPort),
    E2E_OIDC_PORT: String(oidcPort),
    E2E_DATA_DIR: dataDir,
    E2E_AXE_DIR: axeDir,
    E2E_LOG_FILE: logFile,
  },
});
rmSync(dataDir, { recursive: true, force: true });
rmSync(axeDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
