// User management for HR and admins. Every function takes the acting user first
// and refuses anyone without manageUsers. HR and ADMIN accounts are changed, and
// those roles granted, only by an admin, so HR cannot take over an admin account.
// Every change is one transaction with its audit entry; passwords and hashes are
// never audited.
import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "../db";
import type { CurrentUser } from "../auth";
import { Prisma } from "../generated/prisma/client";
import { Role } from "../generated/prisma/enums";
import { assertCan, mayManageAccount } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { messages } from "../i18n";
import { passwordLinkMail } from "../mail/messages";
import { enqueueMail } from "../mail/outbox";
import { mailSettings } from "../mail/settings";
import { departmentSubtreeIds } from "../org/scope";
import { accountKey } from "../users/login-throttle";
import { hashPassword } from "../users/password";
import { issuePasswordLink, voidPasswordLinks, type IssuedLink } from "../users/password-links";
import { forbidden, invalid, invalidInput, notFound, type ChangeResult } from "./result";
import {
  createUserInputSchema,
  createUserSchema,
  resetPasswordSchema,
  setUserActiveSchema,
  updateUserSchema,
  USERS_PAGE_SIZE,
  type CredentialKind,
  type IssuedCredential,
  type UserFields,
  type UserListQuery,
} from "./users.schema";

const t = messages().admin.users;

const ROLES = Object.values(Role);

const invalidField = (field: string, message: string) => invalid({ [field]: [message] });

/** The roles this viewer may give: HR and ADMIN only an admin may. */
export function assignableRoles(viewer: Pick<CurrentUser, "role">): Role[] {
  return ROLES.filter((role) => mayManageAccount(viewer, { role }));
}

/** Readable and unambiguous (no 0/O, 1/l/I): about 68 bits in 12 characters. */
const PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password shown once, as three groups of four, e.g. `k7Pm-x3Rt-9qWz`. */
export function generatePassword() {
  const characters = Array.from({ length: 12 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]);
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join("")).join("-");
}


type Person = { id: string; name: string; email: string };

/**
 * The hash to store now (none for a link: the person sets the password) and, inside the change's transaction, what to
 * show HR; an e-mailed link is enqueued in that transaction. Null when e-mail is asked for but is off.
 */
async function prepareCredential(kind: CredentialKind) {
  if (kind === "email") {
    const settings = mailSettings();
    if (!settings) return null;
    return {
      passwordHash: null,
      mustChangePassword: false,
      issue: async (tx: Tx, person: Person, actorId: string): Promise<IssuedCredential> => {
        const link = await issuePasswordLink(tx, person.id, actorId);
        await enqueueMail(tx, [passwordLinkMail(settings, person, link)]);
        return { kind, email: person.email, expiresAt: link.expiresAt };
      },
    };
  }
  if (kind === "link") {
    return {
      passwordHash: null,
      mustChangePassword: false,
      issue: async (tx: Tx, person: Person, actorId: string): Promise<IssuedCredential> => ({ kind, ...(await issuePasswordLink(tx, person.id, actorId)) }),
    };
  }
  const password = generatePassword();
  // HR has seen a one-time password: the person replaces it at the first sign-in.
  return { passwordHash: await hashPassword(password), mustChangePassword: true, issue: async (): Promise<IssuedCredential> => ({ kind, password }) };
}

const collator = new Intl.Collator("ru");

/**
 * One page of users matching the filters, sorted by name in Russian order. Sorted here
 * rather than in SQL because the database's collation may not be Russian (ё), and the
 * matching users are at most a few thousand short rows.
 */
