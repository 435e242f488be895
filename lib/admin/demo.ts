// Demo mode: the demo seed's accounts and the content heads it gave the published demo
// password (User.demo). While any of them holds a password, every page says so, and an
// admin removes them all at once (the admin area, or `npm run demo:remove`). Demo accounts
// are deactivated and lose their password rather than deleted: like every account, their
// attempts and audit entries stay, and reports count active users only. A head keeps their
// account and loses only the demo password (not one they chose since).
import "server-only";
import { z } from "zod";
import { db, type Tx } from "../db";
import type { CurrentUser } from "../auth";
import type { Prisma } from "../generated/prisma/client";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { messages } from "../i18n";
import { verifyPassword } from "../users/password";
import { voidPasswordLinks } from "../users/password-links";
import { demoPassword } from "../../prisma/demo-users";
import { invalid, type ChangeResult } from "./result";

const t = messages().admin.demo;

/** The users holding a demo password (or who may: a head keeps the mark until the removal checks). */
export const demoWhere = { demo: { not: null }, passwordHash: { not: null } } satisfies Prisma.UserWhereInput;

/** Whether some demo account or demo password remains: every page shows the demo notice. */
export async function demoModeActive() {
  return (await db.user.count({ where: demoWhere })) > 0;
}

/** The accounts the removal acts on, for the admin's confirmation. */
export async function demoAccounts(viewer: CurrentUser) {
  assertCan(viewer, "manageSettings");
  return db.user.findMany({ where: demoWhere, select: { id: true, email: true, name: true, demo: true }, orderBy: { email: "asc" } });
}

export type DemoRemoval = { deactivated: number; passwordsCleared: number };

/** Call in a transaction: the rows are locked, so a password set meanwhile is not lost. */
async function removeLocked(tx: Tx, actorId: string | null, expectedIds: string[] | null): Promise<DemoRemoval | "changed"> {
  const marked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "demo" IS NOT NULL AND "passwordHash" IS NOT NULL ORDER BY "id" FOR UPDATE`;
  const ids = marked.map((row) => row.id);
  if (expectedIds && [...expectedIds].sort().join() !== ids.join()) return "changed";
  const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, active: true, demo: true, passwordHash: true } });
  const now = new Date();
  const result: DemoRemoval = { deactivated: 0, passwordsCleared: 0 };
  for (const user of users) {
    const audit = { actorId, action: "user.demo-remove", entity: "user", entityId: user.id };
    if (user.demo === "ACCOUNT") {
      await tx.user.update({ where: { id: user.id }, data: { active: false, passwordHash: null, mustChangePassword: false, credentialsChangedAt: now } });
      await voidPasswordLinks(tx, user.id);
      await recordAudit(tx, { ...audit, before: { active: user.active }, after: { active: false } });
      result.deactivated++;
    } else if (await verifyPassword(demoPassword, user.passwordHash!)) {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash: null, demo: null, credentialsChangedAt: now } });
      await recordAudit(tx, { ...audit, before: { demo: user.demo }, after: { demo: null } });
      result.passwordsCleared++;
    } else {
      // The head chose their own password since: it stays.
      await tx.user.update({ where: { id: user.id }, data: { demo: null } });
      await recordAudit(tx, { ...audit, before: { demo: user.demo }, after: { demo: null } });
    }
  }
  return result;
}

export const removeDemoSchema = z.object({ userIds: z.array(z.string().max(64), { error: t.errors.changed }).max(1000, { error: t.errors.changed }) });

/**
 * An admin removes the accounts they were shown (`userIds`, from demoAccounts): a different set
 * means something changed since, and nothing is done. Refused while the portal would keep no
 * admin of its own (`npm run user:create-admin` makes one).
 */
export async function removeDemoAccounts(actor: CurrentUser, input: unknown): Promise<ChangeResult<DemoRemoval>> {
  assertCan(actor, "manageSettings");
  const parsed = removeDemoSchema.safeParse(input);
  if (!parsed.success) return invalid({ form: [t.errors.changed] });
  return db.$transaction(async (tx) => {
    const ownAdmins = await tx.user.count({ where: { role: "ADMIN", active: true, OR: [{ demo: null }, { demo: { not: "ACCOUNT" } }] } });
    if (ownAdmins === 0) return invalid({ form: [t.errors.noOwnAdmin] });
    const result = await removeLocked(tx, actor.id, parsed.data.userIds);
    return result === "changed" ? invalid({ form: [t.errors.changed] }) : { ok: true as const, ...result };
  });
}

/** `npm run demo:remove`: everything at once, audited without an actor. */
export async function removeDemo(): Promise<DemoRemoval> {
  return db.$transaction(async (tx) => (await removeLocked(tx, null, null)) as DemoRemoval);
}
