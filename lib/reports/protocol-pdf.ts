// The protocol and the personal sheet as PDF (pdfmake, on the server): A4, a header and the
// page number on every page, tables that break across pages with their header row repeated.
// The font is Roboto (Cyrillic included) from the pdfmake package itself (its virtual file
// system of fonts), embedded in each file: nothing is fetched, and pdfmake may read neither
// URLs nor local files.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import pdfmake, { type DocumentDefinition } from "pdfmake";
import fonts from "pdfmake/build/vfs_fonts.js";
import { messages } from "../i18n";
import { companyTimeZone } from "../time-zone";
import type { AttestationProtocol, AttestationSheet } from "./protocol";

const FONT_FILES = { normal: "Roboto-Regular.ttf", bold: "Roboto-Medium.ttf", italics: "Roboto-Italic.ttf", bolditalics: "Roboto-MediumItalic.ttf" };

let ready = false;
function pdfmakeWithFonts() {
  if (!ready) {
    for (const file of Object.values(FONT_FILES)) pdfmake.virtualfs.writeFileSync(file, Buffer.from(fonts[file], "base64"));
    pdfmake.setFonts({ Roboto: FONT_FILES });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    ready = true;
  }
  return pdfmake;
}

const GREY = "#555555";

const dateOf = (date: Date, timeZone: string) => format(new TZDate(date, timeZone), "dd.MM.yyyy");
const dateTimeOf = (date: Date, timeZone: string) => format(new TZDate(date, timeZone), "dd.MM.yyyy HH:mm");
/** A company date YYYY-MM-DD as DD.MM.YYYY. */
const companyDay = (day: string) => day.split("-").reverse().join(".");
/** A figure with a decimal comma, or a dash. */
const decimal = (value: number | null) => (value === null ? messages().protocol.none : String(value).replace(".", ","));
const shareText = (value: number | null) => (value === null ? messages().protocol.none : `${Math.round(value * 100)}%`);

type Exam = AttestationProtocol["exam"];

function settingsText(exam: Exam) {
  const t = messages().protocol;
  return [t.questions(exam.questions), t.minutes(Math.round(exam.timeLimitSeconds / 60)), t.passMark(exam.passPercent), t.attemptsAllowed(exam.attemptsAllowed)].join(", ");
}

/** Label–value lines at the top of a document. */
function facts(lines: [string, string][]) {
  return {
    table: { widths: [120, "*"], body: lines.map(([label, value]) => [{ text: label, color: GREY }, value]) },
    layout: "noBorders",
    margin: [0, 0, 0, 10],
  };
}

/** A table whose header row repeats on every page and whose rows never split. */
function table(widths: (number | string)[], header: string[], rows: unknown[][]) {
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [header.map((text) => ({ text, bold: true, fillColor: "#eeeeee" })), ...rows] },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => "#999999", vLineColor: () => "#999999" },
    margin: [0, 0, 0, 12],
  };
}

/** A4 with the running header (`title`) and a footer with the generation time and «Стр. n из N». */
function document(title: string, generatedAt: Date, timeZone: string, content: unknown[]): DocumentDefinition {
  const t = messages().protocol;
  return {
    pageSize: "A4",
    pageMargins: [40, 56, 40, 48],
    info: { title },
    defaultStyle: { font: "Roboto", fontSize: 9 },
    header: { text: title, fontSize: 8, color: GREY, margin: [40, 24, 40, 0] },
    footer: (page: number, pages: number) => ({
      columns: [{ text: t.asOf(dateTimeOf(generatedAt, timeZone)) }, { text: t.page(page, pages), alignment: "right" }],
      fontSize: 8,
      color: GREY,
      margin: [40, 16, 40, 0],
    }),
    content,
  };
}

const heading = (text: string) => ({ text, bold: true, fontSize: 11, margin: [0, 4, 0, 6] });

