// Exports of the heads' dashboard as CSV and XLSX files, built on the server. The
// data comes through the team views' own scope (teamDepartments), so an export never
// holds more than the viewer may see on the pages.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { stringify } from "csv-stringify/sync";
import { format } from "date-fns";
import { z } from "zod";
import { RECORD_ID } from "../access/ids";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { messages } from "../i18n";
import { companyDate } from "../study/calendar";
import { companyTimeZone } from "../time-zone";
import { teamOverviewRows, teamQuerySchema, type TeamQuery } from "./team";
import { coveredMembersWhere, teamDepartments } from "./team-scope";
import { writeXlsx } from "./xlsx";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportCell = string | number | Date | null;

export type ExportTable = { columns: string[]; rows: ExportCell[][] };

const formatField = z.enum(EXPORT_FORMATS, { error: () => messages().exports.formatInvalid });

/** The query of the overview export: the page's filters (no paging) and the format. */
export const overviewExportQuerySchema = teamQuerySchema.omit({ page: true }).extend({ format: formatField });

/** The query of an exam's results export. */
export const resultsExportQuerySchema = z.object({
  format: formatField,
  exam: z
    .string({ error: () => messages().exports.examInvalid })
    .trim()
    .regex(RECORD_ID, { error: () => messages().exports.examInvalid }),
  department: teamQuerySchema.shape.department,
});

/**
 * The team overview as a table: one row per member and assigned exam, a member without
 * exams in one row with empty exam cells. Null when the chosen department is outside
 * the viewer's scope.
 */
export async function overviewTable(viewer: CurrentUser, query: Omit<TeamQuery, "page">, now = new Date()): Promise<ExportTable | null> {
  const overview = await teamOverviewRows(viewer, query, now);
  if (!overview) return null;
  const t = messages();
  const c = t.exports.overviewColumns;
  const rows = overview.members.flatMap((member): ExportCell[][] => {
    const person = [member.name, member.email, member.position, member.departmentName];
    const study = [Math.round(member.readiness * 100), member.lastActivity];
    // Under a status filter, only the exams in that status: the rows a reader filtering by status wants.
    const exams = query.status ? member.exams.filter((exam) => exam.status === query.status) : member.exams;
    if (exams.length === 0) return [[...person, null, null, null, null, null, null, ...study]];
    return exams.map((exam) => [...person, exam.title, t.team.statuses[exam.status], exam.best, exam.last, exam.attempts, exam.dueAt, ...study]);
  });
  return {
    columns: [c.name, c.email, c.position, c.department, c.exam, c.status, c.best, c.last, c.attempts, c.due, c.readiness, c.activity],
    rows,
  };
}

/**
 * Every attempt (running or finished) at an exam by the members the viewer covers (the
 * chosen department, default the whole scope), by member name and attempt number.
 * Null when the exam does not exist or the department is outside the scope.
 */
export async function examResultsTable(
  viewer: CurrentUser,
  examId: string,
  departmentId: string | undefined,
): Promise<(ExportTable & { examKey: string }) | null> {
  const covered = await teamDepartments(viewer, departmentId);
  if (!covered) return null;
  const exam = await db.exam.findUnique({ where: { id: examId }, select: { key: true } });
  if (!exam) return null;
  const attempts = await db.attempt.findMany({
    where: { examId, user: coveredMembersWhere(covered) },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      userId: true,
      status: true,
      startedAt: true,
      submittedAt: true,
      score: true,
      maxScore: true,
      percent: true,
      passed: true,
      user: { select: { name: true, email: true, department: { select: { name: true } } } },
    },
  });

  const counted = new Map<string, number>();
  const numbered = attempts.map((attempt) => {
    const number = (counted.get(attempt.userId) ?? 0) + 1;
    counted.set(attempt.userId, number);
    return { ...attempt, number };
  });
  const collator = new Intl.Collator("ru");
  numbered.sort((a, b) => collator.compare(a.user.name, b.user.name) || collator.compare(a.user.email, b.user.email) || a.number - b.number);

  const t = messages();
  const c = t.exports.resultsColumns;
  const result = t.exports.result;
  return {
    examKey: exam.key,
    columns: [c.name, c.email, c.department, c.number, c.startedAt, c.submittedAt, c.duration, c.status, c.score, c.maxScore, c.percent, c.result],
    rows: numbered.map((attempt) => [
      attempt.user.name,
      attempt.user.email,
      attempt.user.department?.name ?? "",
      attempt.number,
      attempt.startedAt,
      attempt.submittedAt,
      attempt.submittedAt ? Math.round((attempt.submittedAt.getTime() - attempt.startedAt.getTime()) / 6_000) / 10 : null,
      t.exams.attemptStatus[attempt.status],
      attempt.score,
      attempt.maxScore,
      attempt.percent,
      attempt.passed === null ? result.none : attempt.passed ? result.passed : result.failed,
    ]),
  };
}

