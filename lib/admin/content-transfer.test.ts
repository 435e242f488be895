import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { exportContent } from "../content/export";
import { messages } from "../i18n";
import { toCsv } from "../reports/export";
import { resetDatabase, viewer } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { deckArchive, deckQuestionsTable, importContentArchive, type ContentImportResult } from "./content-transfer";

const DECK = "attestation-prep";
const deckDir = `decks/${DECK}`;
const t = messages().admin.contentTransfer;
const temporaryDirs: string[] = [];

/** Every row an import may write, and the audit log. */
async function snapshot() {
  return {
    departments: await db.department.findMany({ orderBy: { key: "asc" } }),
    users: await db.user.findMany({ orderBy: { email: "asc" } }),
    decks: await db.deck.findMany({ orderBy: { slug: "asc" } }),
    cards: await db.card.findMany({ orderBy: { key: "asc" } }),
    questions: await db.question.findMany({ orderBy: { key: "asc" } }),
    exams: await db.exam.findMany({ orderBy: { key: "asc" } }),
    assignments: await db.assignment.findMany({ orderBy: { id: "asc" } }),
    auditLog: await db.auditLog.findMany({ orderBy: { id: "asc" } }),
  };
}

let hr: CurrentUser;
let deckId: string;

beforeEach(async () => {
  await resetDatabase();
  await seed({ demo: true });
  hr = await viewer("hr@demo.local");
  deckId = (await db.deck.findUniqueOrThrow({ where: { slug: DECK } })).id;
});

afterAll(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The deck archive's files as texts. */
async function deckFiles(): Promise<Map<string, string>> {
  const archive = await deckArchive(hr, deckId);
  return new Map(Object.entries(unzipSync(archive!.data)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const zipTexts = (files: Map<string, string>) => zipSync(Object.fromEntries([...files].map(([name, text]) => [name, strToU8(text)])) as Zippable);
const upload = (data: Uint8Array, name = `${DECK}.zip`) => new File([new Uint8Array(data)], name, { type: "application/zip" });

function report(result: ContentImportResult) {
  if (!result.ok) throw new Error(`expected a report, got ${JSON.stringify(result)}`);
  return result;
}

type QuestionYaml = Record<string, unknown> & { id: string; prompt: string };
const questionsOf = (files: Map<string, string>, card: string) => YAML.parse(files.get(`${deckDir}/questions/${card}.yaml`)!) as QuestionYaml[];

describe("access", () => {
  it("refuses employees and heads", async () => {
    for (const email of ["employee@demo.local", "i.zasypkin@company.example"]) {
      const user = await viewer(email);
      await expect(deckArchive(user, deckId)).rejects.toThrow(AccessDenied);
      await expect(deckQuestionsTable(user, deckId)).rejects.toThrow(AccessDenied);
      await expect(importContentArchive(user, { file: upload(zipTexts(await deckFiles())), mode: "import" })).rejects.toThrow(AccessDenied);
    }
  });
});

/** The content/ folder as archive files (path → text), under `content/`. */
function contentFolderFiles() {
  const root = path.resolve("content");
  return new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const full = path.join(entry.parentPath, entry.name);
        return [`content/${path.relative(root, full)}`, readFileSync(full, "utf8")];
      }),
  );
}

/** The content/ folder as archive files, with org.yaml's head of a department replaced. */
function contentWithHead(department: string, head: { name: string; email: string; position: string }) {
  const files = contentFolderFiles();
  type Node = { key: string; head?: object; children?: Node[] };
  const org = YAML.parse(files.get("content/org.yaml")!) as { departments: Node[] };
  const visit = (nodes: Node[]) => nodes.forEach((node) => (node.key === department ? (node.head = head) : visit(node.children ?? [])));
  visit(org.departments);
  files.set("content/org.yaml", YAML.stringify(org));
  return upload(zipTexts(files), "content.zip");
}

const accountFields = { name: true, position: true, role: true, passwordHash: true, active: true, departmentId: true, mustChangePassword: true } as const;
const account = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: accountFields });
const headOf = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).headId;

