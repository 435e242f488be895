// The outbox as HR reads it: every e-mail the portal made, newest first, a page at a time, with its
// state (sent, waiting, failed with the reason). The bodies and secrets are not shown.
import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { OutboxStatus } from "../generated/prisma/enums";
import { mailSettings } from "../mail/settings";

export const OUTBOX_PAGE_SIZE = 50;

export const outboxQuerySchema = z.object({
  status: z.enum(OutboxStatus).optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

export async function listOutbox(viewer: CurrentUser, query: OutboxQuery) {
  assertCan(viewer, "manageUsers");
  const where = query.status ? { status: query.status } : {};
  const total = await db.outboxMessage.count({ where });
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const messages = await db.outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * OUTBOX_PAGE_SIZE,
    take: OUTBOX_PAGE_SIZE,
    select: { id: true, kind: true, recipient: true, subject: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, sentAt: true, createdAt: true },
  });
  return { mailOn: mailSettings() !== null, messages, total, page, pages };
}