export async function listUsers(viewer: CurrentUser, query: UserListQuery) {
  assertCan(viewer, "manageUsers");
  const search = query.q ? { contains: query.q, mode: "insensitive" as const } : undefined;
  const departmentIds = query.department ? await departmentSubtreeIds([query.department]) : undefined;
  const matching = await db.user.findMany({
    where: {
      ...(search ? { OR: [{ name: search }, { email: search }, { position: search }] } : {}),
      ...(query.role ? { role: query.role } : {}),
      ...(departmentIds ? { departmentId: { in: departmentIds } } : {}),
      ...(query.status === "all" ? {} : { active: query.status === "active" }),
    },
    select: { id: true, email: true, name: true, position: true, role: true, active: true, department: { select: { name: true } } },
  });
  matching.sort((a, b) => collator.compare(a.name, b.name) || a.email.localeCompare(b.email));
  const pages = Math.max(1, Math.ceil(matching.length / USERS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    users: matching.slice((page - 1) * USERS_PAGE_SIZE, page * USERS_PAGE_SIZE),
    total: matching.length,
    page,
    pages,
  };
}

export async function getUser(viewer: CurrentUser, id: string) {
  assertCan(viewer, "manageUsers");
  return db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, position: true, departmentId: true, role: true, active: true },
  });
}

/** Every department in tree order with its depth, for the pickers. */
export async function departmentChoices(viewer: CurrentUser) {
  assertCan(viewer, "manageUsers");
  const departments = await db.department.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, parentId: true },
  });
  const choices: { id: string; name: string; depth: number }[] = [];
  const addChildren = (parentId: string | null, depth: number) => {
    for (const department of departments.filter((candidate) => candidate.parentId === parentId)) {
      choices.push({ id: department.id, name: department.name, depth });
      addChildren(department.id, depth + 1);
    }
  };
  addChildren(null, 0);
  return choices;
}

async function departmentExists(id: string) {
  return (await db.department.count({ where: { id } })) > 0;
}

/** The audited fields of a user, its row locked so that the role checks and the change see the same row. */
async function lockUser(tx: Tx, id: string) {
  const [row] = await tx.$queryRaw<{ email: string; name: string; position: string; departmentId: string | null; role: Role; active: boolean }[]>`
    SELECT "email", "name", "position", "departmentId", "role", "active" FROM "User" WHERE "id" = ${id} FOR UPDATE`;
  return row ?? null;
}

/** Creates an active user with a one-time password or a set-password link, returned here once. */
export async function createUser(
  actor: CurrentUser,
  raw: z.input<typeof createUserInputSchema>,
): Promise<ChangeResult<{ userId: string } & IssuedCredential>> {
  assertCan(actor, "manageUsers");
  const parsed = createUserInputSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { credential: kind, ...input } = parsed.data;
  if (!assignableRoles(actor).includes(input.role)) return invalidField("role", t.errors.privilegedRole);
  if (input.departmentId && !(await departmentExists(input.departmentId))) return invalidField("departmentId", t.errors.departmentId);
  const credential = await prepareCredential(kind);
  if (!credential) return invalidField("credential", t.errors.mailOff);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { ...input, passwordHash: credential.passwordHash, mustChangePassword: credential.mustChangePassword },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: actor.id, action: "user.create", entity: "user", entityId: user.id, after: { ...input, active: true } });
      return { ok: true as const, userId: user.id, ...(await credential.issue(tx, { id: user.id, name: input.name, email: input.email }, actor.id)) };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return invalidField("email", t.errors.emailTaken);
    throw error;
  }
}

const adminInputSchema = createUserSchema.pick({ email: true, name: true });

/**
 * `npm run user:create-admin`: an active ADMIN without a password and a set-password link for them,
 * returned here once; audited without an actor (the command line). The way in for a real install,
 * which has no demo accounts.
 */
export async function createAdminFromCommandLine(input: z.input<typeof adminInputSchema>): Promise<ChangeResult<{ userId: string } & IssuedLink>> {
  const parsed = adminInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const fields = { ...parsed.data, role: "ADMIN" as const };
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: fields, select: { id: true } });
      await recordAudit(tx, { actorId: null, action: "user.create", entity: "user", entityId: user.id, after: { ...fields, active: true } });
      return { ok: true as const, userId: user.id, ...(await issuePasswordLink(tx, user.id, null)) };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return invalidField("email", t.errors.emailTaken);
    throw error;
  }
}

