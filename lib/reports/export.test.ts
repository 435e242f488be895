import { beforeAll, describe, expect, it, vi } from "vitest";
import { viewer } from "../testing/database";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { db } from "../db";
import { getCurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { createExam, MINUTE, seedPortal } from "../testing/fixtures";
import { teamQuerySchema } from "./team";
import {
  examResultsTable,
  exportFileName,
  exportResponse,
  overviewExportQuerySchema,
  overviewTable,
  resultsExportQuerySchema,
  toCsv,
  toXlsx,
  type ExportCell,
  type ExportTable,
} from "./export";
import { GET as overviewRoute } from "../../app/(portal)/team/export/overview/route";
import { GET as resultsRoute } from "../../app/(portal)/team/export/results/route";

// The route handlers read the signed-in user through lib/auth: the tests choose it.
vi.mock("../auth", () => ({ getCurrentUser: vi.fn() }));

const TZ = "Europe/Moscow";
const NOW = new Date("2026-12-10T09:00:00.000Z");
const at = (iso: string) => new Date(iso);

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;
const overviewQuery = (input: Record<string, unknown> = {}) => teamQuerySchema.omit({ page: true }).parse(input);

type AttemptFields = { status: "IN_PROGRESS" | "SUBMITTED" | "EXPIRED"; minutes?: number; score?: number; maxScore?: number; passed?: boolean };

/** An attempt row written directly (no items): its times, score and outcome are all an export reads. */
async function addAttempt(email: string, examId: string, startedAt: Date, fields: AttemptFields) {
  const user = await viewer(email);
  const finished = fields.status !== "IN_PROGRESS";
  const score = fields.score ?? 0;
  const maxScore = fields.maxScore ?? 10;
  return db.attempt.create({
    data: {
      userId: user.id,
      examId,
      startedAt,
      deadline: new Date(startedAt.getTime() + 30 * MINUTE),
      status: fields.status,
      submittedAt: finished ? new Date(startedAt.getTime() + (fields.minutes ?? 10) * MINUTE) : null,
      score: finished ? score : null,
      maxScore: finished ? maxScore : null,
      percent: finished ? Math.round((score / maxScore) * 1000) / 10 : null,
      passed: finished ? (fields.passed ?? false) : null,
    },
  });
}

function parseCsv(text: string): string[][] {
  return parse(text, { delimiter: ";", bom: true });
}

/** Every cell of the workbook's only sheet, row by row; empty cells as null. */
async function readXlsx(data: ArrayBuffer | Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet = workbook.worksheets[0];
  const cells: ExportCell[][] = [];
  // exceljs counts the columns anew, over every row, on each read of columnCount.
  const columnCount = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row: ExportCell[] = [];
    for (let c = 1; c <= columnCount; c++) row.push((sheet.getCell(r, c).value as ExportCell | undefined) ?? null);
    cells.push(row);
  }
  return { sheet, cells };
}

