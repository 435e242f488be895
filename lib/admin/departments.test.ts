import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { lockContent } from "../content/lock";
import { createExam, seedPortal } from "../testing/fixtures";
import {
  createDepartment,
  deleteDepartment,
  departmentKeyFrom,
  listDepartmentTree,
  listHeadCandidates,
  moveDepartment,
  renameDepartment,
  setDepartmentHead,
  type DepartmentNode,
} from "./departments";
import type { DepartmentResult } from "./departments.schema";

const t = messages().admin.departments.errors;

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;

/** The id of a change that must have succeeded. */
function succeeded(result: DepartmentResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.id;
}

/** The whole tree and the audit log: what a refused change must leave as it was. */
async function snapshot() {
  return {
    departments: await db.department.findMany({
      select: { id: true, key: true, name: true, parentId: true, headId: true, position: true },
      orderBy: { id: "asc" },
    }),
    audit: await db.auditLog.count(),
  };
}

const auditOf = (entityId: string) =>
  db.auditLog.findMany({
    where: { entity: "department", entityId },
    select: { actorId: true, action: true, entity: true, entityId: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

const ref = async (id: string) => db.department.findUniqueOrThrow({ where: { id }, select: { id: true, name: true } });

let count = 0;
/** A new department for one test, made directly in the database. */
async function department(parentId: string | null, fields: { name?: string } = {}) {
  count++;
  return db.department.create({ data: { key: `test-${count}`, name: fields.name ?? `Тестовый отдел ${count}`, parentId } });
}

describe("department tree editing", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;
  let employee: CurrentUser;
  let head: CurrentUser;
  let backOffice: string;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
    employee = await viewer("employee@demo.local");
    head = await viewer("i.zasypkin@company.example");
    backOffice = await departmentId("back-office");
  });

  describe("create", () => {
    it("adds a department at the end of its parent's children, with a key from its name, and audits it", async () => {
      const sales = await departmentId("sales");
      await department(sales);
      const lastPosition = (await db.department.aggregate({ where: { parentId: sales }, _max: { position: true } }))._max.position!;

      const id = succeeded(await createDepartment(hr, { name: "  Отдел качества ", parentId: sales }));

      expect(await db.department.findUniqueOrThrow({ where: { id } })).toMatchObject({
        key: "otdel-kachestva",
        name: "Отдел качества",
        parentId: sales,
        headId: null,
        position: lastPosition + 1,
      });
      expect(await auditOf(id)).toEqual([
        {
          actorId: hr.id,
          action: "department.create",
          entity: "department",
          entityId: id,
          before: null,
          after: { key: "otdel-kachestva", name: "Отдел качества", parent: { id: sales, name: "Отдел продаж" } },
        },
      ]);
    });

    it("makes the generated key unique, takes a given key, and creates at the top level for an empty parent", async () => {
      const first = succeeded(await createDepartment(admin, { name: "Склад", parentId: "" }));
      const second = succeeded(await createDepartment(admin, { name: "Склад", parentId: null }));
      const third = succeeded(await createDepartment(admin, { name: "Склад", parentId: backOffice, key: "warehouse" }));
      const keys = await db.department.findMany({ where: { id: { in: [first, second, third] } }, select: { id: true, key: true, parentId: true } });
      expect(keys.toSorted((a, b) => a.key.localeCompare(b.key))).toEqual([
        { id: first, key: "sklad", parentId: null },
        { id: second, key: "sklad-2", parentId: null },
        { id: third, key: "warehouse", parentId: backOffice },
      ]);
    });

    it("refuses a taken or malformed key, an unknown parent, and a bad name, writing nothing", async () => {
      const before = await snapshot();
      expect(await createDepartment(hr, { name: "Отдел", parentId: null, key: "sps" })).toEqual({
        ok: false,
        error: "invalid",
        fieldErrors: { key: [t.keyTaken] },
      });
      expect(await createDepartment(hr, { name: "Отдел", parentId: null, key: "Отдел 1" })).toEqual({
        ok: false,
        error: "invalid",
        fieldErrors: { key: [t.keyInvalid] },
      });
      expect(await createDepartment(hr, { name: "Отдел", parentId: "no-such-department" })).toEqual({
        ok: false,
        error: "invalid",
        fieldErrors: { parentId: [t.parentMissing] },
      });
      for (const name of ["", "   "]) {
        expect(await createDepartment(hr, { name, parentId: null })).toEqual({ ok: false, error: "invalid", fieldErrors: { name: [t.nameRequired] } });
      }
      expect(await createDepartment(hr, { name: "о".repeat(101), parentId: null })).toEqual({
        ok: false,
        error: "invalid",
        fieldErrors: { name: [t.nameTooLong(100)] },
      });
      expect(await snapshot()).toEqual(before);
    });

    it("derives keys from Russian names", () => {
      expect(departmentKeyFrom("Отдел продаж")).toBe("otdel-prodazh");
      expect(departmentKeyFrom("Щука & Ёжик — IT 2")).toBe("shchuka-ezhik-it-2");
      expect(departmentKeyFrom(" «!» ")).toBe("department");
    });
  });

  describe("rename", () => {
    it("renames and audits the names before and after; the same name again changes and records nothing", async () => {
      const { id } = await department(backOffice, { name: "Старое имя" });
      succeeded(await renameDepartment(hr, { id, name: " Новое имя " }));
      succeeded(await renameDepartment(hr, { id, name: "Новое имя" }));

      expect((await db.department.findUniqueOrThrow({ where: { id } })).name).toBe("Новое имя");
      expect(await auditOf(id)).toEqual([
        { actorId: hr.id, action: "department.rename", entity: "department", entityId: id, before: { name: "Старое имя" }, after: { name: "Новое имя" } },
      ]);
    });

    it("refuses an empty or too long name next to the field, and an unknown department as not found", async () => {
      const { id } = await department(backOffice);
      const before = await snapshot();
      expect(await renameDepartment(hr, { id, name: " " })).toEqual({ ok: false, error: "invalid", fieldErrors: { name: [t.nameRequired] } });
      expect(await renameDepartment(hr, { id, name: "x".repeat(101) })).toEqual({
        ok: false,
        error: "invalid",
        fieldErrors: { name: [t.nameTooLong(100)] },
      });
      expect(await renameDepartment(hr, { id: "", name: "Имя" })).toEqual({ ok: false, error: "invalid", fieldErrors: { id: [t.departmentMissing] } });
      expect(await renameDepartment(hr, { id: "no-such-department", name: "Имя" })).toEqual({ ok: false, error: "not-found" });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("move", () => {
    it("moves a department with its subtree under another one, then to the top level, auditing the parents", async () => {
      const from = await department(backOffice);
      const to = await department(backOffice);
      const moved = await department(from.id);
      const child = await department(moved.id);

      succeeded(await moveDepartment(hr, { id: moved.id, parentId: to.id }));
      expect(await db.department.findUniqueOrThrow({ where: { id: moved.id } })).toMatchObject({ parentId: to.id, position: 0 });
      expect((await db.department.findUniqueOrThrow({ where: { id: child.id } })).parentId).toBe(moved.id);

      succeeded(await moveDepartment(hr, { id: moved.id, parentId: "" }));
      expect((await db.department.findUniqueOrThrow({ where: { id: moved.id } })).parentId).toBeNull();

      expect(await auditOf(moved.id)).toEqual([
        { actorId: hr.id, action: "department.move", entity: "department", entityId: moved.id, before: { parent: await ref(from.id) }, after: { parent: await ref(to.id) } },
        { actorId: hr.id, action: "department.move", entity: "department", entityId: moved.id, before: { parent: await ref(to.id) }, after: { parent: null } },
      ]);
    });

    it("refuses a move under the department itself or anything below it, changing nothing", async () => {
      const top = await department(backOffice);
      const child = await department(top.id);
      const grandchild = await department(child.id);
      const before = await snapshot();

      expect(await moveDepartment(hr, { id: top.id, parentId: top.id })).toEqual({
        ok: false,
        error: "invalid",
        fieldErrors: { parentId: [t.moveIntoItself] },
      });
      for (const below of [child.id, grandchild.id]) {
        expect(await moveDepartment(hr, { id: top.id, parentId: below })).toEqual({
          ok: false,
          error: "invalid",
          fieldErrors: { parentId: [t.moveIntoDescendant] },
        });
      }
      expect(await moveDepartment(hr, { id: child.id, parentId: grandchild.id })).toMatchObject({ fieldErrors: { parentId: [t.moveIntoDescendant] } });
      expect(await moveDepartment(hr, { id: top.id, parentId: "no-such-department" })).toMatchObject({ fieldErrors: { parentId: [t.parentMissing] } });
      expect(await moveDepartment(hr, { id: "no-such-department", parentId: top.id })).toEqual({ ok: false, error: "not-found" });
      expect(await snapshot()).toEqual(before);
    });

    it("waits for another writer of the tree, then refuses the move that would close a cycle", async () => {
      const a = await department(backOffice);
      const b = await department(backOffice);
      let move: Promise<DepartmentResult> | undefined;

      // Another writer (a move, a content import) puts A under B and has not committed yet.
      await db.$transaction(async (tx) => {
        await lockContent(tx);
        await tx.department.update({ where: { id: a.id }, data: { parentId: b.id } });
        move = moveDepartment(hr, { id: b.id, parentId: a.id });
        await new Promise((resolve) => setTimeout(resolve, 300));
      });

      expect(await move).toEqual({ ok: false, error: "invalid", fieldErrors: { parentId: [t.moveIntoDescendant] } });
      expect((await db.department.findUniqueOrThrow({ where: { id: b.id } })).parentId).toBe(backOffice);
    });
  });

  describe("head", () => {
    it("sets and clears the head, auditing who it was before and after", async () => {
      const { id } = await department(backOffice);
      succeeded(await setDepartmentHead(hr, { id, headId: employee.id }));
      expect((await db.department.findUniqueOrThrow({ where: { id } })).headId).toBe(employee.id);
      succeeded(await setDepartmentHead(hr, { id, headId: "" }));
      expect((await db.department.findUniqueOrThrow({ where: { id } })).headId).toBeNull();

      const person = { id: employee.id, name: employee.name };
      expect(await auditOf(id)).toEqual([
        { actorId: hr.id, action: "department.head", entity: "department", entityId: id, before: { head: null }, after: { head: person } },
        { actorId: hr.id, action: "department.head", entity: "department", entityId: id, before: { head: person }, after: { head: null } },
      ]);
    });

    it("refuses a deactivated or unknown user as head", async () => {
      const { id } = await department(backOffice);
      const former = await db.user.create({ data: { email: "former-head@company.example", name: "Уволенный Пётр", active: false } });
      const before = await snapshot();
      for (const headId of [former.id, "no-such-user"]) {
        expect(await setDepartmentHead(hr, { id, headId })).toEqual({ ok: false, error: "invalid", fieldErrors: { headId: [t.headInactive] } });
      }
      expect(await setDepartmentHead(hr, { id: "no-such-department", headId: employee.id })).toEqual({ ok: false, error: "not-found" });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("delete", () => {
    it("deletes an empty department and audits what it was", async () => {
      const parent = await department(backOffice);
      const { id, key } = await department(parent.id, { name: "Пустой отдел" });
      await db.department.update({ where: { id }, data: { headId: employee.id } });

      succeeded(await deleteDepartment(hr, { id }));

      expect(await db.department.findUnique({ where: { id } })).toBeNull();
      expect(await auditOf(id)).toEqual([
        {
          actorId: hr.id,
          action: "department.delete",
          entity: "department",
          entityId: id,
          before: { key, name: "Пустой отдел", parent: await ref(parent.id), head: { id: employee.id, name: employee.name } },
          after: null,
        },
      ]);
      expect(await deleteDepartment(hr, { id })).toEqual({ ok: false, error: "not-found" });
    });

    it("refuses while the department has members, active or not, changing nothing", async () => {
      const withActive = await department(backOffice);
      const withInactive = await department(backOffice);
      await db.user.create({ data: { email: "member-active@company.example", name: "Активный", departmentId: withActive.id } });
      await db.user.createMany({
        data: [1, 2].map((n) => ({ email: `member-inactive-${n}@company.example`, name: `Бывший ${n}`, departmentId: withInactive.id, active: false })),
      });
      const before = await snapshot();

      expect(await deleteDepartment(hr, { id: withActive.id })).toEqual({ ok: false, error: "invalid", fieldErrors: { id: [t.hasMembers(1)] } });
      expect(await deleteDepartment(hr, { id: withInactive.id })).toEqual({ ok: false, error: "invalid", fieldErrors: { id: [t.hasMembers(2)] } });
      expect(await snapshot()).toEqual(before);
      expect(await db.user.count({ where: { departmentId: { in: [withActive.id, withInactive.id] } } })).toBe(3);
    });

    it("refuses while the department has child departments or exam assignments, naming each reason", async () => {
      const parent = await department(backOffice);
      await department(parent.id);
      const assigned = await department(backOffice);
      await createExam({ assignTo: { department: assigned.key } });
      await createExam({ assignTo: { department: parent.key } });
      const before = await snapshot();

      expect(await deleteDepartment(hr, { id: assigned.id })).toEqual({ ok: false, error: "invalid", fieldErrors: { id: [t.hasAssignments(1)] } });
      expect(await deleteDepartment(hr, { id: parent.id })).toEqual({
        ok: false,
        error: "invalid",
        fieldErrors: { id: [t.hasChildren(1), t.hasAssignments(1)] },
      });
      expect(await snapshot()).toEqual(before);
      expect(await db.assignment.count({ where: { departmentId: { in: [assigned.id, parent.id] } } })).toBe(2);
    });
  });

  describe("reading the tree", () => {
    it("nests the departments in order, with heads and active and deactivated members counted apart", async () => {
      const { id } = await department(await departmentId("customer-support"), { name: "Группа чата" });
      await db.user.create({ data: { email: "chat-former@company.example", name: "Бывший чата", departmentId: id, active: false } });

      const find = (nodes: DepartmentNode[], key: string): DepartmentNode | undefined =>
        nodes.map((node) => (node.id === key ? node : find(node.children, key))).find(Boolean);
      const roots = await listDepartmentTree(hr);
      const sps = find(roots, await departmentId("sps"))!;
      expect(sps.head?.name).toBe("Засыпкин Иван Владимирович");
      expect(sps.children.map((child) => child.name)).toEqual(["Системные инженеры", "Отдел поддержки клиентов"]);
      const support = sps.children[1];
      expect(support.memberCount).toBe(await db.user.count({ where: { departmentId: support.id, active: true } }));
      expect(support.memberCount).toBeGreaterThan(0);
      expect(support.children).toEqual([
        { id, name: "Группа чата", parentId: support.id, head: null, memberCount: 0, inactiveMemberCount: 1, children: [] },
      ]);
      expect(roots.map((root) => root.name)).toContain("Бэк-офис");
    });

    it("offers only active users as heads", async () => {
      const candidates = await listHeadCandidates(hr);
      expect(candidates.map((candidate) => candidate.name)).toContain(employee.name);
      expect(candidates.map((candidate) => candidate.name)).not.toContain("Бывший чата");
    });
  });

  it("refuses employees and heads everything, before looking at the input", async () => {
    const { id } = await department(backOffice);
    const before = await snapshot();
    for (const who of [employee, head]) {
      await expect(listDepartmentTree(who)).rejects.toThrow(AccessDenied);
      await expect(listHeadCandidates(who)).rejects.toThrow(AccessDenied);
      await expect(createDepartment(who, { name: "Захват", parentId: null })).rejects.toThrow(AccessDenied);
      await expect(renameDepartment(who, { id, name: "Захват" })).rejects.toThrow(AccessDenied);
      await expect(moveDepartment(who, { id, parentId: null })).rejects.toThrow(AccessDenied);
      await expect(setDepartmentHead(who, { id, headId: who.id })).rejects.toThrow(AccessDenied);
      await expect(deleteDepartment(who, { id })).rejects.toThrow(AccessDenied);
      await expect(renameDepartment(who, { id, name: "" })).rejects.toThrow(AccessDenied);
    }
    expect(await snapshot()).toEqual(before);
  });
});
