// One-time links to set one's own password, the alternative to a one-time password
// when HR creates a user or resets a password. The random token exists only in the
// link shown once to HR; the database keeps its SHA-256, so a leaked table or backup
// opens no account. A link works once, until it expires, for an active account.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "../db";
import { recordAudit } from "../audit/record";
import { accountKey } from "./login-throttle";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./password-rules";

export const PASSWORD_LINK_LIFETIME_MS = 72 * 60 * 60_000;

/** 32 random bytes in base64url. */
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export const setPasswordPath = (token: string) => `/set-password/${token}`;

export type IssuedLink = { path: string; expiresAt: Date };

/** Deletes the user's unused links (a used one stays, so its page can say so). */
export async function voidPasswordLinks(tx: Tx, userId: string) {
  await tx.passwordLink.deleteMany({ where: { userId, usedAt: null } });
}

/**
 * A new link for the user, audited without its token; the caller voids the user's earlier links in the same
 * transaction. The actor is null for the command line.
 */
export async function issuePasswordLink(tx: Tx, userId: string, actorId: string | null, now = new Date()): Promise<IssuedLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS);
  await tx.passwordLink.create({ data: { tokenHash: hashOf(token), userId, createdById: actorId, expiresAt } });
  await recordAudit(tx, { actorId, action: "user.password-link", entity: "user", entityId: userId, after: { expiresAt: expiresAt.toISOString() } });
  return { path: setPasswordPath(token), expiresAt };
}

export type LinkProblem = "unknown" | "expired" | "used" | "inactive";
export type PasswordLinkState = { status: "valid"; name: string; email: string } | { status: LinkProblem };

type StoredLink = { usedAt: Date | null; expiresAt: Date; user: { name: string; email: string; active: boolean } } | null;

function problemOf(link: StoredLink, now: Date): LinkProblem | null {
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  if (link.expiresAt <= now) return "expired";
  if (!link.user.active) return "inactive";
  return null;
}

const linkSelect = { usedAt: true, expiresAt: true, user: { select: { name: true, email: true, active: true } } } as const;

/** What the set-password page may offer for this token: a form for whom, or why not. */
export async function passwordLinkState(token: string, now = new Date()): Promise<PasswordLinkState> {
  if (!tokenSchema.safeParse(token).success) return { status: "unknown" };
  const link = await db.passwordLink.findUnique({ where: { tokenHash: hashOf(token) }, select: linkSelect });
  const problem = problemOf(link, now);
  if (problem || !link) return { status: problem ?? "unknown" };
  return { status: "valid", name: link.user.name, email: link.user.email };
}

export const setPasswordSchema = newPasswordSchema.and(z.object({ token: z.string() }));

export type SetPasswordResult =
  | { status: "done" }
  | { status: "invalid"; fieldErrors: Partial<Record<"password" | "confirmation", string[]>> }
  | { status: LinkProblem };

/**
 * Sets the password of the link's user and uses the link up, exactly once: the link
 * is consumed by a conditional update, so of two simultaneous submissions one wins
 * and the other is told the link was used. Lifts a sign-in delay as a reset does,
 * voids the user's other unused links, and is audited as the user's own act.
 */
export async function setPasswordWithLink(input: z.input<typeof setPasswordSchema>, now = new Date()): Promise<SetPasswordResult> {
  const parsed = setPasswordSchema.safeParse(input);
  if (!parsed.success) {
    const { password, confirmation } = z.flattenError(parsed.error).fieldErrors;
    return { status: "invalid", fieldErrors: { password, confirmation } };
  }
  const { token, password } = parsed.data;
  const before = await passwordLinkState(token, now);
  if (before.status !== "valid") return before;
  const passwordHash = await hashPassword(password);
  const tokenHash = hashOf(token);
  return db.$transaction(async (tx) => {
    const link = await tx.passwordLink.findUnique({ where: { tokenHash }, select: { id: true, userId: true } });
    if (!link) return { status: "unknown" } as const;
    // Locked as HR's changes lock it, so a deactivation cannot slip in between.
    const [user] = await tx.$queryRaw<{ email: string; active: boolean }[]>`
      SELECT "email", "active" FROM "User" WHERE "id" = ${link.userId} FOR UPDATE`;
    if (!user.active) return { status: "inactive" } as const;
    const consumed = await tx.passwordLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    // Used, expired or voided since the check above.
    if (consumed.count === 0) return { status: problemOf(await tx.passwordLink.findUnique({ where: { tokenHash }, select: linkSelect }), now) ?? "used" };
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash, mustChangePassword: false, credentialsChangedAt: now } });
    await tx.loginThrottle.deleteMany({ where: { key: accountKey(user.email) } });
    await voidPasswordLinks(tx, link.userId);
    await recordAudit(tx, { actorId: link.userId, action: "user.password-set", entity: "user", entityId: link.userId });
    return { status: "done" } as const;
  });
}
