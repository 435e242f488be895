import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { seedPortal } from "../testing/fixtures";
import { createUser, resetPassword, setUserActive } from "../admin/users";
import { createUserSchema } from "../admin/users.schema";
import { checkCredentials } from "./credentials";
import { delayAccount } from "../testing/throttle";
import { PASSWORD_LINK_LIFETIME_MS, passwordLinkState, setPasswordWithLink } from "./password-links";
import { sessionUserWhere } from "./session-user";
import { PASSWORD_MIN_LENGTH } from "./password-rules";

const t = messages().setPassword.errors;

let count = 0;
const newUser = (role: "EMPLOYEE" | "HR" | "ADMIN" = "EMPLOYEE") => {
  count++;
  return createUserSchema.parse({ name: `Ссылкин Иван ${count}`, email: `link-${count}@company.example`, position: "", departmentId: "", role });
};

const tokenOf = (path: string) => /^\/set-password\/([A-Za-z0-9_-]{43})$/.exec(path)![1];

/** A user created by `by` with a set-password link; returns the user and the link's token. */
async function withLink(by: CurrentUser, role?: "EMPLOYEE" | "HR" | "ADMIN") {
  const input = newUser(role);
  const outcome = await createUser(by, { ...input, credential: "link" });
  if (!outcome.ok || outcome.kind !== "link") throw new Error(`expected a link, got ${JSON.stringify(outcome)}`);
  return { userId: outcome.userId, email: input.email, token: tokenOf(outcome.path), expiresAt: outcome.expiresAt };
}

const signIn = (email: string, password: string) => checkCredentials({ email, password }, "10.0.0.7");
const set = (token: string, password: string, now?: Date) => setPasswordWithLink({ token, password, confirmation: password }, now);
const userRow = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } });
const linksOf = (userId: string) => db.passwordLink.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

