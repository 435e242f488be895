import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { messages } from "../i18n";
import { seedPortal } from "../testing/fixtures";
import { createUser, resetPassword } from "../admin/users";
import { createUserSchema } from "../admin/users.schema";
import { applyUserImport } from "../admin/user-import";
import { checkCredentials } from "./credentials";
import { throttlePolicy } from "./login-throttle";
import { changeOwnPassword } from "./own-password";
import { passwordLinkState, setPasswordWithLink } from "./password-links";
import { PASSWORD_MIN_LENGTH } from "./password-rules";
import { sessionUserWhere } from "./session-user";

const t = messages().ownPassword.errors;

let count = 0;
function newUser() {
  count++;
  return createUserSchema.parse({ name: `Паролев Пётр ${count}`, email: `own-${count}@company.example`, position: "", departmentId: "", role: "EMPLOYEE" });
}

const address = "10.0.3.1";
const signIn = (email: string, password: string) => checkCredentials({ email, password }, address);
const mustChange = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { mustChangePassword: true } })).mustChangePassword;

describe("a person's own password", () => {
  let hr: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
  });

  /** A user HR created with a one-time password, as they sign in with it. */
  async function withOneTimePassword() {
    const input = newUser();
    const outcome = await createUser(hr, { ...input, credential: "password" });
    if (!outcome.ok || outcome.kind !== "password") throw new Error(`expected a password, got ${JSON.stringify(outcome)}`);
    return { user: await viewer(input.email), password: outcome.password };
  }

  it("must be chosen after a one-time password from HR (created, reset or imported), not after a set-password link", async () => {
    const { user } = await withOneTimePassword();
    expect(await mustChange(user.id)).toBe(true);

    const linked = await createUser(hr, { ...newUser(), credential: "link" });
    if (!linked.ok || linked.kind !== "link") throw new Error("expected a link");
    expect(await mustChange(linked.userId)).toBe(false);
    const token = linked.path.split("/").pop()!;
    expect(await passwordLinkState(token)).toMatchObject({ status: "valid" });
    expect(await setPasswordWithLink({ token, password: "свой-пароль-123", confirmation: "свой-пароль-123" })).toEqual({ status: "done" });
    expect(await mustChange(linked.userId)).toBe(false);

    expect(await resetPassword(hr, { userId: linked.userId, credential: "password" })).toMatchObject({ ok: true });
    expect(await mustChange(linked.userId)).toBe(true);

    const imported = await applyUserImport(hr, { text: "email;ФИО\nown-import@company.example;Импортов Иван\n" });
    expect(imported).toMatchObject({ ok: true });
    const { id } = await db.user.findUniqueOrThrow({ where: { email: "own-import@company.example" } });
    expect(await mustChange(id)).toBe(true);
  });

  it("changes with the current password: the old one stops working, the flag clears, earlier sessions end, audited without secrets", async () => {
    const { user, password } = await withOneTimePassword();
    const signedInBefore = Date.now() - 1;
    expect(await changeOwnPassword(user, { current: password, password: "мой-личный-пароль", confirmation: "мой-личный-пароль" }, address)).toEqual({
      status: "done",
    });
    expect(await signIn(user.email, password)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user.email, "мой-личный-пароль")).toMatchObject({ ok: true });
    expect(await mustChange(user.id)).toBe(false);
    expect(await db.user.findFirst({ where: sessionUserWhere(user.id, signedInBefore, "session") })).toBeNull();
    expect(await db.user.findFirst({ where: sessionUserWhere(user.id, Date.now(), "session") })).not.toBeNull();

    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: "user.password-change" } });
    expect(entry).toMatchObject({ actorId: user.id, before: null, after: null });
  });

  it("refuses a wrong current password, a short or mismatched new one, or the same one, naming the field and changing nothing", async () => {
    const { user, password } = await withOneTimePassword();
    const stored = () => db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, mustChangePassword: true } });
    const before = await stored();
    const refusals: [object, string, string][] = [
      [{ current: "не-тот-пароль", password: "новый-пароль-1", confirmation: "новый-пароль-1" }, "current", t.currentWrong],
      [{ current: password, password: "короткий", confirmation: "короткий" }, "password", messages().setPassword.errors.tooShort(PASSWORD_MIN_LENGTH)],
      [{ current: password, password: "новый-пароль-1", confirmation: "новый-пароль-2" }, "confirmation", messages().setPassword.errors.mismatch],
      [{ current: password, password, confirmation: password }, "password", t.unchanged],
      [{ current: "", password: "новый-пароль-1", confirmation: "новый-пароль-1" }, "current", messages().login.passwordRequired],
    ];
    for (const [input, field, message] of refusals) {
      expect(await changeOwnPassword(user, input, `10.0.4.${count}`)).toEqual({ status: "invalid", fieldErrors: { [field]: [message] } });
    }
    expect(await stored()).toEqual({ ...before, mustChangePassword: true });
    expect(await db.auditLog.count({ where: { entityId: user.id, action: "user.password-change" } })).toBe(0);
  });

  it("counts wrong current passwords like failed sign-ins: while the delay runs, even the right one is refused", async () => {
    const { user, password } = await withOneTimePassword();
    const wrong = { current: "не-тот-пароль", password: "новый-пароль-1", confirmation: "новый-пароль-1" };
    const now = new Date();
    for (let failure = 0; failure <= throttlePolicy.account.free; failure++) await changeOwnPassword(user, wrong, "10.0.5.1", now);
    const throttled = messages().login.throttled(throttlePolicy.account.baseDelayMs / 1000);
    expect(await changeOwnPassword(user, { ...wrong, current: password }, "10.0.5.2", now)).toEqual({ status: "invalid", fieldErrors: { current: [throttled] } });
    expect(await checkCredentials({ email: user.email, password }, address, now)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await mustChange(user.id)).toBe(true);
  });
});
