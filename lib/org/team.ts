import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { departmentScope, departmentWhere } from "./scope";

export type TeamDepartment = { id: string; name: string; parentId: string | null; memberCount: number };

/** The departments the user may see as a team, with their member counts. */
export async function listTeamDepartments(user: CurrentUser): Promise<TeamDepartment[]> {
  assertCan(user, "viewTeam");
  const scope = await departmentScope(user);
  const departments = await db.department.findMany({
    where: departmentWhere(scope),
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }],
    select: { id: true, name: true, parentId: true, _count: { select: { members: { where: { active: true } } } } },
  });
  return departments.map(({ _count, ...department }) => ({ ...department, memberCount: _count.members }));
}