/** Changes name, position, department and role; audits only the fields that changed. */
export async function updateUser(actor: CurrentUser, raw: z.input<typeof updateUserSchema>): Promise<ChangeResult<object>> {
  assertCan(actor, "manageUsers");
  const parsed = updateUserSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { userId: id, ...input } = parsed.data;
  if (input.departmentId && !(await departmentExists(input.departmentId))) return invalidField("departmentId", t.errors.departmentId);
  return db.$transaction(async (tx) => {
    const current = await lockUser(tx, id);
    if (!current) return notFound;
    if (!mayManageAccount(actor, current)) return forbidden(t.errors.privilegedAccount);
    if (!assignableRoles(actor).includes(input.role)) return invalidField("role", t.errors.privilegedRole);
    // An admin demoting themselves could leave the portal without an admin.
    if (id === actor.id && input.role !== current.role) return invalidField("role", t.errors.ownRole);

    const changed = (Object.keys(input) as (keyof UserFields)[]).filter((field) => input[field] !== current[field]);
    if (changed.length === 0) return { ok: true } as const;
    await tx.user.update({ where: { id }, data: input });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.update",
      entity: "user",
      entityId: id,
      before: Object.fromEntries(changed.map((field) => [field, current[field]])),
      after: Object.fromEntries(changed.map((field) => [field, input[field]])),
    });
    return { ok: true } as const;
  });
}

/** Deactivates or reactivates a user; a deactivated user is signed out on their next request for good (lib/auth). */
export async function setUserActive(actor: CurrentUser, raw: z.input<typeof setUserActiveSchema>): Promise<ChangeResult<object>> {
  assertCan(actor, "manageUsers");
  const parsed = setUserActiveSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { userId: id, active } = parsed.data;
  if (id === actor.id && !active) return forbidden(t.errors.ownAccount);
  return db.$transaction(async (tx) => {
    const current = await lockUser(tx, id);
    if (!current) return notFound;
    if (!mayManageAccount(actor, current)) return forbidden(t.errors.privilegedAccount);
    if (current.active === active) return { ok: true } as const;
    // A later reactivation must not revive the sessions from before this deactivation.
    await tx.user.update({ where: { id }, data: active ? { active } : { active, credentialsChangedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user.reactivate" : "user.deactivate",
      entity: "user",
      entityId: id,
      before: { active: current.active },
      after: { active },
    });
    return { ok: true } as const;
  });
}

/**
 * Ends the current password and gives a new one-time password or a set-password link,
 * returned here once; voids the user's earlier unused links and lifts a sign-in delay.
 */
export async function resetPassword(actor: CurrentUser, raw: z.input<typeof resetPasswordSchema>): Promise<ChangeResult<IssuedCredential>> {
  assertCan(actor, "manageUsers");
  const parsed = resetPasswordSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { userId: id, credential: kind } = parsed.data;
  const credential = await prepareCredential(kind);
  if (!credential) return invalidField("credential", t.errors.mailOff);
  return db.$transaction(async (tx) => {
    const current = await lockUser(tx, id);
    if (!current) return notFound;
    if (!mayManageAccount(actor, current)) return forbidden(t.errors.privilegedAccount);
    await tx.user.update({
      where: { id },
      data: { passwordHash: credential.passwordHash, mustChangePassword: credential.mustChangePassword, credentialsChangedAt: new Date() },
    });
    // A reset usually follows a lockout: the new password should work at once.
    await tx.loginThrottle.deleteMany({ where: { key: accountKey(current.email) } });
    await voidPasswordLinks(tx, id);
    await recordAudit(tx, { actorId: actor.id, action: "user.password-reset", entity: "user", entityId: id });
    return { ok: true as const, ...(await credential.issue(tx, { id, name: current.name, email: current.email }, actor.id)) };
  });
}
