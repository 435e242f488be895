// A head sees their departments and everything below them, nothing else. Every
// query that returns department data takes its `where` from here.
import "server-only";
import { cache } from "react";
import { db } from "../db";
import { can } from "../access/permissions";
import type { CurrentUser } from "../auth";

export type DepartmentScope = { kind: "all" } | { kind: "subtree"; departmentIds: string[] };

/** Ids of the given departments and all their descendants. */
export async function departmentSubtreeIds(rootIds: string[]): Promise<string[]> {
  if (rootIds.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE subtree AS (
      SELECT "id" FROM "Department" WHERE "id" = ANY(${rootIds}::text[])
      UNION
      SELECT child."id" FROM "Department" child JOIN subtree ON child."parentId" = subtree."id"
    )
    SELECT "id" FROM subtree`;
  return rows.map((row) => row.id);
}

async function computeScope(user: Pick<CurrentUser, "id" | "role">): Promise<DepartmentScope> {
  if (can(user.role, "viewAllDepartments")) return { kind: "all" };
  if (!can(user.role, "viewTeam")) return { kind: "subtree", departmentIds: [] };
  const headed = await db.department.findMany({ where: { headId: user.id }, select: { id: true } });
  return { kind: "subtree", departmentIds: await departmentSubtreeIds(headed.map((d) => d.id)) };
}

/** The departments whose data this user may see (cached per request). */
export const departmentScope = cache(computeScope);

/** A Prisma `where` on Department limited to the scope. */
export function departmentWhere(scope: DepartmentScope) {
  return scope.kind === "all" ? {} : { id: { in: scope.departmentIds } };
}

/** A Prisma `where` on User limited to members of departments in the scope. */
export function memberWhere(scope: DepartmentScope) {
  return scope.kind === "all" ? {} : { departmentId: { in: scope.departmentIds } };
}

export function inScope(scope: DepartmentScope, departmentId: string | null): boolean {
  if (scope.kind === "all") return true;
  return departmentId !== null && scope.departmentIds.includes(departmentId);
}
