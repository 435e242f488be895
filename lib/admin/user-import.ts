// Bulk creation of users from a CSV file HR prepares in a spreadsheet. The same
// validation runs for the preview and again for the import (the preview is never
// trusted); the import writes every user or none, each with a one-time password
// returned here once and stored only as a hash. v1 only creates: an email that
// already exists is an error, not an update.
import "server-only";
import { randomUUID } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";
import { db, type Tx } from "../db";
import type { CurrentUser } from "../auth";
import { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { lockContent } from "../content/lock";
import { messages } from "../i18n";
import { hashPassword } from "../users/password";
import { invalidInput, type ChangeResult, type FieldErrors, type Refused } from "./result";
import { assignableRoles, generatePassword } from "./users";
import { createUserSchema, userFieldsSchema } from "./users.schema";

const t = messages().admin.users;
const ti = t.import;

/** Enough for any department at once; each password hash costs ~0.1 s. */
export const IMPORT_MAX_ROWS = 200;
export const IMPORT_MAX_CHARS = 200_000;

export const IMPORT_FIELDS = ["name", "email", "position", "department", "role"] as const;
type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED: ImportField[] = ["name", "email"];

/** Header names HR may use, compared lower-cased. */
const HEADERS: Record<string, ImportField> = {
  фио: "name",
  name: "name",
  почта: "email",
  "электронная почта": "email",
  email: "email",
  "e-mail": "email",
  должность: "position",
  position: "position",
  подразделение: "department",
  department: "department",
  роль: "role",
  role: "role",
};

/** Role words, compared lower-cased; an empty role is an employee. */
const ROLE_WORDS: Record<string, Role> = {
  "": "EMPLOYEE",
  сотрудник: "EMPLOYEE",
  employee: "EMPLOYEE",
  руководитель: "HEAD",
  head: "HEAD",
  кадры: "HR",
  "отдел кадров": "HR",
  hr: "HR",
  администратор: "ADMIN",
  admin: "ADMIN",
};

const lower = (value: string) => value.trim().replace(/\s+/g, " ").toLocaleLowerCase("ru");

/** "Бэк-офис/ СПС" → "Бэк-офис / СПС": the path's names trimmed, joined by " / ". */
const normalizePath = (path: string) =>
  path
    .split("/")
    .map((name) => name.trim().replace(/\s+/g, " "))
    .filter(Boolean)
    .join(" / ");

const rowSchema = z.object({
  name: userFieldsSchema.shape.name,
  email: createUserSchema.shape.email,
  position: userFieldsSchema.shape.position,
  department: z.string().transform(normalizePath),
  role: z.string().transform((word, context) => {
    const role = ROLE_WORDS[lower(word)];
    if (role) return role;
    context.addIssue({ code: "custom", message: ti.errors.role });
    return z.NEVER;
  }),
});

export const userImportInputSchema = z.object({ text: z.string() });

export type ImportRow = { line: number; name: string; email: string; position: string; department: string; role: Role };
export type ImportError = { line: number; field: "file" | ImportField; message: string };
export type ImportPreview = { rows: ImportRow[]; errors: ImportError[] };
export type CreatedUser = ImportRow & { id: string; password: string };
/** A file with errors is refused with its preview: the rows as read and every error by line and field. */
export type ImportOutcome = { ok: true; created: CreatedUser[] } | { ok: false; error: "invalid"; fieldErrors: FieldErrors; preview: ImportPreview } | Refused;

const refusedWith = (preview: ImportPreview) => ({ ok: false, error: "invalid", fieldErrors: {}, preview }) as const;

type ParsedRow = ImportRow & { departmentId: string | null };
type Parsed = { rows: ParsedRow[]; errors: ImportError[] };

/** ";" when the header line has more semicolons than commas outside quotes, else ",". */
function detectDelimiter(text: string) {
  const counts = { ";": 0, ",": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (char === ";" || char === ",")) counts[char]++;
  }
  return counts[";"] > counts[","] ? ";" : ",";
}

const fileError = (message: string, line = 1): Parsed => ({ rows: [], errors: [{ line, field: "file", message }] });

/** The file's rows checked on their own: columns, required fields, emails, roles, duplicates within the file. */
export function parseUserCsv(text: string): { rows: (Omit<ParsedRow, "departmentId">)[]; errors: ImportError[] } {
  if (text.length > IMPORT_MAX_CHARS) return fileError(ti.errors.tooLarge(IMPORT_MAX_CHARS));
  const source = text.replace(/^\uFEFF/, "");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended in the file (its line for the messages).
    records = parse(source, { delimiter: detectDelimiter(source), relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) return fileError(ti.errors.malformed(error.message), (error as CsvError & { lines?: number }).lines ?? 1);
    throw error;
  }
  // Lines of nothing but delimiters (a spreadsheet's empty rows) are no users either.
  records = records.filter(({ record }) => record.some((cell) => cell.trim() !== ""));
  if (records.length < 2) return fileError(ti.errors.empty);
  if (records.length - 1 > IMPORT_MAX_ROWS) return fileError(ti.errors.tooManyRows(IMPORT_MAX_ROWS));

  const [header, ...body] = records;
  const columns: (ImportField | null)[] = [];
  const errors: ImportError[] = [];
  for (const cell of header.record) {
    const field = HEADERS[lower(cell)];
    if (!field) errors.push({ line: header.info.lines, field: "file", message: ti.errors.unknownColumn(cell.trim()) });
    else if (columns.includes(field)) errors.push({ line: header.info.lines, field: "file", message: ti.errors.duplicateColumn(cell.trim()) });
    columns.push(field ?? null);
  }
  for (const field of REQUIRED) {
    if (!columns.includes(field)) errors.push({ line: header.info.lines, field: "file", message: ti.errors.missingColumn(t.columns[field]) });
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: Omit<ParsedRow, "departmentId">[] = [];
  const emailLines = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length > columns.length && record.slice(columns.length).some((cell) => cell.trim() !== "")) {
      errors.push({ line, field: "file", message: ti.errors.extraCells });
      continue;
    }
    const cells = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, record[columns.indexOf(field)] ?? ""]));
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, field: issue.path[0] as ImportField, message: issue.message });
      continue;
    }
    const firstLine = emailLines.get(parsed.data.email);
    if (firstLine !== undefined) {
      errors.push({ line, field: "email", message: ti.errors.duplicateEmail(firstLine) });
      continue;
    }
    emailLines.set(parsed.data.email, line);
    rows.push({ line, ...parsed.data });
  }
  return { rows, errors };
}

