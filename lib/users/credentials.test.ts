import { randomUUID } from "node:crypto";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { checkCredentials, type SignInCheck } from "./credentials";
import { accountKey, throttlePolicy } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";

// The real hash, counted: refused attempts must cost no hash.
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const hashesComputed = () => vi.mocked(verifyPassword).mock.calls.length;

const password = "correct horse battery";

async function createUser(email: string, fields: { active?: boolean; withPassword?: boolean; cheapHash?: boolean } = {}) {
  const passwordHash = fields.withPassword === false ? null : fields.cheapHash ? await bcryptHash(password, 4) : await hashPassword(password);
  return db.user.create({ data: { email, name: "Тестовый пользователь", passwordHash, active: fields.active ?? true } });
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const retryAtOf = (result: SignInCheck) => (result.ok === false && result.reason === "throttled" ? result.retryAt : null);
const knownDeviceOf = (result: SignInCheck) => {
  if (!result.ok) throw new Error(`expected a sign-in, got ${JSON.stringify(result)}`);
  return result.knownDevice;
};

describe("checkCredentials", () => {
  beforeAll(() => {
    vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");
  });
  beforeEach(async () => {
    await resetDatabase();
    vi.mocked(verifyPassword).mockClear();
  });

  it("accepts the right password, case-insensitively on the email, and returns id and role", async () => {
    const user = await createUser("ivanov@company.example");
    const result = await checkCredentials({ email: "  Ivanov@Company.Example ", password }, "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "EMPLOYEE" } });
  });

  it("stores only a real hash, never the password", async () => {
    const user = await createUser("hash@company.example");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(password);
  });

  it("accepts an old bcrypt hash and replaces it with an argon2id hash", async () => {
    const user = await db.user.create({ data: { email: "old@company.example", name: "Старый хеш", passwordHash: await bcryptHash(password, 4) } });
    expect((await checkCredentials({ email: "old@company.example", password }, "10.0.0.1")).ok).toBe(true);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(password, stored.passwordHash!)).toBe(true);
    expect((await checkCredentials({ email: "old@company.example", password }, "10.0.0.1")).ok).toBe(true);
  });

  it("refuses a wrong password against an old bcrypt hash and keeps that hash", async () => {
    const oldHash = await bcryptHash(password, 4);
    const user = await db.user.create({ data: { email: "old@company.example", name: "Старый хеш", passwordHash: oldHash } });
    expect(await checkCredentials({ email: "old@company.example", password: "wrong password" }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })).passwordHash).toBe(oldHash);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    await createUser("ivanov@company.example");
    const wrong = await checkCredentials({ email: "ivanov@company.example", password: "nope" }, "10.0.0.1");
    const unknown = await checkCredentials({ email: "nobody@company.example", password }, "10.0.0.1");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("compares an unknown email against a hash of the same kind and cost as a real one", async () => {
    await checkCredentials({ email: "nobody@company.example", password }, "10.0.0.1");
    const [[, comparedWith]] = vi.mocked(verifyPassword).mock.calls;
    const parameters = (hash: string) => hash.split("$").slice(0, 4).join("$");
    expect(comparedWith).toMatch(/^\$argon2id\$/);
    expect(parameters(comparedWith)).toBe(parameters(await hashPassword(password)));
  });

  it("refuses a deactivated user and a user without a password", async () => {
    await createUser("gone@company.example", { active: false });
    await createUser("new@company.example", { withPassword: false });
    expect(await checkCredentials({ email: "gone@company.example", password }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials({ email: "new@company.example", password: "" }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("with password sign-in for admins only, refuses everyone else's right password, says so, and still lets an admin in", async () => {
    await createUser("employee@company.example");
    const admin = await createUser("admin@company.example");
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const signIn = (email: string, attempt: string) => checkCredentials({ email, password: attempt }, "10.0.0.1", new Date(), null, "admins");
    expect(await signIn("employee@company.example", password)).toEqual({ ok: false, reason: "password-off" });
    expect(await signIn("employee@company.example", "a wrong guess")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("admin@company.example", password)).toMatchObject({ ok: true, user: { id: admin.id, role: "ADMIN" } });
    expect(await checkCredentials({ email: "employee@company.example", password }, "10.0.0.1", new Date(), null, "all")).toMatchObject({ ok: true });
  });

  it("rejects malformed input without touching the database", async () => {
    expect(await checkCredentials({ email: "not-an-email", password }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(null, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await db.loginThrottle.count()).toBe(0);
  });

  it("delays an account after a few failures from any address, the wait doubling up to a cap, never a 15-minute lock", async () => {
    await createUser("target@company.example");
    const start = new Date("2026-12-07T09:00:00Z");
    const guess = (now: Date, i: number) => checkCredentials({ email: "target@company.example", password: `guess-${i}` }, `10.0.0.${i}`, now);
    for (let i = 0; i <= throttlePolicy.account.free; i++) expect(await guess(start, i)).toEqual({ ok: false, reason: "invalid" });
    const first = retryAtOf(await checkCredentials({ email: "target@company.example", password }, "10.9.9.9", start));
    expect(first).toEqual(at(start, throttlePolicy.account.baseDelayMs));

    // A patient attacker who waits out every delay.
    let now = first!;
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      expect(await guess(now, i)).toEqual({ ok: false, reason: "invalid" });
      const retryAt = retryAtOf(await guess(now, i))!;
      waits.push(retryAt.getTime() - now.getTime());
      now = retryAt;
    }
    expect(waits.slice(0, 3)).toEqual([4, 16, 64].map((factor) => factor * throttlePolicy.account.baseDelayMs));
    expect(Math.max(...waits)).toBe(throttlePolicy.account.maxDelayMs);
    expect(throttlePolicy.account.maxDelayMs).toBeLessThanOrEqual(5 * 60_000);

    const owner = await checkCredentials({ email: "target@company.example", password }, "10.9.9.9", now);
    expect(owner.ok).toBe(true);
    expect(await db.loginThrottle.count({ where: { key: accountKey("target@company.example") } })).toBe(0);
  });

  it("counts 25 simultaneous wrong guesses as 25 in a row and hashes only a handful", async () => {
    await createUser("burst@company.example");
    const now = new Date("2026-12-07T09:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => checkCredentials({ email: "burst@company.example", password: `p${i}` }, `10.1.0.${i}`, now)),
    );
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: accountKey("burst@company.example") } });
    expect(row.count).toBe(25);
    expect(hashesComputed()).toBeLessThanOrEqual(throttlePolicy.account.free + 1);
    expect(results.filter((result) => retryAtOf(result)).length).toBe(25 - hashesComputed());
  });

  it("lets the owner in from a known device while an attacker's delay runs; from a new device after at most the delay", async () => {
    await createUser("owner@company.example");
    const start = new Date("2026-12-07T09:00:00Z");
    const device = knownDeviceOf(await checkCredentials({ email: "owner@company.example", password }, "10.5.0.1", start));

    const attack = at(start, 60_000);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => checkCredentials({ email: "owner@company.example", password: `p${i}` }, `10.6.0.${i}`, attack)),
    );
    const fromKnownDevice = await checkCredentials({ email: "owner@company.example", password }, "10.5.0.1", attack, device);
    expect(fromKnownDevice.ok).toBe(true);

    await Promise.all(
      Array.from({ length: 25 }, (_, i) => checkCredentials({ email: "owner@company.example", password: `q${i}` }, `10.6.1.${i}`, attack)),
    );
    const retryAt = retryAtOf(await checkCredentials({ email: "owner@company.example", password }, "10.7.0.1", attack));
    expect(retryAt).not.toBeNull();
    expect(retryAt!.getTime() - attack.getTime()).toBeLessThanOrEqual(throttlePolicy.account.maxDelayMs);
    expect((await checkCredentials({ email: "owner@company.example", password }, "10.7.0.1", retryAt!)).ok).toBe(true);
  });

  it("a known-device token is good only for its own account and cannot be made up", async () => {
    await createUser("first@company.example");
    await createUser("second@company.example");
    const now = new Date("2026-12-07T09:00:00Z");
    const device = knownDeviceOf(await checkCredentials({ email: "first@company.example", password }, "10.5.0.1", now));
    for (let i = 0; i < 10; i++) await checkCredentials({ email: "second@company.example", password: `p${i}` }, `10.6.0.${i}`, now);
    for (const token of [device, `${randomUUID()}.forged`, "garbage"]) {
      expect(retryAtOf(await checkCredentials({ email: "second@company.example", password }, "10.5.0.1", now, token))).not.toBeNull();
    }
  });

  it("delays an unknown email like a real one, so the delay reveals nothing", async () => {
    const now = new Date("2026-12-07T09:00:00Z");
    for (let i = 0; i <= throttlePolicy.account.free; i++) {
      await checkCredentials({ email: "ghost@company.example", password: "x" }, `10.0.1.${i}`, now);
    }
    const result = await checkCredentials({ email: "ghost@company.example", password: "x" }, "10.0.2.1", now);
    expect(result.ok === false && result.reason).toBe("throttled");
  });

  it("delays an address that tries many accounts, not the accounts from elsewhere", async () => {
    await createUser("victim@company.example");
    const now = new Date("2026-12-07T09:00:00Z");
    for (let i = 0; i <= throttlePolicy.address.free; i++) {
      await checkCredentials({ email: `user${i}@company.example`, password: "x" }, "203.0.113.7", now);
    }
    const fromAttacker = await checkCredentials({ email: "victim@company.example", password }, "203.0.113.7", now);
    const fromElsewhere = await checkCredentials({ email: "victim@company.example", password }, "198.51.100.1", now);
    expect(fromAttacker.ok === false && fromAttacker.reason).toBe("throttled");
    expect(fromElsewhere.ok).toBe(true);
  });

  it("forgets failures after a quiet window and removes the rows idle past it", async () => {
    await createUser("slow@company.example");
    const start = new Date("2026-12-07T09:00:00Z");
    for (let i = 0; i <= throttlePolicy.account.free; i++) {
      await checkCredentials({ email: "slow@company.example", password: "x" }, "10.0.0.1", start);
    }
    await checkCredentials({ email: "elsewhere@company.example", password: "x" }, "10.0.0.2", start);
    const afterWindow = at(start, throttlePolicy.windowMs + 1000);
    expect((await checkCredentials({ email: "slow@company.example", password }, "10.0.0.3", afterWindow)).ok).toBe(true);
    const keys = (await db.loginThrottle.findMany({ select: { key: true } })).map((row) => row.key).sort();
    expect(keys).toEqual(["address:10.0.0.3", "attempts:10.0.0.3"]);
  });

  it("starts an address's count afresh a window after its first failure, so an office behind one address is not held all day", async () => {
    await createUser("office@company.example");
    const start = new Date("2026-12-07T09:00:00Z");
    const guess = (now: Date) => checkCredentials({ email: `${randomUUID()}@company.example`, password: "x" }, "198.51.100.50", now);
    for (let i = 0; i <= throttlePolicy.address.free; i++) await guess(start);
    const late = at(start, throttlePolicy.windowMs - 60_000);
    for (let i = 0; i < 10; i++) await guess(late);
    await guess(at(late, 2000));
    expect(retryAtOf(await guess(at(late, 3000)))!.getTime()).toBeGreaterThan(start.getTime() + throttlePolicy.windowMs + 1000);

    const owner = await checkCredentials({ email: "office@company.example", password }, "198.51.100.50", at(start, throttlePolicy.windowMs + 1000));
    expect(owner.ok).toBe(true);
  });

  it("caps sign-in attempts per address per minute before any hash, successful ones too", async () => {
    await createUser("busy@company.example", { cheapHash: true });
    const now = new Date("2026-12-07T09:00:00Z");
    for (let i = 0; i < throttlePolicy.attemptsPerMinute; i++) {
      expect((await checkCredentials({ email: "busy@company.example", password }, "192.0.2.10", now)).ok).toBe(true);
    }
    const refused = await checkCredentials({ email: "busy@company.example", password }, "192.0.2.10", now);
    expect(retryAtOf(refused)).toEqual(at(now, 60_000));
    expect(hashesComputed()).toBe(throttlePolicy.attemptsPerMinute);
    expect((await checkCredentials({ email: "busy@company.example", password }, "192.0.2.11", now)).ok).toBe(true);
    expect((await checkCredentials({ email: "busy@company.example", password }, "192.0.2.10", at(now, 60_000))).ok).toBe(true);
  });

  it("lets in a sign-in whose clock reading is older than a simultaneous one's from the same account and address", async () => {
    // Two requests read the clock, then reach the database in the other order: with no failures
    // to wait for, the later statement must not take the earlier one's time for a wait.
    await createUser("colleague@company.example", { cheapHash: true });
    const now = new Date("2026-12-07T09:00:00Z");
    expect((await checkCredentials({ email: "colleague@company.example", password }, "192.0.2.30", at(now, 40))).ok).toBe(true);
    expect(await checkCredentials({ email: "colleague@company.example", password }, "192.0.2.30", now)).toMatchObject({ ok: true });
    await checkCredentials({ email: "colleague@company.example", password: "wrong-password" }, "192.0.2.30", at(now, 80));
    expect(await checkCredentials({ email: "colleague@company.example", password: "wrong-password" }, "192.0.2.30", at(now, 60))).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });

  it("a stream of random emails from one address stops costing hashes once its limits are reached", async () => {
    const now = new Date("2026-12-07T09:00:00Z");
    for (let i = 0; i < 100; i++) {
      await checkCredentials({ email: `${randomUUID()}@company.example`, password: "x" }, "192.0.2.20", at(now, i * 100));
    }
    expect(hashesComputed()).toBeLessThanOrEqual(throttlePolicy.address.free + 2);
  });
});
