// Which departments a team view covers: the viewer's scope, optionally narrowed to
// one department of it (with its subtree). Every team view and export starts here,
// so a department id outside the scope is "not found" in all of them alike.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { departmentScope, departmentSubtreeIds, inScope, type DepartmentScope } from "../org/scope";

export type TeamDepartments = {
  scope: DepartmentScope;
  /** Departments whose members the view covers; null means every user (HR and admin, no filter). */
  departmentIds: string[] | null;
  /** The departments the viewer may pick from, in tree order. */
  pickable: { id: string; name: string; parentId: string | null }[];
};

/**
 * The departments a team view covers for `viewer`, narrowed to `departmentId` and its
 * subtree when given. Null when that department does not exist or is outside the scope.
 */
export async function teamDepartments(viewer: CurrentUser, departmentId?: string): Promise<TeamDepartments | null> {
  assertCan(viewer, "viewTeam");
  const scope = await departmentScope(viewer);
  const all = await db.department.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, parentId: true },
  });
  let departmentIds = scope.kind === "all" ? null : scope.departmentIds;
  if (departmentId) {
    if (!inScope(scope, departmentId) || !all.some((department) => department.id === departmentId)) return null;
    departmentIds = await departmentSubtreeIds([departmentId]);
  }
  return { scope, departmentIds, pickable: all.filter((department) => inScope(scope, department.id)) };
}

/** A Prisma `where` on User: active members of the covered departments. */
export function coveredMembersWhere(covered: TeamDepartments) {
  return { active: true, ...(covered.departmentIds ? { departmentId: { in: covered.departmentIds } } : {}) };
}

/** The same condition as SQL on a "User" row aliased `alias`, for raw aggregate queries. */
export function coveredMembersSql(covered: TeamDepartments, alias: string) {
  const user = Prisma.raw(`"${alias}"`);
  return covered.departmentIds
    ? Prisma.sql`${user}."active" AND ${user}."departmentId" = ANY(${covered.departmentIds}::text[])`
    : Prisma.sql`${user}."active"`;
}
