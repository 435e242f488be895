import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "3100";
const pgPort = process.env.E2E_PG_PORT ?? "54339";
const oidcPort = process.env.E2E_OIDC_PORT ?? "54349";
const dataDir = process.env.E2E_DATA_DIR ?? path.join(root, "prisma", ".data-e2e");
const chromiumPath = process.env.E2E_CHROMIUM_PATH || undefined;

/** The portal's structured log (LOG_FILE) during the run, scanned by logs.spec.ts; run.ts removes it before a run. */
export const portalLogFile = process.env.E2E_LOG_FILE ?? path.join(root, "e2e", ".reports", "portal.log");

export const e2eDatabaseUrl = `postgresql://portal:portal@127.0.0.1:${pgPort}/attestation`;

/**
 * The corporate identity provider the portal under test is configured with: corporate-sign-in.spec.ts runs it
 * (e2e/oidc-issuer.ts) while its tests need it, so for the rest of the run it is down.
 */
export const e2eOidc = { issuer: `http://localhost:${oidcPort}`, port: Number(oidcPort), clientId: "attestation-portal", clientSecret: "e2e-client-secret" };

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: ".results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: path.join(root, "e2e", ".reports", "e2e.json") }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "ru-RU",
    timezoneId: "Europe/Moscow",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // The suite runs on the desktop; running it twice would take too long, so on a phone one spec walks the main
    // pages of each role (a11y.spec.ts).
    { name: "chromium", testIgnore: ["a11y.spec.ts", "logs.spec.ts"], use: { ...devices["Desktop Chrome"] } },
    {
      name: "phone",
      testMatch: "a11y.spec.ts",
      use: { ...devices["Desktop Chrome"], viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
    // Last: scans the log of everything before it.
    { name: "logs", testMatch: "logs.spec.ts", dependencies: ["chromium", "phone"], use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    // The start script prepares the database before Next.js listens, so the
    // readiness URL answering means the portal is fully usable.
    command: `node --conditions=react-server --import tsx lib/cli/start.ts --fresh --data "${dataDir}" --port ${port} --pg-port ${pgPort}`,
    cwd: root,
    url: `http://localhost:${port}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { LOG_FILE: portalLogFile, OIDC_ISSUER: e2eOidc.issuer, OIDC_CLIENT_ID: e2eOidc.clientId, OIDC_CLIENT_SECRET: e2eOidc.clientSecret, OIDC_NAME: "Тестовый IdP" },
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