describe("org.yaml heads and privileged accounts", () => {
  const takeover = { name: "Захватов Захват", position: "Руководитель отдела продаж" };

  it("lets HR link an HR or ADMIN account as a head but never change it", async () => {
    for (const email of ["admin@demo.local", "hr@demo.local"]) {
      const before = await account(email);
      const result = report(await importContentArchive(hr, { file: contentWithHead("sales", { ...takeover, email }), mode: "import" }));
      expect(result.report.errors, email).toEqual([]);
      expect(await account(email), email).toEqual(before);
      expect(await headOf("sales"), email).toBe((await viewer(email)).id);
    }
  });

  it("lets an ADMIN importer change an HR account named as a head", async () => {
    const admin = await viewer("admin@demo.local");
    const salesId = (await db.department.findUniqueOrThrow({ where: { key: "sales" } })).id;
    const before = await account("hr@demo.local");
    report(await importContentArchive(admin, { file: contentWithHead("sales", { ...takeover, email: "hr@demo.local" }), mode: "import" }));
    expect(await account("hr@demo.local")).toEqual({ ...before, ...takeover, departmentId: salesId });
    expect(await headOf("sales")).toBe(hr.id);
  });

  it("links an existing employee as a head and updates their name, position and department as before", async () => {
    const employee = await viewer("employee@demo.local");
    const salesId = (await db.department.findUniqueOrThrow({ where: { key: "sales" } })).id;
    const before = await account(employee.email);
    report(await importContentArchive(hr, { file: contentWithHead("sales", { ...takeover, email: employee.email }), mode: "import" }));
    expect(await account(employee.email)).toEqual({ ...before, ...takeover, departmentId: salesId });
    expect(await headOf("sales")).toBe(employee.id);
  });
});

describe("deck export", () => {
  it("zips exactly the deck's files that content:export writes", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "deck-archive-test-"));
    temporaryDirs.push(parent);
    await exportContent(path.join(parent, "export"));
    const exported = path.join(parent, "export", deckDir);
    const expected = new Map(
      readdirSync(exported, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const full = path.join(entry.parentPath, entry.name);
          return [`${deckDir}/${path.relative(exported, full)}`, readFileSync(full, "utf8")];
        }),
    );
    const files = await deckFiles();
    expect([...files.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(files).toEqual(expected);
    expect(await deckArchive(hr, "no-such-deck")).toBeNull();
  });

  it("lists every question in the CSV, retired ones marked, with options and the correct answers", async () => {
    const retired = await db.question.update({ where: { key: "company-structure-sales-head" }, data: { active: false } });
    const table = await deckQuestionsTable(hr, deckId);
    const rows = parse(toCsv(table!, "Europe/Moscow"), { delimiter: ";", bom: true }) as string[][];
    const c = t.csvColumns;
    expect(rows[0]).toEqual([c.cardKey, c.card, c.questionId, c.type, c.pool, c.status, c.prompt, c.options, c.correct, c.explanation]);
    expect(rows).toHaveLength(1 + (await db.question.count({ where: { card: { deckId } } })));
    expect(rows.filter((row) => row[5] === t.retired).map((row) => row[2])).toEqual([retired.key]);
    expect(rows.find((row) => row[2] === retired.key)).toEqual([
      "company-structure",
      "Структура компании",
      retired.key,
      "Один верный ответ",
      "Практика и экзамен",
      t.retired,
      retired.prompt,
      "Богатенков Илья Вадимович\nШикин Алексей Николаевич\nПивоваров Константин Александрович\nЗасыпкин Иван Владимирович",
      "Богатенков Илья Вадимович",
      retired.explanation,
    ]);
    const trueFalse = rows.find((row) => row[2] === "requests-transfer-several-times")!;
    expect(trueFalse.slice(7, 9)).toEqual(["", "Неверно"]);
    expect(await deckQuestionsTable(hr, "no-such-deck")).toBeNull();
  });
});

