// The audit log as HR and admins read it: newest first, filtered, a page at a time,
// each entry with the fields it changed.
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { z } from "zod";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { companyTimeZone } from "../time-zone";

export const AUDIT_PAGE_SIZE = 50;

/** A text filter from the URL: trimmed, "" or anything malformed means no filter. */
const textFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined)
    .catch(undefined);

/** A company-calendar day from the URL, YYYY-MM-DD. */
const dayFilter = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  .optional()
  .catch(undefined);

export const auditQuerySchema = z.object({
  entity: textFilter(50),
  action: textFilter(100),
  /** A user id: the entries this user made. */
  actor: textFilter(64),
  /** Searched in the entity id, the action, the actor's name and the values before and after. */
  q: textFilter(100),
  from: dayFilter,
  to: dayFilter,
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export type AuditChange = { field: string; before: unknown; after: unknown };

export type AuditEntryView = {
  id: string;
  createdAt: Date;
  actor: { id: string; name: string } | null;
  action: string;
  entity: string;
  entityId: string;
  changes: AuditChange[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The fields whose values differ between before and after (a missing field counts
 * as null); a value that is not an object is one field, "value".
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const fields = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : value == null ? {} : { value });
  const old = fields(before);
  const next = fields(after);
  return [...new Set([...Object.keys(old), ...Object.keys(next)])]
    .map((field) => ({ field, before: old[field] ?? null, after: next[field] ?? null }))
    .filter((change) => !isDeepStrictEqual(change.before, change.after));
}

function dayStart(day: string, timeZone: string) {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(new TZDate(year, month - 1, date, timeZone).getTime());
}

function whereSql(query: AuditQuery, timeZone: string) {
  const conditions = [Prisma.sql`TRUE`];
  if (query.entity) conditions.push(Prisma.sql`a."entity" = ${query.entity}`);
  if (query.action) conditions.push(Prisma.sql`a."action" = ${query.action}`);
  if (query.actor) conditions.push(Prisma.sql`a."actorId" = ${query.actor}`);
  if (query.from) conditions.push(Prisma.sql`a."createdAt" >= ${dayStart(query.from, timeZone)}`);
  if (query.to) conditions.push(Prisma.sql`a."createdAt" < ${addDays(dayStart(query.to, timeZone), 1)}`);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(Prisma.sql`(a."entityId" ILIKE ${pattern} OR a."action" ILIKE ${pattern} OR u."name" ILIKE ${pattern}
      OR a."before"::text ILIKE ${pattern} OR a."after"::text ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}

type Row = {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

/** A page of the log with its total, and the entities, actions and actors the filters may choose from. */
export async function listAuditEntries(viewer: CurrentUser, query: AuditQuery, timeZone = companyTimeZone()) {
  assertCan(viewer, "manageUsers");
  const where = whereSql(query, timeZone);
  const [{ total }] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS "total" FROM "AuditLog" a LEFT JOIN "User" u ON u."id" = a."actorId" WHERE ${where}`;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const [rows, entities, actions, actors] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT a."id", a."createdAt", a."actorId", u."name" AS "actorName", a."action", a."entity", a."entityId", a."before", a."after"
      FROM "AuditLog" a LEFT JOIN "User" u ON u."id" = a."actorId"
      WHERE ${where}
      ORDER BY a."createdAt" DESC, a."id" DESC
      LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(page - 1) * AUDIT_PAGE_SIZE}`,
    db.auditLog.findMany({ distinct: ["entity"], select: { entity: true }, orderBy: { entity: "asc" } }),
    db.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.user.findMany({ where: { auditEntries: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const entries: AuditEntryView[] = rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    changes: auditChanges(row.before, row.after),
  }));
  return {
    entries,
    total,
    page,
    pages,
    entities: entities.map((row) => row.entity),
    actions: actions.map((row) => row.action),
    actors,
  };
}