function csvText(cell: ExportCell, timeZone: string): string {
  if (cell === null) return "";
  if (cell instanceof Date) return format(new TZDate(cell, timeZone), "dd.MM.yyyy HH:mm");
  // Excel with Russian settings reads a decimal comma; with a point, 66.7 would be text.
  if (typeof cell === "number") return String(cell).replace(".", ",");
  // Excel would run a text starting like a formula (CSV injection): keep it text.
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The table as CSV for Excel with Russian settings: UTF-8 with BOM, `;` between fields, dates in `timeZone`. */
export function toCsv(table: ExportTable, timeZone: string): string {
  const rows = table.rows.map((row) => row.map((cell) => csvText(cell, timeZone)));
  return stringify([table.columns, ...rows], { delimiter: ";", bom: true, record_delimiter: "windows" });
}

const XLSX_DATE_FORMAT = "dd.mm.yyyy hh:mm";

function displayWidth(cell: ExportCell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return XLSX_DATE_FORMAT.length;
  const text = String(cell);
  // Splitting only texts that have a line break keeps this cheap over a 40,000-row export.
  return text.includes("\n") ? Math.max(...text.split("\n").map((line) => line.length)) : text.length;
}

/** The table as an XLSX workbook of one sheet: bold frozen header, fitted widths, real numbers and dates. */
export function toXlsx(table: ExportTable, timeZone: string, sheetName: string): Promise<Buffer> {
  return writeXlsx({
    name: sheetName,
    header: table.columns,
    widths: table.columns.map((header, index) => Math.min(table.rows.reduce((width, row) => Math.max(width, displayWidth(row[index])), header.length), 60) + 2),
    rows: table.rows,
    dateFormat: XLSX_DATE_FORMAT,
    timeZone,
  });
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export type ExportNames = {
  /** The file name before the date, e.g. `team-overview`; anything but ASCII letters, digits, `-` and `_` becomes `-`. */
  fileStem: string;
  /** The XLSX sheet's name. */
  sheetName: string;
};

/** The file name of an export made at `now`: its stem, the company's date, the format. */
export function exportFileName(fileStem: string, exportFormat: ExportFormat | "zip" | "pdf", now: Date, timeZone: string) {
  // ASCII only, so the name fits a plain Content-Disposition filename without escaping.
  return `${fileStem.replace(/[^A-Za-z0-9_-]+/g, "-")}-${companyDate(now, timeZone)}.${exportFormat}`;
}

/** The table as a file download, never cached. */
export async function exportResponse(table: ExportTable, exportFormat: ExportFormat, names: ExportNames, now: Date, timeZone = companyTimeZone()) {
  const body = exportFormat === "csv" ? toCsv(table, timeZone) : new Uint8Array(await toXlsx(table, timeZone, names.sheetName));
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[exportFormat],
      "Content-Disposition": `attachment; filename="${exportFileName(names.fileStem, exportFormat, now, timeZone)}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** A PDF as a file download, never cached. */
export function pdfResponse(pdf: Buffer, fileStem: string, now: Date, timeZone = companyTimeZone()) {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${exportFileName(fileStem, "pdf", now, timeZone)}"`,
      "Cache-Control": "no-store",
    },
  });
}