describe("archive import", () => {
  it("finds nothing to do in the portal's own deck archive (the round trip), and importing it writes only the audit entry", async () => {
    const archive = upload(zipTexts(await deckFiles()));
    const before = await snapshot();
    const nothing = { created: 0, changed: 0, retired: 0, items: [], errors: [], warnings: expect.any(Array) };
    expect(await importContentArchive(hr, { file: archive, mode: "check" })).toEqual({ ok: true, applied: false, report: nothing });
    expect(await snapshot()).toEqual(before);

    expect(await importContentArchive(hr, { file: archive, mode: "import" })).toEqual({ ok: true, applied: true, report: nothing });
    const after = await snapshot();
    expect({ ...after, auditLog: [] }).toEqual({ ...before, auditLog: [] });
    expect(after.auditLog.slice(before.auditLog.length)).toMatchObject([
      { actorId: hr.id, action: "content.import", entity: "content", entityId: `${DECK}.zip`, after: { created: 0, changed: 0, retired: 0 } },
    ]);
  });

  it("finds nothing to do in an archive of the whole content/ folder, README and all", async () => {
    const files = contentFolderFiles();
    const result = report(await importContentArchive(hr, { file: upload(zipTexts(files), "content.zip"), mode: "check" }));
    expect(result.report).toEqual({ created: 0, changed: 0, retired: 0, items: [], errors: [], warnings: expect.any(Array) });
  });

  it("previews exactly what an edited archive changes, writes nothing, and then imports just that", async () => {
    const files = await deckFiles();
    const cardFile = `${deckDir}/cards/email.md`;
    files.set(cardFile, `${files.get(cardFile)}- Новый пункт карточки.\n`);
    const structure = questionsOf(files, "company-structure");
    const removed = structure.at(-1)!;
    files.set(`${deckDir}/questions/company-structure.yaml`, YAML.stringify(structure.slice(0, -1)));
    const archive = upload(zipTexts(files));

    const before = await snapshot();
    const expected = {
      created: 0,
      changed: 1,
      retired: 1,
      items: [
        { action: "changed", kind: "card", key: "email", title: "В письме" },
        { action: "retired", kind: "question", key: removed.id, title: removed.prompt },
      ],
      errors: [],
      warnings: expect.any(Array),
    };
    expect(report(await importContentArchive(hr, { file: archive, mode: "check" }))).toEqual({ ok: true, applied: false, report: expected });
    expect(await snapshot()).toEqual(before);

    expect(report(await importContentArchive(hr, { file: archive, mode: "import" }))).toEqual({ ok: true, applied: true, report: expected });
    expect((await db.card.findFirstOrThrow({ where: { key: "email" } })).back).toMatch(/- Новый пункт карточки\.$/);
    expect(await db.question.findUniqueOrThrow({ where: { key: removed.id } })).toMatchObject({ active: false });
    expect(report(await importContentArchive(hr, { file: archive, mode: "check" })).report.items).toEqual([]);
  });

  it("names the file, the question and the field of a bad question, and writes nothing, checked or imported", async () => {
    const files = await deckFiles();
    const email = questionsOf(files, "email");
    const bad = email[2];
    bad.pool = "sometimes";
    files.set(`${deckDir}/questions/email.yaml`, YAML.stringify(email));
    const archive = upload(zipTexts(files));

    const before = await snapshot();
    for (const mode of ["check", "import"]) {
      const result = report(await importContentArchive(hr, { file: archive, mode }));
      expect(result, mode).toMatchObject({ applied: false, report: { created: 0, changed: 0, retired: 0, items: [] } });
      expect(result.report.errors, result.report.errors.join("\n")).toHaveLength(1);
      expect(result.report.errors[0]).toMatch(new RegExp(`^${DECK}\\.zip/${deckDir}/questions/email\\.yaml: question 3 \\(${bad.id}\\), field "pool": `));
      expect(await snapshot()).toEqual(before);
    }
  });

  it("reports an exam of a deck archive assigned to a department the portal does not have, and writes nothing", async () => {
    const files = await deckFiles();
    const exam = readFileSync(path.resolve("content/exams/mock-attestation.yaml"), "utf8");
    files.set("exams/deck-check.yaml", exam.replace("department: back-office", "department: marketing"));
    files.set("exams/deck-check-known.yaml", exam);
    const before = await snapshot();
    const result = report(await importContentArchive(hr, { file: upload(zipTexts(files)), mode: "check" }));
    expect(result.report).toEqual({
      created: 0,
      changed: 0,
      retired: 0,
      items: [],
      errors: [`${DECK}.zip/exams/deck-check.yaml: field "assignments.0.department": there is no department "marketing" in org.yaml or in the portal`],
      warnings: expect.any(Array),
    });
    expect(await snapshot()).toEqual(before);

    files.delete("exams/deck-check.yaml");
    const known = report(await importContentArchive(hr, { file: upload(zipTexts(files)), mode: "import" }));
    expect(known.report.items).toEqual([
      { action: "created", kind: "exam", key: "deck-check-known", title: "Пробная аттестация" },
      { action: "created", kind: "assignment", key: "deck-check-known → back-office", title: "Пробная аттестация → Бэк-офис" },
    ]);
  });

  it("refuses a file that is not an archive, a missing file and an unknown mode as errors of their fields", async () => {
    expect(await importContentArchive(hr, { file: upload(strToU8("не архив"), "questions.csv"), mode: "check" })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { file: [t.errors.notZip] },
    });
    expect(await importContentArchive(hr, { file: null, mode: "apply" })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { file: [t.errors.fileRequired], mode: [t.errors.modeInvalid] },
    });
    expect(await importContentArchive(hr, { file: upload(new Uint8Array()), mode: "check" })).toMatchObject({ fieldErrors: { file: [t.errors.empty] } });
  });
});
