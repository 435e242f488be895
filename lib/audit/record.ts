// The audit trail: every change HR or an admin makes is recorded in the same
// transaction as the change, with who, what and the values before and after.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";

export type AuditEntry = {
  /** The user who made the change; null for the command line. */
  actorId: string | null;
  /** What happened, as `<entity>.<verb>`, e.g. `user.create`, `department.move`. */
  action: string;
  entity: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

export async function recordAudit(tx: Tx, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}
