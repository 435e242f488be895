import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next.js, "server-only" would throw; its react-server build is empty.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "prisma/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    // Option presentation derives ids and orders from it (lib/grading/presentation.ts).
    // E-mail is on (lib/mail/settings.ts); the mail tests send to an SMTP server of their own, never to SMTP_URL.
    env: {
      AUTH_SECRET: "unit-tests-only-secret-0123456789abcdef",
      SMTP_URL: "smtp://127.0.0.1:9",
      MAIL_FROM: "Аттестация <attestation@company.example>",
      PORTAL_URL: "https://portal.company.example",
    },
    // The test files share one database and reset it: run them one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "e2e/.reports/unit.json" }]],
  },
});