describe("set-password links", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
  });

  it("a user created with a link has no password; only the SHA-256 of the token is stored, and no audit entry holds it", async () => {
    const before = Date.now();
    const { userId, email, token, expiresAt } = await withLink(hr);
    expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(PASSWORD_LINK_LIFETIME_MS);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(PASSWORD_LINK_LIFETIME_MS);
    expect(PASSWORD_LINK_LIFETIME_MS).toBe(72 * 60 * 60_000);

    const links = await linksOf(userId);
    expect(links).toMatchObject([{ tokenHash: createHash("sha256").update(token).digest("hex"), createdById: hr.id, usedAt: null, expiresAt }]);
    const stored = JSON.stringify(await db.passwordLink.findMany()) + JSON.stringify(await db.auditLog.findMany());
    expect(stored).not.toContain(token);
    expect((await db.auditLog.findMany({ where: { entityId: userId }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action)).toEqual([
      "user.create",
      "user.password-link",
    ]);

    expect((await userRow(userId)).passwordHash).toBeNull();
    expect(await signIn(email, "что-угодно-длинное")).toEqual({ ok: false, reason: "invalid" });
    expect(await passwordLinkState(token)).toEqual({ status: "valid", name: expect.stringContaining("Ссылкин"), email });
  });

  it("sets the password once: the user signs in, a sign-in delay is lifted, the link is used up, audited as the user's act", async () => {
    const { userId, email, token } = await withLink(hr);
    await delayAccount(email);
    expect(await signIn(email, "x")).toMatchObject({ reason: "throttled" });

    expect(await set(token, "мой-новый-пароль")).toEqual({ status: "done" });
    expect(await signIn(email, "мой-новый-пароль")).toMatchObject({ ok: true, user: { id: userId } });
    expect(await passwordLinkState(token)).toEqual({ status: "used" });
    expect((await linksOf(userId))[0].usedAt).toBeInstanceOf(Date);

    const hash = (await userRow(userId)).passwordHash;
    expect(await set(token, "другой-новый-пароль")).toEqual({ status: "used" });
    expect((await userRow(userId)).passwordHash).toBe(hash);

    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: userId, action: "user.password-set" } });
    expect(entry).toMatchObject({ actorId: userId, entity: "user", before: null, after: null });
  });

  it("setting the password ends the sessions signed in before it", async () => {
    const { userId, token } = await withLink(hr);
    const before = Date.now() - 1;
    expect(await db.user.findFirst({ where: sessionUserWhere(userId, before, "session") })).not.toBeNull();
    expect(await set(token, "мой-новый-пароль")).toEqual({ status: "done" });
    expect(await db.user.findFirst({ where: sessionUserWhere(userId, before, "session") })).toBeNull();
    expect(await db.user.findFirst({ where: sessionUserWhere(userId, Date.now(), "session") })).not.toBeNull();
  });

  it("checks the new password with the password rules, field by field, and uses nothing up", async () => {
    const { userId, token } = await withLink(hr);
    const short = "x".repeat(PASSWORD_MIN_LENGTH - 1);
    expect(await setPasswordWithLink({ token, password: short, confirmation: short })).toEqual({
      status: "invalid",
      fieldErrors: { password: [t.tooShort(PASSWORD_MIN_LENGTH)], confirmation: undefined },
    });
    expect(await setPasswordWithLink({ token, password: "достаточно-длинный", confirmation: "другой-пароль-тут" })).toEqual({
      status: "invalid",
      fieldErrors: { password: undefined, confirmation: [t.mismatch] },
    });
    expect(await passwordLinkState(token)).toMatchObject({ status: "valid" });
    expect((await userRow(userId)).passwordHash).toBeNull();
    expect(await set(token, "x".repeat(PASSWORD_MIN_LENGTH))).toEqual({ status: "done" });
  });

  it("an expired link shows no form and sets nothing", async () => {
    const { userId, token, expiresAt } = await withLink(hr);
    const justBefore = new Date(expiresAt.getTime() - 1);
    expect(await passwordLinkState(token, justBefore)).toMatchObject({ status: "valid" });
    expect(await passwordLinkState(token, expiresAt)).toEqual({ status: "expired" });
    expect(await set(token, "поздний-пароль", expiresAt)).toEqual({ status: "expired" });
    expect((await userRow(userId)).passwordHash).toBeNull();
    expect((await linksOf(userId))[0].usedAt).toBeNull();
  });

  it("of two simultaneous submissions exactly one sets the password", async () => {
    const { email, token } = await withLink(hr);
    const results = await Promise.all([set(token, "первый-пароль-123"), set(token, "второй-пароль-456")]);
    expect(results.map((result) => result.status).sort()).toEqual(["done", "used"]);
    const winner = results[0].status === "done" ? "первый-пароль-123" : "второй-пароль-456";
    const loser = winner === "первый-пароль-123" ? "второй-пароль-456" : "первый-пароль-123";
    expect(await signIn(email, winner)).toMatchObject({ ok: true });
    expect(await signIn(email, loser)).toEqual({ ok: false, reason: "invalid" });
    expect(await db.auditLog.count({ where: { action: "user.password-set", actorId: (await viewer(email)).id } })).toBe(1);
  });

  it("an inactive account's link shows no form and sets nothing", async () => {
    const { userId, token } = await withLink(hr);
    expect(await setUserActive(hr, { userId, active: false })).toEqual({ ok: true });
    expect(await passwordLinkState(token)).toEqual({ status: "inactive" });
    expect(await set(token, "пароль-блокированного")).toEqual({ status: "inactive" });
    expect((await userRow(userId)).passwordHash).toBeNull();
    expect((await linksOf(userId))[0].usedAt).toBeNull();
  });

  it("a new link voids the earlier one, and so does a reset to a one-time password; a reset with a link ends the old password", async () => {
    const { userId, email, token: first } = await withLink(hr);
    const second = await resetPassword(hr, { userId, credential: "link" });
    if (!second.ok || second.kind !== "link") throw new Error(`expected a link, got ${JSON.stringify(second)}`);
    expect(await passwordLinkState(first)).toEqual({ status: "unknown" });
    expect(await set(first, "пароль-по-старой")).toEqual({ status: "unknown" });
    const secondToken = tokenOf(second.path);
    expect(await passwordLinkState(secondToken)).toMatchObject({ status: "valid" });

    const reset = await resetPassword(hr, { userId, credential: "password" });
    if (!reset.ok || reset.kind !== "password") throw new Error(`expected a password, got ${JSON.stringify(reset)}`);
    expect(await passwordLinkState(secondToken)).toEqual({ status: "unknown" });
    expect(await signIn(email, reset.password)).toMatchObject({ ok: true });

    const third = await resetPassword(hr, { userId, credential: "link" });
    if (!third.ok || third.kind !== "link") throw new Error(`expected a link, got ${JSON.stringify(third)}`);
    expect(await signIn(email, reset.password)).toEqual({ ok: false, reason: "invalid" });
    expect((await userRow(userId)).passwordHash).toBeNull();
    expect(await linksOf(userId)).toHaveLength(1);
  });

  it("an unknown or malformed token is refused", async () => {
    expect(await passwordLinkState("a".repeat(43))).toEqual({ status: "unknown" });
    expect(await passwordLinkState("../../etc")).toEqual({ status: "unknown" });
    expect(await set("a".repeat(43), "какой-то-пароль")).toEqual({ status: "unknown" });
  });

  it("only HR and admins issue links; HR not for HR or ADMIN accounts, an admin may", async () => {
    const target = await withLink(hr);
    for (const email of ["employee@demo.local", "i.zasypkin@company.example"]) {
      const outsider = await viewer(email);
      await expect(createUser(outsider, { ...newUser(), credential: "link" })).rejects.toThrow(AccessDenied);
      await expect(resetPassword(outsider, { userId: target.userId, credential: "link" })).rejects.toThrow(AccessDenied);
    }
    expect(await linksOf(target.userId)).toHaveLength(1);

    const privileged = await withLink(admin, "HR");
    const links = await linksOf(privileged.userId);
    expect(await resetPassword(hr, { userId: privileged.userId, credential: "link" })).toEqual({ ok: false, error: "forbidden", message: messages().admin.users.errors.privilegedAccount });
    expect(await resetPassword(hr, { userId: admin.id, credential: "link" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await createUser(hr, { ...newUser("ADMIN"), credential: "link" })).toMatchObject({ ok: false, error: "invalid", fieldErrors: { role: expect.any(Array) } });
    expect(await linksOf(privileged.userId)).toEqual(links);
    expect(await linksOf(admin.id)).toEqual([]);

    expect(await resetPassword(admin, { userId: privileged.userId, credential: "link" })).toMatchObject({ ok: true, kind: "link" });
  });
});
