import { beforeAll, describe, expect, it, vi } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import { getCurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { addAttemptRow, createExam, deckCards, seedPortal } from "../testing/fixtures";
import { pdfPages } from "../testing/pdf";
import { teamOverviewRows } from "./team";
import { topicHeatmap } from "./topics";
import { attestationProtocol, attestationSheet, periodOf, protocolExams, protocolQuerySchema, sheetQuerySchema } from "./protocol";
import { protocolPdf, sheetPdf } from "./protocol-pdf";
import { GET as protocolRoute } from "../../app/(portal)/team/export/protocol/route";
import { GET as sheetRoute } from "../../app/(portal)/team/members/[memberId]/sheet/route";

// The route handlers read the signed-in user through lib/auth: the tests choose it.
vi.mock("../auth", () => ({ getCurrentUser: vi.fn() }));

const TZ = "Europe/Moscow";
const NOW = new Date("2026-12-10T09:00:00.000Z");
const DUE = new Date("2026-12-05T15:00:00.000Z");
const at = (iso: string) => new Date(iso);
const WHOLE_PERIOD = { from: "2026-01-01", to: "2026-12-31" };

const departmentId = async (key: string) => (await db.department.findUniqueOrThrow({ where: { key } })).id;
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
const statusText: Record<string, string> = { passed: "сдан", failed: "не сдан", "not-started": "не начат", overdue: "просрочен", "in-progress": "идёт попытка" };
const figure = (value: number | null) => (value === null ? "—" : String(value).replace(".", ","));
const day = (date: Date | null) => (date ? new Intl.DateTimeFormat("ru-RU", { timeZone: TZ }).format(date) : "—");

const protocolQuery = (input: Record<string, unknown>) => protocolQuerySchema.parse({ ...WHOLE_PERIOD, ...input });

/** The protocol, which must exist, and its PDF read back as lines per page. */
async function protocolOf(email: string, input: Record<string, unknown>) {
  const protocol = await attestationProtocol(await viewer(email), protocolQuery(input), NOW);
  if (!protocol) throw new Error("expected a protocol, got null");
  const pdf = await protocolPdf(protocol, TZ);
  const pages = await pdfPages(pdf);
  return { protocol, pdf, pages, lines: pages.flatMap((page) => page.lines), text: pages.map((page) => page.text).join(" ") };
}

describe("attestation protocol", () => {
  let examId: string;
  let examTitle: string;
  let foreignExamId: string;
  let cards: { id: string; front: string }[];

  beforeAll(async () => {
    await seedPortal();
    cards = (await deckCards()).slice(0, 3);
    const exam = await createExam({ cardIds: cards.map((card) => card.id), dueAt: DUE, questionsPerCard: 2, timeLimitSeconds: 900, passPercent: 75, attemptsAllowed: 3 });
    examId = exam.id;
    examTitle = exam.title;
    foreignExamId = (await createExam({ assignTo: { department: "implementation" } })).id;
    // Enough members of customer support to fill several pages.
    await db.user.createMany({
      data: await Promise.all(
        Array.from({ length: 70 }, async (_, index) => ({
          email: `member${index}@test.example`,
          name: `Участник ${String(index).padStart(2, "0")}`,
          position: "Специалист поддержки",
          departmentId: await departmentId("customer-support"),
        })),
      ),
    });
    const [a, b, c] = cards.map((card) => card.id);
    const employee = await userId("employee@demo.local");
    await addAttemptRow(employee, examId, at("2026-11-20T08:00:00.000Z"), { status: "SUBMITTED", percent: 40, cards: [[a, 0, 2], [b, 1, 2], [c, 1, 2]] });
    await addAttemptRow(employee, examId, at("2026-12-02T08:00:00.000Z"), { status: "SUBMITTED", percent: 83.3, passed: true, cards: [[a, 2, 2], [b, 1, 2], [c, 2, 2]] });
    const engineer = await userId("engineer@demo.local");
    await addAttemptRow(engineer, examId, at("2026-12-03T08:00:00.000Z"), { status: "EXPIRED", percent: 50, cards: [[a, 1, 2], [b, 2, 2], [c, 0, 2]] });
    await addAttemptRow(await userId("member1@test.example"), examId, at("2026-12-09T08:00:00.000Z"), { status: "IN_PROGRESS" });
    // Outside SPS: must never show in the head's protocol.
    await addAttemptRow(await userId("analyst@demo.local"), examId, at("2026-12-02T09:00:00.000Z"), { status: "SUBMITTED", percent: 100, passed: true, cards: [[a, 2, 2], [b, 2, 2], [c, 2, 2]] });
  });

  it("holds every member of the head's scope, nobody else, with the overview's figures, in a PDF of many A4 pages", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const { pdf, pages, text } = await protocolOf(head.email, { exam: examId });
    const overview = await teamOverviewRows(head, { sort: "name" }, NOW);
    const members = overview!.members.filter((member) => member.exams.some((exam) => exam.examId === examId));
    expect(members.length).toBe(75);

    // Each row reads, in order: number, name, position, department, attempts, best, last, result, date.
    let rest = text;
    for (const [index, member] of members.entries()) {
      const exam = member.exams.find((candidate) => candidate.examId === examId)!;
      const row = [index + 1, member.name, member.position, member.departmentName, exam.attempts, figure(exam.best), figure(exam.last), statusText[exam.status], day(exam.lastAt)].join(" ");
      expect(rest).toContain(row);
      rest = rest.slice(rest.indexOf(row) + row.length);
    }
    expect(text).toContain("Сотрудников: 75, сдали: 1.");
    expect(text).toContain("5 Сотрудникова Мария (демо) Специалист поддержки Отдел поддержки клиентов 2 83,3 83,3 сдан 02.12.2026");
    const inScope = new Set(members.map((member) => member.name));
    for (const { name } of await db.user.findMany({ select: { name: true } })) if (!inScope.has(name)) expect(text, name).not.toContain(name);

    // A4, a header and «Стр. n из N» on each page, the table's header row repeated on each page it continues on.
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach(({ lines: page }, index) => {
      expect(page[0]).toBe(`Протокол пробной аттестации · ${examTitle} · СПС · с 01.01.2026 по 31.12.2026`);
      expect(page.at(-1)).toBe(`Данные на 10.12.2026 12:00 | Стр. ${index + 1} из ${pages.length}`);
    });
    const lastRowPage = pages.findIndex((page) => page.text.includes(`${members.length} ${members.at(-1)!.name}`));
    expect(lastRowPage).toBeGreaterThan(0);
    for (const page of pages.slice(0, lastRowPage + 1)) expect(page.text).toContain("№ ФИО, должность Подразделение Попыток Лучший, % Последний, % Результат Дата");
    const raw = Buffer.from(pdf).toString("latin1");
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    // The font is embedded (a TrueType font file), not a standard PDF font.
    expect(raw).toContain("/FontFile2");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto/);
  });

  it("prints the company, department, exam settings, period, topic shares as the heatmap's, the overdue and the signature lines", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const support = await departmentId("customer-support");
    const { protocol, lines, text } = await protocolOf(head.email, { exam: examId, department: support });
    expect(lines).toContain("Организация | Бэк-офис");
    expect(lines).toContain("Подразделение | Отдел поддержки клиентов");
    expect(lines).toContain(`Экзамен | ${examTitle}`);
    expect(lines).toContain("Параметры экзамена | 6 вопросов, 15 мин, проходной балл 75%, попыток: 3");
    expect(lines).toContain("Период | с 01.01.2026 по 31.12.2026");
    expect(text).toContain("Сотрудников: 72, сдали: 1.");

    const heatmap = await topicHeatmap(head, { department: support, rows: "departments", exam: examId }, NOW);
    const shares = new Map(heatmap!.columns.map((column) => [column.cardId, column.examShare]));
    expect(protocol.topics.map((topic) => topic.share)).toEqual(cards.map((card) => shares.get(card.id)));
    expect(protocol.topics.map((topic) => topic.share)).toEqual([(0 + 2) / 4, (1 + 1) / 4, (1 + 2) / 4]);
    for (const [index, card] of cards.entries()) expect(text).toContain(`${card.front} ${[50, 50, 75][index]}%`);

    // Past the due date without a pass and no attempt running: overdue.
    expect(protocol.overdue.map((row) => row.name)).toEqual(protocol.rows.filter((row) => row.name !== "Сотрудникова Мария (демо)" && row.name !== "Участник 01").map((row) => row.name));
    expect(text).toContain("Участник 00 — срок 05.12.2026");
    expect(text).toContain("Руководитель подразделения (Бойкова Анастасия)");
    expect(text).toContain("Специалист по персоналу");
  });

  it("counts only the attempts started within the period (company days)", async () => {
    const { protocol, lines } = await protocolOf("i.zasypkin@company.example", { exam: examId, from: "2026-12-01", to: "2026-12-02" });
    const employee = protocol.rows.find((row) => row.name === "Сотрудникова Мария (демо)")!;
    expect(employee).toMatchObject({ attempts: 1, best: 83.3, last: 83.3, status: "passed" });
    expect(protocol.rows.find((row) => row.name === "Инженеров Павел (демо)")).toMatchObject({ attempts: 0, best: null, status: "overdue" });
    expect(protocol.topics.map((topic) => topic.share)).toEqual([1, 0.5, 1]);
    expect(lines[0]).toContain("с 01.12.2026 по 02.12.2026");
    expect(periodOf({ from: "2026-12-01", to: "2026-12-02" }, TZ)).toEqual({ from: at("2026-11-30T21:00:00.000Z"), to: at("2026-12-02T21:00:00.000Z") });
  });

  it("shows no answer key, prompt or explanation", async () => {
    const { text } = await protocolOf("hr@demo.local", { exam: examId });
    const questions = await db.question.findMany({ where: { cardId: { in: cards.map((card) => card.id) } }, select: { prompt: true, explanation: true } });
    for (const question of questions) {
      expect(text).not.toContain(question.prompt.slice(0, 40));
      if (question.explanation) expect(text).not.toContain(question.explanation.slice(0, 40));
    }
  });

  it("gives HR the whole company and a head only their subtree; a foreign department or exam is not found", async () => {
    const hr = await protocolOf("hr@demo.local", { exam: examId });
    expect(hr.protocol.rows.map((row) => row.name)).toContain("Аналитикова Ирина (демо)");
    const shikin = await viewer("a.shikin@company.example");
    expect((await attestationProtocol(shikin, protocolQuery({ exam: examId }), NOW))!.rows.map((row) => row.name).toSorted()).toEqual(
      (await db.user.findMany({ where: { department: { key: "implementation" } }, select: { name: true } })).map((u) => u.name).toSorted(),
    );
    const zasypkin = await viewer("i.zasypkin@company.example");
    expect(await attestationProtocol(zasypkin, protocolQuery({ exam: examId, department: await departmentId("implementation") }), NOW)).toBeNull();
    expect(await attestationProtocol(zasypkin, protocolQuery({ exam: foreignExamId }), NOW)).toBeNull();
    expect(await attestationProtocol(zasypkin, protocolQuery({ exam: "no-such-exam" }), NOW)).toBeNull();
    expect((await protocolExams(zasypkin)).map((exam) => exam.id)).toEqual([examId]);
    expect((await protocolExams(shikin)).map((exam) => exam.id).toSorted()).toEqual([examId, foreignExamId].toSorted());
    await expect(attestationProtocol(await viewer("employee@demo.local"), protocolQuery({ exam: examId }), NOW)).rejects.toThrow(AccessDenied);
  });

  it("names the field of a bad query", () => {
    const errors = (input: Record<string, unknown>) => protocolQuerySchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(errors({ from: "2026-12-01", to: "2026-12-31" })).toEqual([["exam", "exam: укажите идентификатор экзамена."]]);
    expect(errors({ exam: "e1", from: "2026-13-01", to: "вчера" })).toEqual([
      ["from", "from: укажите дату в виде ГГГГ-ММ-ДД."],
      ["to", "to: укажите дату в виде ГГГГ-ММ-ДД."],
    ]);
    expect(errors({ exam: "e1", from: "2026-12-02", to: "2026-12-01" })).toEqual([["to", "to: конец периода не может быть раньше начала."]]);
    expect(sheetQuerySchema.parse({ exam: "e1", from: "2026-12-01", to: "2026-12-01" })).toEqual({ exam: "e1", from: "2026-12-01", to: "2026-12-01" });
  });

  it("makes a member's attestation sheet: attempts, per-topic shares and readiness, within the scope only", async () => {
    const head = await viewer("i.zasypkin@company.example");
    const employee = await userId("employee@demo.local");
    const sheet = await attestationSheet(head, employee, sheetQuerySchema.parse({ exam: examId, ...WHOLE_PERIOD }), NOW);
    expect(sheet!.summary).toMatchObject({ attempts: 2, best: 83.3, last: 83.3, status: "passed" });
    expect(sheet!.topics.map((topic) => topic.share)).toEqual([0.5, 0.5, 0.75]);
    const pages = await pdfPages(await sheetPdf(sheet!, TZ));
    const text = pages.map((page) => page.text).join(" ");
    expect(text).toContain("Аттестационный лист");
    expect(text).toContain("Сотрудник Сотрудникова Мария (демо)");
    expect(text).toContain("1 20.11.2026 11:00 20.11.2026 11:10 завершена — 40 не сдан");
    expect(text).toContain("2 02.12.2026 11:00 02.12.2026 11:10 завершена — 83,3 сдан");
    expect(text).toContain(`${cards[0].front} 50% 0%`);
    expect(text).toContain("Общая готовность по всем темам: 0%");
    expect(text).toContain("Стр. 1 из 1");

    expect(await attestationSheet(head, await userId("analyst@demo.local"), sheetQuerySchema.parse({ exam: examId, ...WHOLE_PERIOD }), NOW)).toBeNull();
    expect(await attestationSheet(head, employee, sheetQuerySchema.parse({ exam: foreignExamId, ...WHOLE_PERIOD }), NOW)).toBeNull();
  });

  describe("route handlers", () => {
    const signIn = async (email: string | null) => vi.mocked(getCurrentUser).mockResolvedValue(email ? { ...(await viewer(email)), mustChangePassword: false } : null);
    const context = <P>(params: P) => ({ params: Promise.resolve(params) });
    const protocolGet = (query: string) => protocolRoute(new Request(`http://portal.test/team/export/protocol?${query}`), context({}));
    const sheetGet = (memberId: string, query: string) =>
      sheetRoute(new Request(`http://portal.test/team/members/${memberId}/sheet?${query}`), context({ memberId }));
    const period = "from=2026-01-01&to=2026-12-31";

    it("serves the head's protocol and sheet as PDF downloads", async () => {
      await signIn("i.zasypkin@company.example");
      const response = await protocolGet(`exam=${examId}&${period}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="attestation-protocol-fixture-exam-\d+-\d{4}-\d{2}-\d{2}\.pdf"$/);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect((await pdfPages(new Uint8Array(await response.arrayBuffer())))[0].lines[1]).toBe("Протокол пробной аттестации");
      const sheet = await sheetGet(await userId("employee@demo.local"), `exam=${examId}&${period}`);
      expect(sheet.status).toBe(200);
      expect(sheet.headers.get("Content-Type")).toBe("application/pdf");
    });

    it("answers 404 to a head for a foreign department, exam or member, 400 naming the field, 401 and 404 to others", async () => {
      await signIn("i.zasypkin@company.example");
      expect((await protocolGet(`exam=${examId}&department=${await departmentId("implementation")}&${period}`)).status).toBe(404);
      expect((await protocolGet(`exam=${foreignExamId}&${period}`)).status).toBe(404);
      expect((await sheetGet(await userId("analyst@demo.local"), `exam=${examId}&${period}`)).status).toBe(404);
      const bad = await protocolGet(`exam=${examId}&from=2026-12-31&to=2026-01-01`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ status: "invalid", fieldErrors: { to: ["to: конец периода не может быть раньше начала."] } });
      await signIn("employee@demo.local");
      expect((await protocolGet(`exam=${examId}&${period}`)).status).toBe(404);
      await signIn(null);
      expect((await protocolGet(`exam=${examId}&${period}`)).status).toBe(401);
      expect((await sheetGet(await userId("employee@demo.local"), `exam=${examId}&${period}`)).status).toBe(401);
    });
  });
});
