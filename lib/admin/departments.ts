// HR's editing of the department tree: add, rename, move, set the head, delete.
// Every change is one transaction together with its audit entry, and every
// refusal is a message for the form field it concerns.
import "server-only";
import { z } from "zod";
import { db, type Tx } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { messages } from "../i18n";
import { done, invalid, notFound } from "./result";
import { lockedChanges } from "./change";
import { createDepartmentSchema, deleteDepartmentSchema, moveDepartmentSchema, renameDepartmentSchema, setDepartmentHeadSchema } from "./departments.schema";
import { firstFreeKey, latinKeyFrom } from "./keys";

const t = () => messages().admin.departments.errors;

const change = lockedChanges("manageUsers");


/** How the audit names a related row: its id and, for a human reader, its name at the time. */
const reference = { select: { id: true, name: true } } as const;

/** A key from a name: «Отдел продаж» → "otdel-prodazh"; a name with no letter or digit to keep → "department". */
export function departmentKeyFrom(name: string) {
  return latinKeyFrom(name, "department");
}

/** The key, or the first of key-2, key-3… that no department has yet. */
async function unusedKey(tx: Tx, key: string) {
  const rows = await tx.department.findMany({ where: { key: { startsWith: key } }, select: { key: true } });
  return firstFreeKey(key, rows.map((row) => row.key));
}

/** The position after the last child of the parent (or root). */
async function nextPosition(tx: Tx, parentId: string | null) {
  const { _max } = await tx.department.aggregate({ where: { parentId }, _max: { position: true } });
  return (_max.position ?? -1) + 1;
}

/** The department's id and the ids of all departments above it. */
async function selfAndAncestorIds(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain AS (
      SELECT "id", "parentId" FROM "Department" WHERE "id" = ${id}
      UNION
      SELECT parent."id", parent."parentId" FROM "Department" parent JOIN chain ON parent."id" = chain."parentId"
    )
    SELECT "id" FROM chain`;
  return rows.map((row) => row.id);
}

export function createDepartment(actor: CurrentUser, input: z.input<typeof createDepartmentSchema>) {
  return change(actor, createDepartmentSchema, input, async (tx, { name, parentId, key }) => {
    const parent = parentId ? await tx.department.findUnique({ where: { id: parentId }, ...reference }) : null;
    if (parentId && !parent) return invalid({ parentId: [t().parentMissing] });
    if (key && (await tx.department.findUnique({ where: { key } }))) return invalid({ key: [t().keyTaken] });
    const created = await tx.department.create({
      data: {
        name,
        parentId,
        key: key ?? (await unusedKey(tx, departmentKeyFrom(name))),
        position: await nextPosition(tx, parentId),
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "department.create",
      entity: "department",
      entityId: created.id,
      after: { key: created.key, name, parent },
    });
    return done(created.id);
  });
}

export function renameDepartment(actor: CurrentUser, input: z.input<typeof renameDepartmentSchema>) {
  return change(actor, renameDepartmentSchema, input, async (tx, { id, name }) => {
    const current = await tx.department.findUnique({ where: { id }, select: { name: true } });
    if (!current) return notFound;
    if (current.name === name) return done(id);
    await tx.department.update({ where: { id }, data: { name } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "department.rename",
      entity: "department",
      entityId: id,
      before: { name: current.name },
      after: { name },
    });
    return done(id);
  });
}

/** Moves a department (with its subtree) under another one, or to the top level; never under itself or its own subtree. */
export function moveDepartment(actor: CurrentUser, input: z.input<typeof moveDepartmentSchema>) {
  return change(actor, moveDepartmentSchema, input, async (tx, { id, parentId }) => {
    const current = await tx.department.findUnique({ where: { id }, select: { parent: reference } });
    if (!current) return notFound;
    if ((current.parent?.id ?? null) === parentId) return done(id);
    if (parentId === id) return invalid({ parentId: [t().moveIntoItself] });
    const parent = parentId ? await tx.department.findUnique({ where: { id: parentId }, ...reference }) : null;
    if (parentId && !parent) return invalid({ parentId: [t().parentMissing] });
    if (parentId && (await selfAndAncestorIds(tx, parentId)).includes(id)) return invalid({ parentId: [t().moveIntoDescendant] });
    await tx.department.update({ where: { id }, data: { parentId, position: await nextPosition(tx, parentId) } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "department.move",
      entity: "department",
      entityId: id,
      before: { parent: current.parent },
      after: { parent },
    });
    return done(id);
  });
}

/** Sets the department's head (an active user) or, with null, leaves it without one. Roles are not changed here. */
export function setDepartmentHead(actor: CurrentUser, input: z.input<typeof setDepartmentHeadSchema>) {
  return change(actor, setDepartmentHeadSchema, input, async (tx, { id, headId }) => {
    const current = await tx.department.findUnique({ where: { id }, select: { head: reference } });
    if (!current) return notFound;
    if ((current.head?.id ?? null) === headId) return done(id);
    const head = headId ? await tx.user.findFirst({ where: { id: headId, active: true }, ...reference }) : null;
    if (headId && !head) return invalid({ headId: [t().headInactive] });
    await tx.department.update({ where: { id }, data: { headId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "department.head",
      entity: "department",
      entityId: id,
      before: { head: current.head },
      after: { head },
    });
    return done(id);
  });
}

/**
 * Deletes an empty department. Refused while it has members (active or not),
 * child departments or exam assignments: the database would otherwise silently
 * unassign the members and drop the assignments.
 */
export function deleteDepartment(actor: CurrentUser, input: z.input<typeof deleteDepartmentSchema>) {
  return change(actor, deleteDepartmentSchema, input, async (tx, { id }) => {
    // Locks the row: a member or an assignment being added meanwhile waits for
    // this transaction and then fails on its foreign key, so the counts below hold.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Department" WHERE "id" = ${id} FOR UPDATE`;
    if (locked.length === 0) return notFound;
    const current = await tx.department.findUniqueOrThrow({
      where: { id },
      select: {
        key: true,
        name: true,
        parent: reference,
        head: reference,
        _count: { select: { members: true, children: true, assignments: true } },
      },
    });
    const { members, children, assignments } = current._count;
    const reasons = [
      members > 0 && t().hasMembers(members),
      children > 0 && t().hasChildren(children),
      assignments > 0 && t().hasAssignments(assignments),
    ].filter((reason) => reason !== false);
    if (reasons.length > 0) return invalid({ id: reasons });
    await tx.department.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "department.delete",
      entity: "department",
      entityId: id,
      before: { key: current.key, name: current.name, parent: current.parent, head: current.head },
    });
    return done(id);
  });
}

