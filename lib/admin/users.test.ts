import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { z } from "zod";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import type { Role } from "../generated/prisma/enums";
import { messages } from "../i18n";
import { seedPortal } from "../testing/fixtures";
import { checkCredentials } from "../users/credentials";
import { delayAccount } from "../testing/throttle";
import { sessionUserWhere } from "../users/session-user";
import {
  createUser,
  departmentChoices,
  getUser,
  listUsers,
  resetPassword,
  setUserActive,
  updateUser,
} from "./users";
import { createUserSchema, USERS_PAGE_SIZE, userListQuerySchema, type UserFields } from "./users.schema";

const t = messages().admin.users;

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;

let count = 0;
/** Form input for a new user with a unique email, as the action would parse it. */
function newUser(fields: Partial<Record<"name" | "email" | "position" | "departmentId" | "role", string>> = {}) {
  count++;
  return createUserSchema.parse({ name: `Новиков Пётр ${count}`, email: `new-${count}@company.example`, position: "Специалист", departmentId: "", role: "EMPLOYEE", ...fields });
}

/** Creates a user as `by` and returns their id and one-time password. */
async function created(by: CurrentUser, fields: Parameters<typeof newUser>[0] = {}) {
  const outcome = await createUser(by, newUser(fields));
  if (!outcome.ok || outcome.kind !== "password") throw new Error(`expected the user to be created, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const signIn = (email: string, password: string) => checkCredentials({ email, password }, "10.0.0.1");
const fieldsOf = async (id: string): Promise<UserFields> =>
  db.user.findUniqueOrThrow({ where: { id }, select: { name: true, position: true, departmentId: true, role: true } });
const auditOf = (entityId: string) => db.auditLog.findMany({ where: { entity: "user", entityId }, orderBy: { createdAt: "asc" } });
const passwordHashOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;
const rowCounts = async () => ({ users: await db.user.count(), audit: await db.auditLog.count() });

describe("user management", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
  });

  describe("createUser", () => {
    it("creates a user who can sign in with the one-time password, shown once and audited without it", async () => {
      const support = await departmentId("customer-support");
      const outcome = await created(hr, { email: "  Petrov.New@Company.Example ", name: " Петров Пётр ", departmentId: support, role: "HEAD" });
      expect(outcome.password).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);

      const user = await db.user.findUniqueOrThrow({ where: { id: outcome.userId } });
      expect(user).toMatchObject({ email: "petrov.new@company.example", name: "Петров Пётр", departmentId: support, role: "HEAD", active: true });
      expect(await signIn("petrov.new@company.example", outcome.password)).toMatchObject({ ok: true, user: { id: outcome.userId } });

      const [entry] = await auditOf(outcome.userId);
      expect(entry).toMatchObject({
        actorId: hr.id,
        action: "user.create",
        after: { email: "petrov.new@company.example", name: "Петров Пётр", position: "Специалист", departmentId: support, role: "HEAD", active: true },
      });
      const audited = JSON.stringify(entry);
      expect(audited).not.toContain(outcome.password);
      expect(audited).not.toContain("$2");
      expect(audited).not.toContain("password");
    });

    it("gives every user a different password", async () => {
      const first = await created(hr);
      const second = await created(hr);
      expect(first.password).not.toBe(second.password);
    });

    it("refuses a taken email, whatever its case, and writes nothing", async () => {
      const before = await rowCounts();
      const outcome = await createUser(hr, newUser({ email: "Employee@Demo.Local" }));
      expect(outcome).toEqual({ ok: false, error: "invalid", fieldErrors: { email: [t.errors.emailTaken] } });
      expect(await rowCounts()).toEqual(before);
    });

    it("lets only an admin create HR and ADMIN users", async () => {
      const before = await rowCounts();
      for (const role of ["HR", "ADMIN"] satisfies Role[]) {
        expect(await createUser(hr, newUser({ role }))).toEqual({ ok: false, error: "invalid", fieldErrors: { role: [t.errors.privilegedRole] } });
      }
      expect(await rowCounts()).toEqual(before);

      const newHr = await created(admin, { role: "HR" });
      expect((await fieldsOf(newHr.userId)).role).toBe("HR");
    });

    it("refuses a department that does not exist", async () => {
      expect(await createUser(hr, newUser({ departmentId: "no-such-department" }))).toEqual({
        ok: false, error: "invalid",
        fieldErrors: { departmentId: [t.errors.departmentId] },
      });
    });

    it("names the field of every malformed input in Russian", () => {
      const parsed = createUserSchema.safeParse({ name: "  ", email: "not-an-email", position: "x".repeat(201), departmentId: "", role: "BOSS" });
      expect(parsed.success).toBe(false);
      expect(z.flattenError(parsed.error!).fieldErrors).toEqual({
        name: [t.errors.name],
        email: [t.errors.email],
        position: [t.errors.position],
        role: [t.errors.role],
      });
    });
  });

  describe("updateUser", () => {
    it("changes name, position, department and role, auditing only what changed", async () => {
      const { userId } = await created(hr);
      const sales = await departmentId("sales");
      const before = await fieldsOf(userId);
      const changes: UserFields = { name: before.name, position: "Ведущий специалист", departmentId: sales, role: "HEAD" };
      expect(await updateUser(hr, { userId, ...changes })).toEqual({ ok: true });
      expect(await fieldsOf(userId)).toEqual(changes);

      const entry = (await auditOf(userId)).at(-1);
      expect(entry).toMatchObject({
        actorId: hr.id,
        action: "user.update",
        before: { position: "Специалист", departmentId: null, role: "EMPLOYEE" },
        after: { position: "Ведущий специалист", departmentId: sales, role: "HEAD" },
      });
    });

    it("records nothing when nothing changed", async () => {
      const { userId } = await created(hr);
      const entries = (await auditOf(userId)).length;
      expect(await updateUser(hr, { userId, ...await fieldsOf(userId) })).toEqual({ ok: true });
      expect(await auditOf(userId)).toHaveLength(entries);
    });

    it("does not let HR grant HR or ADMIN, nor edit an HR or ADMIN account", async () => {
      const { userId } = await created(hr);
      const fields = await fieldsOf(userId);
      for (const role of ["HR", "ADMIN"] satisfies Role[]) {
        expect(await updateUser(hr, { userId, ...fields, role })).toEqual({ ok: false, error: "invalid", fieldErrors: { role: [t.errors.privilegedRole] } });
      }
      expect(await fieldsOf(userId)).toEqual(fields);

      const otherAdmin = await created(admin, { role: "ADMIN" });
      const adminFields = await fieldsOf(otherAdmin.userId);
      const demoted = { ...adminFields, role: "EMPLOYEE" as const };
      expect(await updateUser(hr, { userId: otherAdmin.userId, ...demoted })).toEqual({ ok: false, error: "forbidden", message: t.errors.privilegedAccount });
      expect(await updateUser(hr, { userId: otherAdmin.userId, ...adminFields, name: "Захвачен" })).toEqual({ ok: false, error: "forbidden", message: t.errors.privilegedAccount });
      expect(await fieldsOf(otherAdmin.userId)).toEqual(adminFields);
    });

    it("lets an admin grant HR and edit another admin", async () => {
      const { userId } = await created(hr);
      expect(await updateUser(admin, { userId, ...(await fieldsOf(userId)), role: "HR" })).toEqual({ ok: true });
      expect((await fieldsOf(userId)).role).toBe("HR");

      const otherAdmin = await created(admin, { role: "ADMIN" });
      const renamed = { ...(await fieldsOf(otherAdmin.userId)), position: "Главный администратор" };
      expect(await updateUser(admin, { userId: otherAdmin.userId, ...renamed })).toEqual({ ok: true });
      expect(await fieldsOf(otherAdmin.userId)).toEqual(renamed);
    });

    it("does not let an admin change their own role", async () => {
      const own = await fieldsOf(admin.id);
      expect(await updateUser(admin, { userId: admin.id, ...own, role: "EMPLOYEE" })).toEqual({ ok: false, error: "invalid", fieldErrors: { role: [t.errors.ownRole] } });
      expect((await fieldsOf(admin.id)).role).toBe("ADMIN");
    });

    it("answers not-found for an unknown user", async () => {
      expect(await updateUser(hr, { userId: "no-such-user", name: "Никто", position: "", departmentId: null, role: "EMPLOYEE" })).toEqual({ ok: false, error: "not-found" });
    });
  });

  describe("setUserActive", () => {
    it("deactivates a user, who can no longer sign in, and reactivates them, audited both ways", async () => {
      const { userId, password } = await created(hr);
      const { email } = await db.user.findUniqueOrThrow({ where: { id: userId } });

      expect(await setUserActive(hr, { userId, active: false })).toEqual({ ok: true });
      // lib/auth re-reads the user with `active: true` on every request: the session ends on the next one.
      expect(await db.user.findFirst({ where: { id: userId, active: true } })).toBeNull();
      expect(await signIn(email, password)).toEqual({ ok: false, reason: "invalid" });

      expect(await setUserActive(hr, { userId, active: true })).toEqual({ ok: true });
      expect(await signIn(email, password)).toMatchObject({ ok: true });
      expect((await auditOf(userId)).slice(1)).toMatchObject([
        { actorId: hr.id, action: "user.deactivate", before: { active: true }, after: { active: false } },
        { actorId: hr.id, action: "user.reactivate", before: { active: false }, after: { active: true } },
      ]);
    });

    it("does not let anyone deactivate themselves", async () => {
      expect(await setUserActive(admin, { userId: admin.id, active: false })).toEqual({ ok: false, error: "forbidden", message: t.errors.ownAccount });
      expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    });

    it("does not let HR deactivate an HR or ADMIN account; an admin may", async () => {
      const otherHr = await created(admin, { role: "HR" });
      const otherAdmin = await created(admin, { role: "ADMIN" });
      for (const { userId } of [otherHr, otherAdmin]) {
        expect(await setUserActive(hr, { userId, active: false })).toEqual({ ok: false, error: "forbidden", message: t.errors.privilegedAccount });
        expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).active).toBe(true);
        expect(await setUserActive(admin, { userId, active: false })).toEqual({ ok: true });
        expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).active).toBe(false);
      }
    });
  });

  describe("resetPassword", () => {
    it("replaces the password with a new one-time password, lifts a sign-in delay and audits no secret", async () => {
      const { userId, password: first } = await created(hr);
      const { email } = await db.user.findUniqueOrThrow({ where: { id: userId } });
      await delayAccount(email);
      expect(await signIn(email, first)).toMatchObject({ ok: false, reason: "throttled" });

      const outcome = await resetPassword(hr, { userId });
      if (!outcome.ok || outcome.kind !== "password") throw new Error(`expected a reset, got ${JSON.stringify(outcome)}`);
      expect(outcome.password).not.toBe(first);
      expect(await signIn(email, first)).toEqual({ ok: false, reason: "invalid" });
      expect(await signIn(email, outcome.password)).toMatchObject({ ok: true });

      const entry = (await auditOf(userId)).at(-1);
      expect(entry).toMatchObject({ actorId: hr.id, action: "user.password-reset", before: null, after: null });
    });

    it("ends the sessions signed in before the reset; a sign-in after it counts", async () => {
      const { userId } = await created(hr);
      const sessionOf = (signedInAt: number | undefined) => db.user.findFirst({ where: sessionUserWhere(userId, signedInAt, "session"), select: { id: true } });
      const before = Date.now() - 1;
      expect(await sessionOf(before)).toEqual({ id: userId });

      expect(await resetPassword(hr, { userId })).toMatchObject({ ok: true });
      expect(await sessionOf(before)).toBeNull();
      expect(await sessionOf(undefined)).toBeNull();
      expect(await sessionOf(Date.now())).toEqual({ id: userId });

      expect(await setUserActive(hr, { userId, active: false })).toMatchObject({ ok: true });
      expect(await sessionOf(Date.now())).toBeNull();
    });

    it("does not let HR reset the password of an HR or ADMIN account; an admin may", async () => {
      const otherAdmin = await created(admin, { role: "ADMIN" });
      const hash = await passwordHashOf(otherAdmin.userId);
      expect(await resetPassword(hr, { userId: otherAdmin.userId })).toEqual({ ok: false, error: "forbidden", message: t.errors.privilegedAccount });
      expect(await resetPassword(hr, { userId: hr.id })).toEqual({ ok: false, error: "forbidden", message: t.errors.privilegedAccount });
      expect(await passwordHashOf(otherAdmin.userId)).toBe(hash);

      expect(await resetPassword(admin, { userId: otherAdmin.userId })).toMatchObject({ ok: true });
      expect(await passwordHashOf(otherAdmin.userId)).not.toBe(hash);
    });

    it("answers not-found for an unknown user", async () => {
      expect(await resetPassword(admin, { userId: "no-such-user" })).toEqual({ ok: false, error: "not-found" });
    });
  });

  it("refuses employees and heads everything", async () => {
    const target = await created(hr);
    for (const email of ["employee@demo.local", "i.zasypkin@company.example"]) {
      const outsider = await viewer(email);
      const fields = await fieldsOf(target.userId);
      const calls = [
        () => listUsers(outsider, userListQuerySchema.parse({})),
        () => getUser(outsider, target.userId),
        () => departmentChoices(outsider),
        () => createUser(outsider, newUser()),
        () => updateUser(outsider, { userId: target.userId, ...fields, name: "Захвачен" }),
        () => setUserActive(outsider, { userId: target.userId, active: false }),
        () => resetPassword(outsider, { userId: target.userId }),
      ];
      for (const call of calls) await expect(call()).rejects.toThrow(AccessDenied);
    }
    expect(await fieldsOf(target.userId)).toMatchObject({ name: expect.not.stringContaining("Захвачен") });
    expect(await auditOf(target.userId)).toHaveLength(1);
  });

  describe("listUsers", () => {
    const list = (input: Record<string, unknown>) => listUsers(hr, userListQuerySchema.parse(input));
    const names = async (input: Record<string, unknown>) => (await list(input)).users.map((user) => user.name);

    it("searches name, email and position, and filters by role, department subtree and status, in Russian order", async () => {
      const support = await departmentId("customer-support");
      const sales = await departmentId("sales");
      await created(hr, { name: "Жуков Фильтр", departmentId: support, position: "Оператор-фильтр" });
      await created(hr, { name: "Ёлкин Фильтр", departmentId: sales, role: "HEAD" });
      const gone = await created(hr, { name: "Елисеев Фильтр", departmentId: support, email: "filter-gone@company.example" });
      await setUserActive(hr, { userId: gone.userId, active: false });

      // ё sorts with е, not after я (nor before а, as code points would put it).
      expect(await names({ q: "фильтр" })).toEqual(["Елисеев Фильтр", "Ёлкин Фильтр", "Жуков Фильтр"]);
      expect(await names({ q: "FILTER-GONE@" })).toEqual(["Елисеев Фильтр"]);
      expect(await names({ q: "оператор-фильтр" })).toEqual(["Жуков Фильтр"]);
      expect(await names({ q: "фильтр", role: "HEAD" })).toEqual(["Ёлкин Фильтр"]);
      expect(await names({ q: "фильтр", department: support })).toEqual(["Елисеев Фильтр", "Жуков Фильтр"]);
      expect(await names({ q: "фильтр", department: await departmentId("sps") })).toEqual(["Елисеев Фильтр", "Жуков Фильтр"]);
      expect(await names({ q: "фильтр", department: await departmentId("back-office") })).toHaveLength(3);
      expect(await names({ q: "фильтр", status: "active" })).toEqual(["Ёлкин Фильтр", "Жуков Фильтр"]);
      expect(await names({ q: "фильтр", status: "inactive" })).toEqual(["Елисеев Фильтр"]);

      const [row] = (await list({ q: "Жуков Фильтр" })).users;
      expect(row).toMatchObject({ position: "Оператор-фильтр", role: "EMPLOYEE", active: true, department: { name: "Отдел поддержки клиентов" } });
      expect(row).not.toHaveProperty("passwordHash");
    });

    it("pages by 50, clamping a page past the end to the last one", async () => {
      for (let index = 0; index < USERS_PAGE_SIZE + 5; index++) await db.user.create({ data: { email: `paged-${index}@company.example`, name: `Страничный ${String(index).padStart(2, "0")}` } });
      const first = await list({ q: "Страничный" });
      expect(first).toMatchObject({ total: 55, page: 1, pages: 2 });
      expect(first.users).toHaveLength(50);
      expect(first.users[0].name).toBe("Страничный 00");
      const second = await list({ q: "Страничный", page: "2" });
      expect(second.users.map((user) => user.name)).toEqual(["Страничный 50", "Страничный 51", "Страничный 52", "Страничный 53", "Страничный 54"]);
      expect((await list({ q: "Страничный", page: "9" })).page).toBe(2);
    });

    it("reads malformed URL parameters as no filter", () => {
      expect(userListQuerySchema.parse({ q: "x".repeat(500), role: "BOSS", department: ["a", "b"], status: "gone", page: "abc" })).toEqual({
        status: "all",
        page: 1,
      });
    });
  });
});
