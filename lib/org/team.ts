import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { departmentScope, departmentWhere } from "./scope";

export type TeamDepartment = { id: string; name: string; depth: number; memberCount: number };

type Row = { id: string; name: string; parentId: string | null; position: number; memberCount: number };

/** Depth-first, children by position: the order of the department tree. */
function treeOrder(rows: Row[]): TeamDepartment[] {
  const ids = new Set(rows.map((row) => row.id));
  const childrenOf = (parentId: string | null) =>
    rows
      .filter((row) => (parentId === null ? row.parentId === null || !ids.has(row.parentId) : row.parentId === parentId))
      .sort((a, b) => a.position - b.position);
  const ordered: TeamDepartment[] = [];
  const visit = (row: Row, depth: number) => {
    ordered.push({ id: row.id, name: row.name, depth, memberCount: row.memberCount });
    for (const child of childrenOf(row.id)) visit(child, depth + 1);
  };
  for (const root of childrenOf(null)) visit(root, 0);
  return ordered;
}

/** The departments the user may see as a team, in tree order, with their member counts. */
export async function listTeamDepartments(user: CurrentUser): Promise<TeamDepartment[]> {
  assertCan(user, "viewTeam");
  const scope = await departmentScope(user);
  const departments = await db.department.findMany({
    where: departmentWhere(scope),
    select: {
      id: true,
      name: true,
      parentId: true,
      position: true,
      _count: { select: { members: { where: { active: true } } } },
    },
  });
  return treeOrder(departments.map(({ _count, ...row }) => ({ ...row, memberCount: _count.members })));
}
