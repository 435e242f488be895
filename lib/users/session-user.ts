// Which user a session still stands for: the one rule behind getCurrentUser.
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";

/**
 * The session's user while they are active, signed in after their password was last reset or
 * set and after any deactivation (a session without a sign-in time counts as oldest), and this
 * session was not logged out. A token without a session id predates logging out on the server
 * and is refused.
 */
export function sessionUserWhere(userId: string, signedInAt: number | undefined, sessionId: string | undefined): Prisma.UserWhereInput {
  if (!sessionId) return { id: { in: [] } };
  return {
    id: userId,
    active: true,
    OR: [{ credentialsChangedAt: null }, { credentialsChangedAt: { lte: new Date(signedInAt ?? 0) } }],
    revokedSessions: { none: { id: sessionId } },
  };
}

/** Marks a logged-out session as ended until its token expires; drops the marks of expired tokens. */
export async function endSession(sessionId: string, userId: string, expiresAt: Date, now = new Date()) {
  await db.$transaction([
    db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.revokedSession.upsert({ where: { id: sessionId }, create: { id: sessionId, userId, expiresAt }, update: {} }),
  ]);
}
