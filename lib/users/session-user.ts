// Which user a session still stands for: the one rule behind getCurrentUser.
import type { Prisma } from "../generated/prisma/client";

/**
 * The session's user while they are active and signed in after their password was last
 * reset or set (a session without a sign-in time predates that claim and counts as oldest).
 */
export function sessionUserWhere(userId: string, signedInAt: number | undefined): Prisma.UserWhereInput {
  return {
    id: userId,
    active: true,
    OR: [{ credentialsChangedAt: null }, { credentialsChangedAt: { lte: new Date(signedInAt ?? 0) } }],
  };
}
