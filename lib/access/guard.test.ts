import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { seedPortal } from "../testing/fixtures";
import { checkSession, sessionUser } from "./guard";
import { isRecordId } from "./ids";

describe("the one session check", () => {
  const ids: Record<string, string> = {};
  const signedInAt = Date.now();

  beforeAll(async () => {
    await seedPortal();
    for (const email of ["employee@demo.local", "hr@demo.local"]) ids[email] = (await db.user.findUniqueOrThrow({ where: { email } })).id;
  });

  const check = async (email: string, options: Parameters<typeof checkSession>[1] = {}, at = signedInAt) =>
    checkSession(await sessionUser({ id: ids[email], signedInAt: at, sessionId: "session" }), options);

  it("lets an active user through, without the one-time-password flag", async () => {
    const checked = await check("employee@demo.local");
    expect(checked).toEqual({ ok: true, user: expect.objectContaining({ id: ids["employee@demo.local"], role: "EMPLOYEE" }) });
    expect(checked.ok && "mustChangePassword" in checked.user).toBe(false);
  });

  it("refuses a missing session, an unknown or deactivated user and a session older than the last password change", async () => {
    expect(checkSession(await sessionUser(undefined))).toEqual({ ok: false, refusal: "unauthenticated" });
    expect(checkSession(await sessionUser({ id: "no-such-user", signedInAt, sessionId: "session" }))).toEqual({ ok: false, refusal: "unauthenticated" });
    await db.user.update({ where: { id: ids["hr@demo.local"] }, data: { credentialsChangedAt: new Date(signedInAt + 1000) } });
    expect(await check("hr@demo.local")).toEqual({ ok: false, refusal: "unauthenticated" });
    expect((await check("hr@demo.local", {}, signedInAt + 2000)).ok).toBe(true);
    await db.user.update({ where: { id: ids["hr@demo.local"] }, data: { active: false } });
    expect(await check("hr@demo.local", {}, signedInAt + 2000)).toEqual({ ok: false, refusal: "unauthenticated" });
    await db.user.update({ where: { id: ids["hr@demo.local"] }, data: { active: true, credentialsChangedAt: null } });
  });

  it("refuses a person on a one-time password everywhere but the own-password page, before any ability", async () => {
    await db.user.update({ where: { id: ids["hr@demo.local"] }, data: { mustChangePassword: true } });
    expect(await check("hr@demo.local")).toEqual({ ok: false, refusal: "password-change-required" });
    expect(await check("hr@demo.local", { ability: "manageContent" })).toEqual({ ok: false, refusal: "password-change-required" });
    expect((await check("hr@demo.local", { allowOneTimePassword: true })).ok).toBe(true);
    await db.user.update({ where: { id: ids["hr@demo.local"] }, data: { mustChangePassword: false } });
  });

  it("refuses a role without the ability", async () => {
    expect(await check("employee@demo.local", { ability: "manageContent" })).toEqual({ ok: false, refusal: "forbidden" });
    expect(await check("employee@demo.local", { ability: "viewTeam" })).toEqual({ ok: false, refusal: "forbidden" });
    expect((await check("hr@demo.local", { ability: "manageContent" })).ok).toBe(true);
  });
});

describe("record ids from URLs", () => {
  it("accepts cuids, UUIDs and slugs, and nothing the database could choke on", () => {
    for (const id of ["cmf0k2x9q0000abcd1234efgh", "3f0e7c1a-5b2d-4c8e-9f10-2a3b4c5d6e7f", "e2e-exam-1"]) expect(isRecordId(id)).toBe(true);
    for (const id of ["", "a\0b", "x".repeat(65), "тест", "../etc", "a b", "a%00", 42]) expect(isRecordId(id)).toBe(false);
  });
});
