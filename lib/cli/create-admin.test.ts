import { spawnSync } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { messages } from "../i18n";
import { resetDatabase } from "../testing/database";
import { setPasswordWithLink } from "../users/password-links";
import { verifyPassword } from "../users/password";

/** Runs `npm run user:create-admin -- …args` against the test database. */
function createAdmin(...args: string[]) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/create-admin.ts", ...args], {
    encoding: "utf8",
    env: process.env,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(resetDatabase);

describe("user:create-admin", () => {
  it("creates an active ADMIN without a password and prints a set-password link that works once", async () => {
    const { code, stdout } = createAdmin("First.Admin@Company.example", "--name", "Первый Админ", "--url", "https://portal.company.example");
    expect(code).toBe(0);
    const user = await db.user.findUniqueOrThrow({
      where: { email: "first.admin@company.example" },
      select: { id: true, name: true, role: true, active: true, passwordHash: true },
    });
    expect(user).toMatchObject({ name: "Первый Админ", role: "ADMIN", active: true, passwordHash: null });

    const token = /https:\/\/portal\.company\.example\/set-password\/([A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    expect(token, stdout).toBeDefined();
    const password = "the first admin's password";
    expect(await setPasswordWithLink({ token: token!, password, confirmation: password })).toEqual({ status: "done" });
    expect(await setPasswordWithLink({ token: token!, password: "another password 2026", confirmation: "another password 2026" })).toEqual({ status: "used" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(password, stored.passwordHash!)).toBe(true);
    expect(await db.auditLog.findMany({ where: { entityId: user.id }, select: { action: true, actorId: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { action: "user.create", actorId: null },
      { action: "user.password-link", actorId: null },
      { action: "user.password-set", actorId: user.id },
    ]);
  });

  it("refuses an email that already has an account, naming it, and changes nothing", async () => {
    await db.user.create({ data: { email: "taken@company.example", name: "Занят", role: "EMPLOYEE" } });
    const { code, stderr } = createAdmin("taken@company.example");
    expect(code).toBe(1);
    expect(stderr).toContain("taken@company.example");
    expect(stderr).toContain(messages().admin.users.errors.emailTaken);
    expect(await db.user.findUniqueOrThrow({ where: { email: "taken@company.example" }, select: { role: true } })).toEqual({ role: "EMPLOYEE" });
    expect(await db.passwordLink.count()).toBe(0);
  });

  it("names a malformed email and a missing one, creating nobody", async () => {
    const bad = createAdmin("not-an-email");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"not-an-email"');
    expect(bad.stderr).toMatch(/email/i);
    const missing = createAdmin();
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("usage: npm run user:create-admin -- <email>");
    expect(await db.user.count()).toBe(0);
  });
});