/** Every department's path from the root (lower-cased) → its id and its path as named. */
async function departmentPaths(client: Tx | typeof db) {
  const departments = await client.department.findMany({ select: { id: true, name: true, parentId: true } });
  const byId = new Map(departments.map((department) => [department.id, department]));
  const pathOf = (id: string): string => {
    const department = byId.get(id)!;
    return department.parentId ? `${pathOf(department.parentId)} / ${department.name}` : department.name;
  };
  return new Map(departments.map(({ id }) => [lower(normalizePath(pathOf(id))), { id, path: pathOf(id) }]));
}

/** The whole check: the file on its own, then departments, existing emails and the roles this viewer may grant. */
async function validate(viewer: CurrentUser, text: string, client: Tx | typeof db): Promise<Parsed> {
  const { rows, errors } = parseUserCsv(text);
  if (rows.length === 0) return { rows: [], errors };
  const departments = await departmentPaths(client);
  const taken = new Set(
    (await client.user.findMany({ where: { email: { in: rows.map((row) => row.email) } }, select: { email: true } })).map((user) => user.email),
  );
  const roles = assignableRoles(viewer);
  const checked: ParsedRow[] = [];
  for (const row of rows) {
    const department = row.department ? departments.get(lower(row.department)) : undefined;
    const rowErrors: ImportError[] = [];
    if (row.department && !department) rowErrors.push({ line: row.line, field: "department", message: ti.errors.department(row.department) });
    if (taken.has(row.email)) rowErrors.push({ line: row.line, field: "email", message: ti.errors.emailTaken });
    if (!roles.includes(row.role)) rowErrors.push({ line: row.line, field: "role", message: t.errors.privilegedRole });
    errors.push(...rowErrors);
    checked.push({ ...row, department: department?.path ?? "", departmentId: department?.id ?? null });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows: checked, errors };
}

const publicRow = (row: ParsedRow): ImportRow => ({
  line: row.line,
  name: row.name,
  email: row.email,
  position: row.position,
  department: row.department,
  role: row.role,
});

/** What the import would create, and every error by line and field; writes nothing. */
export async function previewUserImport(viewer: CurrentUser, input: z.input<typeof userImportInputSchema>): Promise<ChangeResult<ImportPreview>> {
  assertCan(viewer, "manageUsers");
  const parsed = userImportInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { rows, errors } = await validate(viewer, parsed.data.text, db);
  return { ok: true, rows: rows.map(publicRow), errors };
}

/** Thrown inside the transaction to roll it back when an email was taken meanwhile. */
class EmailTaken extends Error {
  constructor(readonly line: number) {
    super("email taken");
  }
}

/**
 * Validates the file again and, only if it has no error at all, creates every user in
 * one transaction with one audit entry each and one for the import. Returns the
 * users with their one-time passwords, which exist nowhere else.
 */
export async function applyUserImport(actor: CurrentUser, input: z.input<typeof userImportInputSchema>): Promise<ImportOutcome> {
  assertCan(actor, "manageUsers");
  const parsed = userImportInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { text } = parsed.data;
  const first = parseUserCsv(text);
  if (first.errors.length > 0) return refusedWith({ rows: [], errors: first.errors });
  // Hashing is slow: done before the transaction, which then stays short.
  const passwords = await Promise.all(
    first.rows.map(async () => {
      const password = generatePassword();
      return { password, passwordHash: await hashPassword(password) };
    }),
  );
  try {
    return await db.$transaction(
      async (tx) => {
        // The department tree's writers take this lock: the paths stay valid until the commit.
        await lockContent(tx);
        const { rows, errors } = await validate(actor, text, tx);
        if (errors.length > 0 || rows.length !== passwords.length) return refusedWith({ rows: rows.map(publicRow), errors });
        const created: CreatedUser[] = [];
        for (const [index, row] of rows.entries()) {
          const fields = { email: row.email, name: row.name, position: row.position, departmentId: row.departmentId, role: row.role };
          const user = await tx.user
            .create({ data: { ...fields, passwordHash: passwords[index].passwordHash, mustChangePassword: true }, select: { id: true } })
            .catch((error: unknown) => {
              if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new EmailTaken(row.line);
              throw error;
            });
          await recordAudit(tx, { actorId: actor.id, action: "user.create", entity: "user", entityId: user.id, after: { ...fields, active: true } });
          created.push({ ...publicRow(row), id: user.id, password: passwords[index].password });
        }
        await recordAudit(tx, {
          actorId: actor.id,
          action: "user.import",
          entity: "user-import",
          entityId: randomUUID(),
          after: { count: created.length, users: created.map((user) => ({ id: user.id, email: user.email })) },
        });
        return { ok: true as const, created };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (error instanceof EmailTaken) {
      return refusedWith({ rows: [], errors: [{ line: error.line, field: "email", message: ti.errors.emailTaken }] });
    }
    throw error;
  }
}