describe("toCsv and toXlsx", () => {
  const table: ExportTable = {
    columns: ["Текст", "Число", "Дата"],
    rows: [
      ['Иванов; "Ваня"\nвторая строка', 66.7, at("2026-12-01T21:30:00.000Z")],
      ["=1+2", -3, null],
      [null, 0, at("2026-07-01T12:05:00.000Z")],
    ],
  };

  it("writes a CSV for Russian Excel: BOM, ';', decimal comma, company time, special characters intact", () => {
    const csv = toCsv(table, TZ);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe("\uFEFFТекст;Число;Дата");
    expect(parseCsv(csv)).toEqual([
      ["Текст", "Число", "Дата"],
      ['Иванов; "Ваня"\nвторая строка', "66,7", "02.12.2026 00:30"],
      // A text that Excel would run as a formula stays text.
      ["'=1+2", "-3", ""],
      ["", "0", "01.07.2026 15:05"],
    ]);
  });

  it("writes an XLSX sheet: bold frozen header, fitted widths, numbers as numbers, company wall-clock dates", async () => {
    const { sheet, cells } = await readXlsx(await toXlsx(table, TZ, "Проба"));
    expect(sheet.name).toBe("Проба");
    expect(cells).toEqual([
      ["Текст", "Число", "Дата"],
      ['Иванов; "Ваня"\nвторая строка', 66.7, at("2026-12-02T00:30:00.000Z")],
      ["=1+2", -3, null],
      [null, 0, at("2026-07-01T15:05:00.000Z")],
    ]);
    expect(sheet.getCell("C2").numFmt).toBe("dd.mm.yyyy hh:mm");
    expect(sheet.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan("Иванов; \"Ваня\"".length);
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual("dd.mm.yyyy hh:mm".length);
  });

  it("keeps in XLSX markup characters and surrounding spaces, drops control characters XML cannot hold", async () => {
    const tricky: ExportTable = { columns: ["<Имя> & \"кавычки\""], rows: [["  a < b && c > d  "], ["звонок\u0007 и\tтаб"]] };
    const { sheet, cells } = await readXlsx(await toXlsx(tricky, TZ, "Проба"));
    expect(cells).toEqual([["<Имя> & \"кавычки\""], ["  a < b && c > d  "], ["звонок и\tтаб"]]);
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A2").font?.bold).toBeFalsy();
  });

  it("writes each date in the company's wall-clock time on both sides of a daylight-saving change", async () => {
    const dates: ExportTable = {
      columns: ["Дата"],
      rows: [[at("2026-03-29T00:30:00.000Z")], [at("2026-03-29T01:30:00.000Z")], [at("2026-03-30T12:00:00.000Z")], [at("2026-10-25T00:30:00.000Z")], [at("2026-10-25T01:30:00.000Z")]],
    };
    const { cells } = await readXlsx(await toXlsx(dates, "Europe/Berlin", "Проба"));
    expect(cells.slice(1)).toEqual([
      [at("2026-03-29T01:30:00.000Z")],
      [at("2026-03-29T03:30:00.000Z")],
      [at("2026-03-30T14:00:00.000Z")],
      [at("2026-10-25T02:30:00.000Z")],
      [at("2026-10-25T02:30:00.000Z")],
    ]);
  });

  it("writes the whole company's overview (42,000 rows) as XLSX in a fraction of a second, every row readable back", async () => {
    const statuses = ["сдан", "не сдан", "не начат", "просрочен", "идёт попытка"];
    const rows: ExportCell[][] = Array.from({ length: 42_000 }, (_, index) => {
      const member = Math.floor(index / 21);
      return [
        `Сотрудник ${member} Иванович`,
        `user${member}@load.test`,
        "Специалист поддержки",
        "Отдел поддержки клиентов",
        `Экзамен № ${index % 21}`,
        statuses[index % 5],
        index % 3 ? 66.7 : null,
        index % 3 ? 50 : null,
        index % 4,
        index % 2 ? new Date(NOW.getTime() + (index % 21) * 86_400_000) : null,
        member % 101,
        new Date(NOW.getTime() - index * 60_000),
      ];
    });
    const table: ExportTable = { columns: Array.from({ length: 12 }, (_, index) => `Столбец ${index + 1}`), rows };
    await toXlsx({ columns: table.columns, rows: rows.slice(0, 100) }, TZ, "Проба");
    const started = performance.now();
    const file = await toXlsx(table, TZ, "Проба");
    const elapsed = performance.now() - started;
    // About 200 ms on the shared 2-core machine; exceljs took 1.7–1.9 s. The bound leaves room for a busy machine.
    expect(elapsed).toBeLessThan(1_000);
    const { cells } = await readXlsx(file);
    expect(cells).toHaveLength(42_001);
    expect(cells[42_000]).toEqual([
      "Сотрудник 1999 Иванович",
      "user1999@load.test",
      "Специалист поддержки",
      "Отдел поддержки клиентов",
      "Экзамен № 20",
      "идёт попытка",
      66.7,
      50,
      3,
      new Date(NOW.getTime() + 20 * 86_400_000 + 3 * 3_600_000),
      80,
      new Date(NOW.getTime() - 41_999 * 60_000 + 3 * 3_600_000),
    ]);
  });

  it("names the file by the company's date and answers with a download never cached", async () => {
    const lateEvening = at("2026-12-10T22:30:00.000Z");
    expect(exportFileName("sample", "csv", lateEvening, TZ)).toBe("sample-2026-12-11.csv");
    // Whatever an exam key holds, the header's file name stays plain ASCII.
    expect(exportFileName('exam-results-Экзамен "A"', "xlsx", lateEvening, TZ)).toBe("exam-results--A--2026-12-11.xlsx");
    const names = { fileStem: "sample", sheetName: "Проба" };
    const csv = await exportResponse(table, "csv", names, lateEvening, TZ);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe('attachment; filename="sample-2026-12-11.csv"');
    expect(csv.headers.get("Cache-Control")).toBe("no-store");
    expect(parseCsv(await csv.text())[1][2]).toBe("02.12.2026 00:30");
    const xlsx = await exportResponse(table, "xlsx", names, lateEvening, TZ);
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("Content-Disposition")).toBe('attachment; filename="sample-2026-12-11.xlsx"');
    const { sheet, cells } = await readXlsx(await xlsx.arrayBuffer());
    expect(sheet.name).toBe("Проба");
    expect(cells[1][1]).toBe(66.7);
  });
});

