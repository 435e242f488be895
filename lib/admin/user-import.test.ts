import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { seedPortal } from "../testing/fixtures";
import { checkCredentials } from "../users/credentials";
import { applyUserImport, IMPORT_MAX_ROWS, parseUserCsv, previewUserImport } from "./user-import";

const t = messages().admin.users;
const ti = t.import;

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;
const rowCounts = async () => ({ users: await db.user.count(), audit: await db.auditLog.count() });
const signIn = (email: string, password: string) => checkCredentials({ email, password }, "10.0.0.2");

let count = 0;
/** An email no other test uses. */
const email = (label: string) => `import-${label}-${++count}@company.example`;

/** A CSV from rows of cells, with the given delimiter. */
const csv = (delimiter: string, ...rows: string[][]) => rows.map((row) => row.join(delimiter)).join("\n") + "\n";
const RU_HEADER = ["ФИО", "Почта", "Должность", "Подразделение", "Роль"];
const EN_HEADER = ["name", "email", "position", "department", "role"];

describe("user import from CSV", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;
  let employee: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
    employee = await viewer("employee@demo.local");
  });

  describe("parseUserCsv", () => {
    it("reads ';' with a BOM and Russian headers, and ',' with English headers, to the same rows", () => {
      const rows = [
        ["Иванова Анна", "Anna.Ivanova@Company.Example", "Инженер", "Бэк-офис / СПС / Системные инженеры", "Руководитель"],
        ["Петров Пётр", "p.petrov@company.example", "", "", ""],
      ];
      const semicolon = parseUserCsv("\uFEFF" + csv(";", RU_HEADER, ...rows));
      const comma = parseUserCsv(csv(",", EN_HEADER, ...rows));
      expect(semicolon.errors).toEqual([]);
      expect(semicolon.rows).toEqual([
        { line: 2, name: "Иванова Анна", email: "anna.ivanova@company.example", position: "Инженер", department: "Бэк-офис / СПС / Системные инженеры", role: "HEAD" },
        { line: 3, name: "Петров Пётр", email: "p.petrov@company.example", position: "", department: "", role: "EMPLOYEE" },
      ]);
      expect(comma).toEqual(semicolon);
    });

    it("takes quoted cells with the delimiter inside, Windows line ends, empty lines and roles in any case", () => {
      const text = 'email;ФИО;Роль\r\n"a;b@company.example";"Сидоров; Иван";кадры\r\n\r\n;;\r\nc@company.example;"Кузнецова ""Мария""";ADMIN\r\n';
      const { rows, errors } = parseUserCsv(text);
      expect(errors).toEqual([{ line: 2, field: "email", message: t.errors.email }]);
      expect(rows).toEqual([{ line: 5, name: 'Кузнецова "Мария"', email: "c@company.example", position: "", department: "", role: "ADMIN" }]);
    });

    it("names the line and field of every bad cell, and a duplicate email with the line it first appeared on", () => {
      const { rows, errors } = parseUserCsv(
        csv(
          ";",
          RU_HEADER,
          ["Хороший Сотрудник", "good@company.example", "", "", "Сотрудник"],
          ["", "not-an-email", "", "", "Начальник"],
          ["Двойник", "GOOD@company.example", "", "", ""],
          ["Лишний", "extra@company.example", "", "", "", "ещё"],
        ),
      );
      expect(rows.map((row) => row.line)).toEqual([2]);
      expect(errors).toEqual([
        { line: 3, field: "name", message: t.errors.name },
        { line: 3, field: "email", message: t.errors.email },
        { line: 3, field: "role", message: ti.errors.role },
        { line: 4, field: "email", message: ti.errors.duplicateEmail(2) },
        { line: 5, field: "file", message: ti.errors.extraCells },
      ]);
    });

    it("refuses a header without the required columns or with unknown ones, an empty file and broken quoting", () => {
      expect(parseUserCsv("ФИО;Должность\nИванов;Инженер\n").errors).toEqual([{ line: 1, field: "file", message: ti.errors.missingColumn("Почта") }]);
      expect(parseUserCsv("ФИО;Почта;Телефон\nИванов;i@company.example;123\n").errors).toEqual([
        { line: 1, field: "file", message: ti.errors.unknownColumn("Телефон") },
      ]);
      expect(parseUserCsv("ФИО;Почта;email\nИванов;i@company.example;i@company.example\n").errors).toEqual([{ line: 1, field: "file", message: ti.errors.duplicateColumn("email") }]);
      expect(parseUserCsv("\uFEFFФИО;Почта\n").errors).toEqual([{ line: 1, field: "file", message: ti.errors.empty }]);
      const broken = parseUserCsv('ФИО;Почта\nИванов;"i@company.example\n');
      expect(broken.rows).toEqual([]);
      expect(broken.errors).toMatchObject([{ field: "file", message: expect.stringContaining("Файл не разобран как CSV") }]);
      const tooMany = csv(",", EN_HEADER, ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, n) => [`Имя ${n}`, `many-${n}@company.example`, "", "", ""]));
      expect(parseUserCsv(tooMany).errors).toEqual([{ line: 1, field: "file", message: ti.errors.tooManyRows(IMPORT_MAX_ROWS) }]);
    });
  });

  describe("preview and apply", () => {
    it("previews a good file, then creates every user with a one-time password and an audit entry each, without the password", async () => {
      const [anna, petr] = [email("anna"), email("petr")];
      const text =
        "\uFEFF" +
        csv(
          ";",
          RU_HEADER,
          ["Иванова Анна", anna.toUpperCase(), "Инженер", "Бэк-офис / СПС / Системные инженеры", "Руководитель"],
          ["Петров Пётр", petr, "Специалист", "  бэк-офис/сПС  ", ""],
        );
      const before = await rowCounts();
      const preview = await previewUserImport(hr, { text });
      expect(preview).toEqual({
        ok: true,
        errors: [],
        rows: [
          { line: 2, name: "Иванова Анна", email: anna, position: "Инженер", department: "Бэк-офис / СПС / Системные инженеры", role: "HEAD" },
          { line: 3, name: "Петров Пётр", email: petr, position: "Специалист", department: "Бэк-офис / СПС", role: "EMPLOYEE" },
        ],
      });
      expect(await rowCounts()).toEqual(before);

      const outcome = await applyUserImport(hr, { text });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome));
      expect(outcome.created.map((user) => user.email)).toEqual([anna, petr]);
      expect(await rowCounts()).toEqual({ users: before.users + 2, audit: before.audit + 3 });

      const [first, second] = outcome.created;
      expect(first.password).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
      expect(first.password).not.toBe(second.password);
      expect(await db.user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
        email: anna,
        name: "Иванова Анна",
        position: "Инженер",
        departmentId: await departmentId("system-engineers"),
        role: "HEAD",
        active: true,
      });
      expect(await db.user.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ departmentId: await departmentId("sps"), role: "EMPLOYEE" });
      expect(await signIn(anna, first.password)).toMatchObject({ ok: true, user: { id: first.id } });
      expect(await signIn(petr, second.password)).toMatchObject({ ok: true, user: { id: second.id } });

      const entries = await db.auditLog.findMany({ where: { entityId: { in: [first.id, second.id] } } });
      expect(entries).toHaveLength(2);
      for (const entry of entries) {
        expect(entry).toMatchObject({ actorId: hr.id, action: "user.create", entity: "user" });
        expect(JSON.stringify(entry)).not.toMatch(/password/i);
      }
      expect(entries.find((entry) => entry.entityId === first.id)?.after).toEqual({
        email: anna,
        name: "Иванова Анна",
        position: "Инженер",
        departmentId: await departmentId("system-engineers"),
        role: "HEAD",
        active: true,
      });
      const summary = await db.auditLog.findFirstOrThrow({ where: { action: "user.import" }, orderBy: { createdAt: "desc" } });
      expect(summary).toMatchObject({ actorId: hr.id, entity: "user-import" });
      expect(summary.after).toEqual({ count: 2, users: [{ id: first.id, email: anna }, { id: second.id, email: petr }] });
      expect(JSON.stringify(summary)).not.toContain(first.password);

      // Applied once: the same file again only finds the emails taken.
      const again = await applyUserImport(hr, { text });
      expect(again).toMatchObject({ ok: false, error: "invalid", preview: { errors: [{ line: 2, field: "email" }, { line: 3, field: "email" }] } });
      expect(await rowCounts()).toEqual({ users: before.users + 2, audit: before.audit + 3 });
    });

    it.each([
      ["an unknown department", ["Гость", email("dept"), "", "Бэк-офис / Нет такого", ""], "department", ti.errors.department("Бэк-офис / Нет такого")],
      ["a bad email", ["Гость", "guest.company.example", "", "", ""], "email", t.errors.email],
      ["an email already in the database", ["Гость", "Employee@Demo.Local", "", "", ""], "email", ti.errors.emailTaken],
      ["an email twice in the file", ["Гость", "twice@company.example", "", "", ""], "email", ti.errors.duplicateEmail(2)],
    ])("a file with one bad row (%s) reports its line and field, and the import writes nothing", async (_, bad, field, message) => {
      const text = csv(
        ",",
        EN_HEADER,
        ["Первый", "twice@company.example", "", "Бэк-офис", ""],
        ["Второй", email("ok"), "", "", "HEAD"],
        bad,
        ["Четвёртый", email("ok"), "", "", ""],
      );
      const before = await rowCounts();
      const preview = await previewUserImport(hr, { text });
      expect(preview).toMatchObject({ ok: true, errors: [{ line: 4, field, message }] });
      const outcome = await applyUserImport(hr, { text });
      expect(outcome).toEqual({ ok: false, error: "invalid", fieldErrors: {}, preview: expect.objectContaining({ errors: [{ line: 4, field, message }] }) });
      expect(await rowCounts()).toEqual(before);
      expect(await db.user.count({ where: { email: "twice@company.example" } })).toBe(0);
    });

    it("lets HR grant only the employee and head roles, and an admin any role", async () => {
      const text = csv(
        ";",
        RU_HEADER,
        ["Кадровик", email("hr"), "", "", "Кадры"],
        ["Сотрудник", email("emp"), "", "", "EMPLOYEE"],
        ["Админ", email("admin"), "", "", "администратор"],
      );
      const before = await rowCounts();
      expect(await previewUserImport(hr, { text })).toMatchObject({
        ok: true,
        errors: [
          { line: 2, field: "role", message: t.errors.privilegedRole },
          { line: 4, field: "role", message: t.errors.privilegedRole },
        ],
      });
      expect(await applyUserImport(hr, { text })).toMatchObject({ ok: false, error: "invalid" });
      expect(await rowCounts()).toEqual(before);

      expect(await previewUserImport(admin, { text })).toMatchObject({ ok: true, errors: [] });
      const outcome = await applyUserImport(admin, { text });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome));
      expect(outcome.created.map((user) => user.role)).toEqual(["HR", "EMPLOYEE", "ADMIN"]);
      expect(await db.user.count({ where: { id: { in: outcome.created.map((user) => user.id) } } })).toBe(3);
    });

    it("refuses anyone who may not manage users", async () => {
      const text = csv(",", EN_HEADER, ["Гость", email("denied"), "", "", ""]);
      await expect(previewUserImport(employee, { text })).rejects.toThrow(AccessDenied);
      await expect(applyUserImport(employee, { text })).rejects.toThrow(AccessDenied);
      await expect(applyUserImport({ ...employee, role: "HEAD" }, { text })).rejects.toThrow(AccessDenied);
    });
  });
});
