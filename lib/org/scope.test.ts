import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { departmentScope, inScope, memberWhere } from "./scope";
import { listTeamDepartments } from "./team";
import type { CurrentUser } from "../auth";

async function userByEmail(email: string): Promise<CurrentUser> {
  return db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, position: true, role: true, departmentId: true },
  });
}

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;

describe("department scope", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
  });

  it("gives a head their departments and every department below them", async () => {
    const head = await userByEmail("i.zasypkin@company.example");
    const scope = await departmentScope(head);
    const expected = await Promise.all(["sps", "system-engineers", "customer-support"].map(departmentId));
    expect(scope).toEqual({ kind: "subtree", departmentIds: expect.arrayContaining(expected) });
    expect(scope.kind === "subtree" && scope.departmentIds).toHaveLength(3);
  });

  it("keeps a head out of other departments", async () => {
    const head = await userByEmail("a.shikin@company.example");
    const scope = await departmentScope(head);
    expect(inScope(scope, await departmentId("implementation"))).toBe(true);
    expect(inScope(scope, await departmentId("customer-support"))).toBe(false);
    expect(inScope(scope, await departmentId("back-office"))).toBe(false);
    expect(inScope(scope, null)).toBe(false);

    const visible = await db.user.findMany({ where: memberWhere(scope), select: { email: true } });
    expect(visible.map((u) => u.email)).toContain("analyst@demo.local");
    expect(visible.map((u) => u.email)).not.toContain("employee@demo.local");
  });

  it("covers a head of several separate departments", async () => {
    const head = await userByEmail("a.shikin@company.example");
    const original = await db.department.findUniqueOrThrow({ where: { key: "project-office" } });
    await db.department.update({ where: { key: "project-office" }, data: { headId: head.id } });
    try {
      const scope = await departmentScope(head);
      expect(inScope(scope, await departmentId("project-office"))).toBe(true);
      expect(inScope(scope, await departmentId("implementation"))).toBe(true);
      expect(inScope(scope, await departmentId("sales"))).toBe(false);
    } finally {
      await db.department.update({ where: { key: "project-office" }, data: { headId: original.headId } });
    }
  });

  it("gives HR and admins every department", async () => {
    for (const email of ["hr@demo.local", "admin@demo.local"]) {
      const scope = await departmentScope(await userByEmail(email));
      expect(scope).toEqual({ kind: "all" });
      expect(await db.user.count({ where: memberWhere(scope) })).toBe(await db.user.count());
    }
  });

  it("gives an employee no department, even one they belong to", async () => {
    const employee = await userByEmail("employee@demo.local");
    const scope = await departmentScope(employee);
    expect(scope).toEqual({ kind: "subtree", departmentIds: [] });
    expect(inScope(scope, employee.departmentId)).toBe(false);
  });

  it("lists only scoped departments as a team, and refuses employees", async () => {
    const head = await userByEmail("i.zasypkin@company.example");
    const team = await listTeamDepartments(head);
    expect(team.map((d) => [d.name, d.depth])).toEqual([
      ["СПС", 0],
      ["Системные инженеры", 1],
      ["Отдел поддержки клиентов", 1],
    ]);
    const support = team.find((d) => d.name === "Отдел поддержки клиентов");
    expect(support?.memberCount).toBe(await db.user.count({ where: { department: { key: "customer-support" }, active: true } }));
    await expect(listTeamDepartments(await userByEmail("employee@demo.local"))).rejects.toThrow(/Access denied/);
  });
});
