import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { seedPortal } from "../testing/fixtures";
import { AUDIT_PAGE_SIZE, auditChanges, auditQuerySchema, listAuditEntries } from "./audit";
import { createDepartment, renameDepartment } from "./departments";

const ZONE = "Europe/Moscow";

/** The log as the page would read it for these URL parameters. */
const list = (who: CurrentUser, params: Record<string, string> = {}) => listAuditEntries(who, auditQuerySchema.parse(params), ZONE);

const idsOf = (entries: { entityId: string }[]) => entries.map((entry) => entry.entityId);

describe("the audit log", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    await db.auditLog.deleteMany();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
    // 60 user entries by the admin, one a minute on 2026-12-01 from 09:00 UTC (12:00 in Moscow): user-00 … user-59.
    await db.auditLog.createMany({
      data: Array.from({ length: 60 }, (_, n) => ({
        actorId: admin.id,
        action: n % 2 ? "user.update" : "user.create",
        entity: "user",
        entityId: `user-${String(n).padStart(2, "0")}`,
        after: { note: `запись ${n}` },
        createdAt: new Date(Date.UTC(2026, 11, 1, 9, n)),
      })),
    });
    // One from the command line, late on 2026-12-01 UTC but already 2026-12-02 in Moscow.
    await db.auditLog.create({
      data: { actorId: null, action: "content.import", entity: "content", entityId: "content", after: { created: 3 }, createdAt: new Date("2026-12-01T22:30:00Z") },
    });
  });

  it("lists the newest first, fifty a page, with the actor's name and the changed fields", async () => {
    const first = await list(hr);
    expect(first).toMatchObject({ total: 61, page: 1, pages: 2 });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]).toMatchObject({ entity: "content", actor: null, changes: [{ field: "created", before: null, after: 3 }] });
    expect(first.entries[1]).toMatchObject({
      action: "user.update",
      entityId: "user-59",
      actor: { id: admin.id, name: admin.name },
      createdAt: new Date(Date.UTC(2026, 11, 1, 9, 59)),
      changes: [{ field: "note", before: null, after: "запись 59" }],
    });

    const second = await list(hr, { page: "2" });
    expect(second).toMatchObject({ total: 61, page: 2, pages: 2 });
    expect(idsOf(second.entries)).toEqual(Array.from({ length: 11 }, (_, n) => `user-${String(10 - n).padStart(2, "0")}`));
    expect((await list(hr, { page: "9" })).page).toBe(2);
  });

  it("filters by entity, action, actor, company-calendar days and free text", async () => {
    expect((await list(hr, { entity: "content" })).total).toBe(1);
    expect((await list(hr, { action: "user.update" })).total).toBe(30);
    expect((await list(hr, { actor: admin.id, action: "user.create" })).total).toBe(30);
    expect((await list(hr, { actor: hr.id })).total).toBe(0);

    expect(idsOf((await list(hr, { from: "2026-12-02" })).entries)).toEqual(["content"]);
    expect((await list(hr, { to: "2026-12-01" })).total).toBe(60);
    expect((await list(hr, { from: "2026-12-01", to: "2026-12-01" })).total).toBe(60);

    expect(idsOf((await list(hr, { q: "user-4" })).entries)).toEqual(Array.from({ length: 10 }, (_, n) => `user-${49 - n}`));
    expect(idsOf((await list(hr, { q: "запись 7" })).entries)).toEqual(["user-07"]);
    expect((await list(hr, { q: admin.name })).total).toBe(60);
    expect((await list(hr, { q: "%" })).total).toBe(0);
  });

  it("finds a department change by the name it had before or after, with only the changed field", async () => {
    const created = await createDepartment(hr, { name: "Отдел аудита", parentId: null });
    if (!created.ok) throw new Error("expected the department to be created");
    await renameDepartment(hr, { id: created.id, name: "Отдел контроля" });

    const found = await list(hr, { entity: "department", q: "Отдел аудита" });
    expect(found.entries.map((entry) => [entry.action, entry.actor?.name, entry.changes])).toEqual([
      ["department.rename", hr.name, [{ field: "name", before: "Отдел аудита", after: "Отдел контроля" }]],
      [
        "department.create",
        hr.name,
        [
          { field: "key", before: null, after: "otdel-audita" },
          { field: "name", before: null, after: "Отдел аудита" },
        ],
      ],
    ]);
    // Actors by name: «Админов…» before «Кадрова…».
    expect(found).toMatchObject({ entities: ["content", "department", "user"], actors: [{ id: admin.id }, { id: hr.id }] });
    expect(found.actions).toEqual(["content.import", "department.create", "department.rename", "user.create", "user.update"]);
  });

  it("takes malformed URL parameters as no filter", () => {
    expect(auditQuerySchema.parse({ entity: "", action: ["a", "b"], q: "  ", from: "2026-13-01", to: "вчера", page: "abc" })).toEqual({
      entity: undefined,
      action: undefined,
      actor: undefined,
      q: undefined,
      from: undefined,
      to: undefined,
      page: 1,
    });
  });

  it("compares before and after field by field", () => {
    expect(auditChanges({ name: "A", parent: { id: "1" } }, { name: "A", parent: { id: "2" } })).toEqual([
      { field: "parent", before: { id: "1" }, after: { id: "2" } },
    ]);
    expect(auditChanges({ key: "k" }, null)).toEqual([{ field: "key", before: "k", after: null }]);
    expect(auditChanges(null, 5)).toEqual([{ field: "value", before: null, after: 5 }]);
    expect(auditChanges(null, { parent: null })).toEqual([]);
  });

  it("is closed to employees and heads", async () => {
    for (const email of ["employee@demo.local", "i.zasypkin@company.example"]) {
      await expect(list(await viewer(email))).rejects.toThrow(AccessDenied);
    }
  });
});
