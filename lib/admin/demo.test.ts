import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { seedPortal, taker } from "../testing/fixtures";
import { viewer } from "../testing/database";
import { hashPassword } from "../users/password";
import { sessionUserWhere } from "../users/session-user";
import { demoHeadDepartments, demoUsers } from "../../prisma/demo-users";
import { createUser } from "./users";
import { createUserSchema } from "./users.schema";
import { demoAccounts, demoModeActive, removeDemo, removeDemoAccounts } from "./demo";

const t = messages().admin.demo;

const demoHeads = async () =>
  (await db.department.findMany({ where: { key: { in: demoHeadDepartments } }, select: { head: { select: { id: true, email: true } } } })).map(
    (department) => department.head!,
  );
const demoEmails = demoUsers.map((user) => user.email);
const userRow = (email: string) =>
  db.user.findUniqueOrThrow({ where: { email }, select: { id: true, active: true, passwordHash: true, demo: true, credentialsChangedAt: true } });

/** A real admin, created by the demo admin with a set-password link (no password yet). */
async function realAdmin() {
  const input = createUserSchema.parse({ name: "Настоящий Админ", email: "real.admin@company.example", position: "", departmentId: "", role: "ADMIN" });
  const outcome = await createUser(await viewer("admin@demo.local"), { ...input, credential: "link" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return viewer(input.email);
}

/** The ids the admin area lists, as its confirmation sends them. */
const listedIds = async (admin: CurrentUser) => (await demoAccounts(admin)).map((account) => account.id);

let admin: CurrentUser;

beforeEach(async () => {
  await seedPortal();
  admin = await realAdmin();
});

describe("demo mode", () => {
  it("is on while a demo account or a demo password exists, and off after the removal", async () => {
    expect(await demoModeActive()).toBe(true);
    expect((await demoAccounts(admin)).map((account) => account.email).sort()).toEqual(
      [...demoEmails, ...(await demoHeads()).map((head) => head.email)].sort(),
    );
    expect(await removeDemoAccounts(admin, { userIds: await listedIds(admin) })).toMatchObject({ ok: true });
    expect(await demoModeActive()).toBe(false);
    expect(await demoAccounts(admin)).toEqual([]);
  });
});

describe("removeDemoAccounts", () => {
  it("deactivates every demo account and strips its password, clears the heads' demo password, keeps the heads, and ends their sessions", async () => {
    const employee = await taker("employee@demo.local");
    const exam = await db.exam.create({
      data: { key: "demo-removal", title: "Экзамен", questionCount: 1, timeLimitSeconds: 600, passPercent: 50, attemptsAllowed: 1, published: true },
    });
    await db.attempt.create({ data: { userId: employee.id, examId: exam.id, deadline: new Date(Date.now() + 600_000) } });
    const heads = await demoHeads();
    const signedInAt = Date.now() - 1000;

    expect(await removeDemoAccounts(admin, { userIds: await listedIds(admin) })).toEqual({
      ok: true,
      deactivated: demoUsers.length,
      passwordsCleared: heads.length,
    });

    for (const email of demoEmails) {
      const user = await userRow(email);
      expect(user, email).toMatchObject({ active: false, passwordHash: null, demo: "ACCOUNT" });
      expect(await db.user.count({ where: sessionUserWhere(user.id, signedInAt, "session") }), email).toBe(0);
    }
    for (const head of heads) {
      const user = await userRow(head.email);
      expect(user, head.email).toMatchObject({ active: true, passwordHash: null, demo: null });
      expect(await db.user.count({ where: sessionUserWhere(user.id, signedInAt, "session") }), head.email).toBe(0);
      expect(await db.department.count({ where: { headId: user.id } }), head.email).toBe(1);
    }
    // The demo employee's attempt stays, as every attempt does; reports count active users only.
    expect(await db.attempt.count({ where: { userId: employee.id } })).toBe(1);
  });

  it("records one audit entry per account, by the admin", async () => {
    const ids = await listedIds(admin);
    await removeDemoAccounts(admin, { userIds: ids });
    const entries = await db.auditLog.findMany({ where: { action: "user.demo-remove" } });
    expect(entries.map((entry) => entry.entityId).sort()).toEqual([...ids].sort());
    for (const entry of entries) expect(entry).toMatchObject({ actorId: admin.id, entity: "user" });
    expect(JSON.stringify(entries)).not.toMatch(/\$argon2id\$|\$2[aby]\$/);
  });

  it("keeps a password a demo head chose themselves, and only drops the mark", async () => {
    const [head] = await demoHeads();
    const own = await hashPassword("my own password 2026");
    await db.user.update({ where: { id: head.id }, data: { passwordHash: own } });

    await removeDemoAccounts(admin, { userIds: await listedIds(admin) });

    const user = await db.user.findUniqueOrThrow({ where: { id: head.id }, select: { passwordHash: true, demo: true } });
    expect(user).toEqual({ passwordHash: own, demo: null });
  });

  it("is for admins only: HR, heads and employees are refused and nothing changes", async () => {
    const ids = await listedIds(admin);
    for (const email of ["hr@demo.local", "i.zasypkin@company.example", "employee@demo.local"]) {
      await expect(removeDemoAccounts(await viewer(email), { userIds: ids }), email).rejects.toThrow(AccessDenied);
      await expect(demoAccounts(await viewer(email)), email).rejects.toThrow(AccessDenied);
    }
    expect(await db.user.count({ where: { demo: { not: null }, passwordHash: { not: null } } })).toBe(ids.length);
    expect(await db.auditLog.count({ where: { action: "user.demo-remove" } })).toBe(0);
  });

  it("refuses, changing nothing, when the accounts to remove are not the ones the admin was shown", async () => {
    const ids = await listedIds(admin);
    for (const userIds of [ids.slice(1), [...ids, "someone-else"]]) {
      expect(await removeDemoAccounts(admin, { userIds })).toEqual({ ok: false, error: "invalid", fieldErrors: { form: [t.errors.changed] } });
    }
    expect(await removeDemoAccounts(admin, { userIds: "all" })).toMatchObject({ ok: false, error: "invalid" });
    expect(await demoModeActive()).toBe(true);
  });

  it("refuses while no admin would remain but the demo admin", async () => {
    const demoAdmin = await viewer("admin@demo.local");
    await db.user.update({ where: { id: admin.id }, data: { active: false } });
    expect(await removeDemoAccounts(demoAdmin, { userIds: await listedIds(demoAdmin) })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { form: [t.errors.noOwnAdmin] },
    });
    expect(await userRow("admin@demo.local")).toMatchObject({ active: true });
  });
});

describe("removeDemo from the command line", () => {
  it("removes everything at once, audited without an actor", async () => {
    expect(await removeDemo()).toEqual({ deactivated: demoUsers.length, passwordsCleared: demoHeadDepartments.length });
    expect(await demoModeActive()).toBe(false);
    const entries = await db.auditLog.findMany({ where: { action: "user.demo-remove" } });
    expect(entries).toHaveLength(demoUsers.length + demoHeadDepartments.length);
    for (const entry of entries) expect(entry.actorId).toBeNull();
    expect(await removeDemo()).toEqual({ deactivated: 0, passwordsCleared: 0 });
  });
});
