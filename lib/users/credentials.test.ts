import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { checkCredentials } from "./credentials";
import { throttleLimits } from "./login-throttle";
import { hashPassword } from "./password";

const password = "correct horse battery";

async function createUser(email: string, fields: { active?: boolean; withPassword?: boolean } = {}) {
  return db.user.create({
    data: {
      email,
      name: "Тестовый пользователь",
      passwordHash: fields.withPassword === false ? null : await hashPassword(password),
      active: fields.active ?? true,
    },
  });
}

describe("checkCredentials", () => {
  beforeEach(resetDatabase);

  it("accepts the right password, case-insensitively on the email, and returns id and role", async () => {
    const user = await createUser("ivanov@company.example");
    const result = await checkCredentials({ email: "  Ivanov@Company.Example ", password }, "10.0.0.1");
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "EMPLOYEE" } });
  });

  it("stores only a real hash, never the password", async () => {
    const user = await createUser("hash@company.example");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(stored.passwordHash).not.toContain(password);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    await createUser("ivanov@company.example");
    const wrong = await checkCredentials({ email: "ivanov@company.example", password: "nope" }, "10.0.0.1");
    const unknown = await checkCredentials({ email: "nobody@company.example", password }, "10.0.0.1");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a deactivated user and a user without a password", async () => {
    await createUser("gone@company.example", { active: false });
    await createUser("new@company.example", { withPassword: false });
    expect(await checkCredentials({ email: "gone@company.example", password }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials({ email: "new@company.example", password: "" }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects malformed input without touching the database", async () => {
    expect(await checkCredentials({ email: "not-an-email", password }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(null, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await db.loginThrottle.count()).toBe(0);
  });

  it("locks an account after repeated failures, even for the right password, from any address", async () => {
    await createUser("target@company.example");
    const now = new Date("2026-11-28T09:00:00Z");
    for (let i = 0; i < throttleLimits.accountFailures; i++) {
      await checkCredentials({ email: "target@company.example", password: `guess-${i}` }, `10.0.0.${i}`, now);
    }
    const locked = await checkCredentials({ email: "target@company.example", password }, "10.9.9.9", now);
    expect(locked).toEqual({ ok: false, reason: "throttled", retryAt: new Date(now.getTime() + throttleLimits.lockMs) });

    const later = new Date(now.getTime() + throttleLimits.lockMs + 1000);
    expect((await checkCredentials({ email: "target@company.example", password }, "10.9.9.9", later)).ok).toBe(true);
  });

  it("locks an unknown email like a real one, so locking reveals nothing", async () => {
    const now = new Date("2026-11-28T09:00:00Z");
    for (let i = 0; i < throttleLimits.accountFailures; i++) {
      await checkCredentials({ email: "ghost@company.example", password: "x" }, `10.0.1.${i}`, now);
    }
    const result = await checkCredentials({ email: "ghost@company.example", password: "x" }, "10.0.2.1", now);
    expect(result.ok === false && result.reason).toBe("throttled");
  });

  it("locks an address that tries many accounts", async () => {
    await createUser("victim@company.example");
    const now = new Date("2026-11-28T09:00:00Z");
    for (let i = 0; i < throttleLimits.addressFailures; i++) {
      await checkCredentials({ email: `user${i}@company.example`, password: "x" }, "203.0.113.7", now);
    }
    const fromAttacker = await checkCredentials({ email: "victim@company.example", password }, "203.0.113.7", now);
    const fromElsewhere = await checkCredentials({ email: "victim@company.example", password }, "198.51.100.1", now);
    expect(fromAttacker.ok === false && fromAttacker.reason).toBe("throttled");
    expect(fromElsewhere.ok).toBe(true);
  });

  it("counts failures outside the window afresh", async () => {
    await createUser("slow@company.example");
    const start = new Date("2026-11-28T09:00:00Z");
    for (let i = 0; i < throttleLimits.accountFailures - 1; i++) {
      await checkCredentials({ email: "slow@company.example", password: "x" }, "10.0.0.1", start);
    }
    const afterWindow = new Date(start.getTime() + throttleLimits.windowMs + 1000);
    await checkCredentials({ email: "slow@company.example", password: "x" }, "10.0.0.1", afterWindow);
    expect((await checkCredentials({ email: "slow@company.example", password }, "10.0.0.1", afterWindow)).ok).toBe(true);
  });

  it("counts parallel failures without losing any", async () => {
    await createUser("burst@company.example");
    const now = new Date("2026-11-28T09:00:00Z");
    await Promise.all(
      Array.from({ length: throttleLimits.accountFailures }, (_, i) =>
        checkCredentials({ email: "burst@company.example", password: `p${i}` }, `10.1.0.${i}`, now),
      ),
    );
    const result = await checkCredentials({ email: "burst@company.example", password }, "10.2.0.1", now);
    expect(result.ok === false && result.reason).toBe("throttled");
  });
});