describe("export query schemas", () => {
  it("requires a known format and names the field", () => {
    for (const input of [{}, { format: "pdf" }]) {
      const result = overviewExportQuerySchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((issue) => [issue.path, issue.message])).toEqual([
        [["format"], "format: укажите формат выгрузки — csv или xlsx."],
      ]);
    }
  });

  it("keeps the overview's filters, with its fallbacks for junk", () => {
    expect(overviewExportQuerySchema.parse({ format: "xlsx", q: " Иван ", status: "overdue", sort: "best", department: "d1", page: "3" })).toEqual({
      format: "xlsx",
      q: "Иван",
      status: "overdue",
      sort: "best",
      department: "d1",
    });
    expect(overviewExportQuerySchema.parse({ format: "csv", status: "lost", sort: "salary" })).toEqual({ format: "csv", status: undefined, sort: "name" });
  });

  it("requires the exam of a results export", () => {
    const result = resultsExportQuerySchema.safeParse({ format: "csv", exam: " " });
    expect(result.error!.issues.map((issue) => [issue.path, issue.message])).toEqual([[["exam"], "exam: укажите идентификатор экзамена."]]);
    expect(resultsExportQuerySchema.parse({ format: "xlsx", exam: "e1", department: "" })).toEqual({ format: "xlsx", exam: "e1", department: "" });
  });
});