export type DepartmentNode = {
  id: string;
  name: string;
  parentId: string | null;
  head: { id: string; name: string } | null;
  /** Active members; deactivated ones are counted apart (they too keep a department from being deleted). */
  memberCount: number;
  inactiveMemberCount: number;
  children: DepartmentNode[];
};

/** The whole tree, children in order, with heads and member counts. */
export async function listDepartmentTree(viewer: CurrentUser): Promise<DepartmentNode[]> {
  assertCan(viewer, "manageUsers");
  const [departments, counts] = await Promise.all([
    db.department.findMany({
      select: { id: true, name: true, parentId: true, head: reference },
      orderBy: [{ position: "asc" }, { name: "asc" }],
    }),
    db.user.groupBy({ by: ["departmentId", "active"], where: { departmentId: { not: null } }, _count: { _all: true } }),
  ]);
  const count = (id: string, active: boolean) =>
    counts.find((row) => row.departmentId === id && row.active === active)?._count._all ?? 0;
  const nodes = new Map<string, DepartmentNode>(
    departments.map((department) => [
      department.id,
      { ...department, memberCount: count(department.id, true), inactiveMemberCount: count(department.id, false), children: [] },
    ]),
  );
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export type HeadCandidate = { id: string; name: string; position: string };

/** The users who may be made a head: the active ones, by name. */
export async function listHeadCandidates(viewer: CurrentUser): Promise<HeadCandidate[]> {
  assertCan(viewer, "manageUsers");
  return db.user.findMany({ where: { active: true }, select: { id: true, name: true, position: true }, orderBy: { name: "asc" } });
}