/** The PDF of an attestation protocol. */
export async function protocolPdf(protocol: AttestationProtocol, timeZone = companyTimeZone()): Promise<Buffer> {
  const t = messages().protocol;
  const statuses = messages().team.statuses;
  const c = t.columns;
  const department = protocol.department ?? t.allDepartments;
  const period = t.period(companyDay(protocol.period.from), companyDay(protocol.period.to));
  const passed = protocol.rows.filter((row) => row.status === "passed").length;
  const content = [
    { text: t.title, bold: true, fontSize: 16, alignment: "center", margin: [0, 0, 0, 12] },
    facts([
      [t.company, protocol.company],
      [t.department, department],
      [t.exam, protocol.exam.title],
      [t.settings, settingsText(protocol.exam)],
      [t.periodLabel, period],
    ]),
    heading(t.results),
    protocol.rows.length === 0
      ? { text: t.noMembers, margin: [0, 0, 0, 12] }
      : table(
          [16, "*", 84, 40, 40, 54, 56, 50],
          [c.number, c.name, c.department, c.attempts, c.best, c.last, c.result, c.date],
          protocol.rows.map((row, index) => [
            String(index + 1),
            { stack: [row.name, { text: row.position, color: GREY, fontSize: 8 }] },
            row.departmentName,
            String(row.attempts),
            decimal(row.best),
            decimal(row.last),
            statuses[row.status],
            row.lastAt ? dateOf(row.lastAt, timeZone) : t.none,
          ]),
        ),
    { text: t.summary(protocol.rows.length, passed), margin: [0, 0, 0, 12] },
    heading(t.topics),
    table(["*", 70], [t.topicColumns.topic, t.topicColumns.share], protocol.topics.map((topic) => [topic.front, shareText(topic.share)])),
    heading(t.overdue),
    protocol.overdue.length === 0
      ? { text: t.overdueNone, margin: [0, 0, 0, 12] }
      : { ul: protocol.overdue.map((row) => t.overdueRow(row.name, row.dueAt ? dateOf(row.dueAt, timeZone) : t.none)), margin: [0, 0, 0, 12] },
    {
      unbreakable: true,
      stack: [
        heading(t.signatures),
        { text: `${t.head}${protocol.head ? ` (${protocol.head})` : ""}`, margin: [0, 8, 0, 2] },
        t.signatureLine,
        { text: t.hr, margin: [0, 14, 0, 2] },
        t.signatureLine,
        { text: t.dateLine, margin: [0, 14, 0, 0] },
      ],
    },
  ];
  const title = `${t.title} · ${protocol.exam.title} · ${department} · ${period}`;
  return pdfmakeWithFonts().createPdf(document(title, protocol.generatedAt, timeZone, content)).getBuffer();
}

/** The PDF of a member's attestation sheet. */
export async function sheetPdf(sheet: AttestationSheet, timeZone = companyTimeZone()): Promise<Buffer> {
  const t = messages().protocol;
  const statuses = messages().team.statuses;
  const attemptStatus = messages().exams.attemptStatus;
  const c = t.attemptColumns;
  const tc = t.topicColumns;
  const period = t.period(companyDay(sheet.period.from), companyDay(sheet.period.to));
  const content = [
    { text: t.sheetTitle, bold: true, fontSize: 16, alignment: "center", margin: [0, 0, 0, 12] },
    facts([
      [t.company, sheet.company],
      [t.member, sheet.member.name],
      [t.position, sheet.member.position],
      [t.department, sheet.member.departmentName],
      [t.exam, sheet.exam.title],
      [t.settings, settingsText(sheet.exam)],
      [t.periodLabel, period],
      [t.status, statuses[sheet.summary.status]],
    ]),
    heading(t.attempts),
    sheet.attempts.length === 0
      ? { text: t.noAttempts, margin: [0, 0, 0, 12] }
      : table(
          [18, 80, 80, "*", 50, 40, 60],
          [c.number, c.startedAt, c.submittedAt, c.status, c.score, c.percent, c.result],
          sheet.attempts.map((attempt, index) => [
            String(index + 1),
            dateTimeOf(attempt.startedAt, timeZone),
            attempt.submittedAt ? dateTimeOf(attempt.submittedAt, timeZone) : t.none,
            attemptStatus[attempt.status],
            attempt.score === null ? t.none : `${decimal(attempt.score)} / ${decimal(attempt.maxScore)}`,
            decimal(attempt.percent),
            attempt.passed === null ? t.none : attempt.passed ? statuses.passed : statuses.failed,
          ]),
        ),
    heading(t.readiness),
    { text: t.readinessOverall(shareText(sheet.member.readiness)), margin: [0, 0, 0, 6] },
    table(["*", 70, 70], [tc.topic, tc.share, tc.readiness], sheet.topics.map((topic) => [topic.front, shareText(topic.share), shareText(topic.readiness)])),
    {
      unbreakable: true,
      stack: [heading(t.signatures), { text: t.hr, margin: [0, 8, 0, 2] }, t.signatureLine, { text: t.dateLine, margin: [0, 14, 0, 0] }],
    },
  ];
  const title = `${t.sheetTitle} · ${sheet.member.name} · ${sheet.exam.title} · ${period}`;
  return pdfmakeWithFonts().createPdf(document(title, sheet.generatedAt, timeZone, content)).getBuffer();
}