describe("team exports against the database", () => {
  const special = 'Ведущий; "старший"\nспециалист';
  const dueAt = at("2026-12-05T15:00:00.000Z");
  let examA: { id: string; key: string; title: string };
  let examB: { id: string; title: string };

  beforeAll(async () => {
    await seedPortal();
    await db.user.create({
      data: { email: "proverkina@test.example", name: "Проверкина Ольга", position: special, departmentId: await departmentId("customer-support") },
    });
    examA = await createExam({ assignTo: { department: "customer-support" }, dueAt });
    examB = await createExam({ assignTo: { userId: (await viewer("engineer@demo.local")).id } });
    await db.assignment.create({ data: { examId: examB.id, userId: (await viewer("e.gorshkov@company.example")).id } });

    await addAttempt("employee@demo.local", examA.id, at("2026-12-01T21:30:00.000Z"), { status: "SUBMITTED", score: 9, passed: true });
    await addAttempt("employee@demo.local", examA.id, at("2026-12-03T07:00:00.000Z"), { status: "EXPIRED", minutes: 12.5, score: 5 });
    await addAttempt("a.boikova@company.example", examA.id, at("2026-12-10T08:50:00.000Z"), { status: "IN_PROGRESS" });
    await addAttempt("engineer@demo.local", examB.id, at("2026-12-04T12:00:00.000Z"), { status: "SUBMITTED", score: 2, maxScore: 3 });
    // Outside СПС: the analyst of the implementation department.
    await addAttempt("analyst@demo.local", examA.id, at("2026-12-02T06:00:00.000Z"), { status: "SUBMITTED", score: 8, passed: true });
  });

  const overviewColumns = ["ФИО", "Почта", "Должность", "Подразделение", "Экзамен", "Статус", "Лучший балл, %", "Последний балл, %", "Попыток", "Срок", "Готовность, %", "Последняя активность"];
  const resultsColumns = ["ФИО", "Почта", "Подразделение", "Попытка №", "Начало", "Завершение", "Длительность (мин)", "Статус", "Балл", "Максимум", "Процент", "Результат"];

  it("gives a head one row per member and assigned exam, members without exams in one row", async () => {
    const table = await overviewTable(await viewer("i.zasypkin@company.example"), overviewQuery(), NOW);
    const support = "Отдел поддержки клиентов";
    expect(table!.columns).toEqual(overviewColumns);
    expect(table!.rows).toEqual([
      ["Бойкова Анастасия", "a.boikova@company.example", "Руководитель отдела поддержки клиентов", support, examA.title, "идёт попытка", null, null, 1, dueAt, 0, at("2026-12-10T08:50:00.000Z")],
      ["Горшков Евгений", "e.gorshkov@company.example", "Тимлид системных инженеров", "Системные инженеры", examB.title, "не начат", null, null, 0, null, 0, null],
      ["Засыпкин Иван Владимирович", "i.zasypkin@company.example", "Руководитель СПС", "СПС", null, null, null, null, null, null, 0, null],
      ["Инженеров Павел (демо)", "engineer@demo.local", "Системный инженер", "Системные инженеры", examB.title, "не сдан", 66.7, 66.7, 1, null, 0, at("2026-12-04T12:00:00.000Z")],
      ["Проверкина Ольга", "proverkina@test.example", special, support, examA.title, "просрочен", null, null, 0, dueAt, 0, null],
      ["Сотрудникова Мария (демо)", "employee@demo.local", "Специалист поддержки", support, examA.title, "сдан", 90, 50, 2, dueAt, 0, at("2026-12-03T07:00:00.000Z")],
    ]);
  });

  it("round-trips the overview through CSV with Russian words and company times", async () => {
    const table = await overviewTable(await viewer("i.zasypkin@company.example"), overviewQuery({ department: await departmentId("customer-support") }), NOW);
    const support = "Отдел поддержки клиентов";
    expect(parseCsv(toCsv(table!, TZ))).toEqual([
      overviewColumns,
      ["Бойкова Анастасия", "a.boikova@company.example", "Руководитель отдела поддержки клиентов", support, examA.title, "идёт попытка", "", "", "1", "05.12.2026 18:00", "0", "10.12.2026 11:50"],
      ["Проверкина Ольга", "proverkina@test.example", special, support, examA.title, "просрочен", "", "", "0", "05.12.2026 18:00", "0", ""],
      ["Сотрудникова Мария (демо)", "employee@demo.local", "Специалист поддержки", support, examA.title, "сдан", "90", "50", "2", "05.12.2026 18:00", "0", "03.12.2026 10:00"],
    ]);
  });

  it("keeps only the rows in the chosen status", async () => {
    const table = await overviewTable(await viewer("i.zasypkin@company.example"), overviewQuery({ status: "not-started" }), NOW);
    expect(table!.rows.map((row) => [row[0], row[4], row[5]])).toEqual([["Горшков Евгений", examB.title, "не начат"]]);
  });

  it("gives each head only their subtree and null for a department outside it", async () => {
    const shikin = await overviewTable(await viewer("a.shikin@company.example"), overviewQuery(), NOW);
    expect(shikin!.rows.map((row) => row[1])).toEqual(["analyst@demo.local", "a.shikin@company.example"]);
    const boikova = await viewer("a.boikova@company.example");
    expect((await overviewTable(boikova, overviewQuery(), NOW))!.rows.map((row) => row[1])).toEqual([
      "a.boikova@company.example",
      "proverkina@test.example",
      "employee@demo.local",
    ]);
    expect(await overviewTable(boikova, overviewQuery({ department: await departmentId("sps") }), NOW)).toBeNull();
    expect(await overviewTable(boikova, overviewQuery({ department: "no-such-department" }), NOW)).toBeNull();
  });

  it("lists an exam's attempts of the head's members with numbers, durations and results", async () => {
    const table = await examResultsTable(await viewer("i.zasypkin@company.example"), examA.id, undefined);
    const support = "Отдел поддержки клиентов";
    expect(table).toMatchObject({ examKey: examA.key, columns: resultsColumns });
    expect(table!.rows).toEqual([
      ["Бойкова Анастасия", "a.boikova@company.example", support, 1, at("2026-12-10T08:50:00.000Z"), null, null, "идёт", null, null, null, "—"],
      ["Сотрудникова Мария (демо)", "employee@demo.local", support, 1, at("2026-12-01T21:30:00.000Z"), at("2026-12-01T21:40:00.000Z"), 10, "завершена", 9, 10, 90, "сдан"],
      ["Сотрудникова Мария (демо)", "employee@demo.local", support, 2, at("2026-12-03T07:00:00.000Z"), at("2026-12-03T07:12:30.000Z"), 12.5, "по времени", 5, 10, 50, "не сдан"],
    ]);
  });

  it("round-trips the results through XLSX with numbers as numbers and company wall-clock dates", async () => {
    const table = await examResultsTable(await viewer("i.zasypkin@company.example"), examA.id, await departmentId("customer-support"));
    const { sheet, cells } = await readXlsx(await toXlsx(table!, TZ, "Результаты"));
    const support = "Отдел поддержки клиентов";
    expect(cells).toEqual([
      resultsColumns,
      ["Бойкова Анастасия", "a.boikova@company.example", support, 1, at("2026-12-10T11:50:00.000Z"), null, null, "идёт", null, null, null, "—"],
      ["Сотрудникова Мария (демо)", "employee@demo.local", support, 1, at("2026-12-02T00:30:00.000Z"), at("2026-12-02T00:40:00.000Z"), 10, "завершена", 9, 10, 90, "сдан"],
      ["Сотрудникова Мария (демо)", "employee@demo.local", support, 2, at("2026-12-03T10:00:00.000Z"), at("2026-12-03T10:12:30.000Z"), 12.5, "по времени", 5, 10, 50, "не сдан"],
    ]);
    expect(sheet.getCell("E3").numFmt).toBe("dd.mm.yyyy hh:mm");
  });

  it("limits the results to the viewer's scope and the chosen department", async () => {
    const emails = async (email: string, department?: string) =>
      (await examResultsTable(await viewer(email), examA.id, department))!.rows.map((row) => row[1]);
    expect(await emails("a.shikin@company.example")).toEqual(["analyst@demo.local"]);
    expect(await emails("e.gorshkov@company.example")).toEqual([]);
    expect(await emails("hr@demo.local")).toEqual(["analyst@demo.local", "a.boikova@company.example", "employee@demo.local", "employee@demo.local"]);
    expect(await emails("hr@demo.local", await departmentId("implementation"))).toEqual(["analyst@demo.local"]);
    expect(await examResultsTable(await viewer("i.zasypkin@company.example"), examA.id, await departmentId("implementation"))).toBeNull();
    expect(await examResultsTable(await viewer("a.shikin@company.example"), examA.id, await departmentId("customer-support"))).toBeNull();
  });

  it("returns null for an unknown exam, even for HR", async () => {
    expect(await examResultsTable(await viewer("i.zasypkin@company.example"), "no-such-exam", undefined)).toBeNull();
    expect(await examResultsTable(await viewer("hr@demo.local"), "no-such-exam", undefined)).toBeNull();
  });

  it("refuses an employee", async () => {
    const employee = await viewer("employee@demo.local");
    await expect(overviewTable(employee, overviewQuery(), NOW)).rejects.toThrow(AccessDenied);
    await expect(examResultsTable(employee, examA.id, undefined)).rejects.toThrow(AccessDenied);
  });

  describe("route handlers", () => {
    const signIn = async (email: string | null) => vi.mocked(getCurrentUser).mockResolvedValue(email ? { ...(await viewer(email)), mustChangePassword: false } : null);
    const get = (handler: typeof overviewRoute, query: string) =>
      handler(new Request(`http://portal.test/team/export/x?${query}`), { params: Promise.resolve({}) });

    it("answers 401 to an anonymous request and 404 to an employee, whatever the query", async () => {
      await signIn(null);
      expect((await get(overviewRoute, "format=csv")).status).toBe(401);
      expect((await get(resultsRoute, `format=csv&exam=${examA.id}`)).status).toBe(401);
      await signIn("employee@demo.local");
      expect((await get(overviewRoute, "format=csv")).status).toBe(404);
      expect((await get(resultsRoute, `format=xlsx&exam=${examA.id}`)).status).toBe(404);
      expect((await get(resultsRoute, "format=pdf")).status).toBe(404);
    });

    it("answers 400 naming the field for a bad format or a missing exam", async () => {
      await signIn("i.zasypkin@company.example");
      const badFormat = await get(overviewRoute, "format=pdf");
      expect(badFormat.status).toBe(400);
      expect(await badFormat.json()).toEqual({ status: "invalid", fieldErrors: { format: ["format: укажите формат выгрузки — csv или xlsx."] } });
      const noExam = await get(resultsRoute, "format=csv");
      expect(noExam.status).toBe(400);
      expect((await noExam.json()).fieldErrors).toEqual({ exam: ["exam: укажите идентификатор экзамена."] });
    });

    it("answers 404 for a department outside the scope or an unknown exam", async () => {
      await signIn("i.zasypkin@company.example");
      const implementation = await departmentId("implementation");
      expect((await get(overviewRoute, `format=csv&department=${implementation}`)).status).toBe(404);
      expect((await get(resultsRoute, `format=csv&exam=${examA.id}&department=${implementation}`)).status).toBe(404);
      expect((await get(resultsRoute, "format=csv&exam=no-such-exam")).status).toBe(404);
    });

    it("serves the head's files with the filters applied", async () => {
      await signIn("i.zasypkin@company.example");
      // The handlers use the real clock: filters whose rows do not depend on it.
      const csv = await get(overviewRoute, `format=csv&status=not-started&q=${encodeURIComponent("горшков")}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="team-overview-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(csv.headers.get("Cache-Control")).toBe("no-store");
      expect(parseCsv(await csv.text()).map((row) => [row[0], row[5]])).toEqual([["ФИО", "Статус"], ["Горшков Евгений", "не начат"]]);

      const xlsx = await get(resultsRoute, `format=xlsx&exam=${examA.id}`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(xlsx.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="exam-results-${examA.key}-\\d{4}-\\d{2}-\\d{2}\\.xlsx"$`));
      const { sheet, cells } = await readXlsx(await xlsx.arrayBuffer());
      expect(sheet.name).toBe("Результаты экзамена");
      expect(cells.slice(1).map((row) => row[1])).toEqual(["a.boikova@company.example", "employee@demo.local", "employee@demo.local"]);
    });
  });
});
