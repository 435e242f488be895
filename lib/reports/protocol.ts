// «Протокол пробной аттестации»: an exam's results in a department (with its subtree) over a
// period, and a member's «аттестационный лист». The figures come from the team overview's
// own queries (teamOverviewRows, teamMemberRow, examTopicPoints), limited to the period,
// so the protocol and the overview never disagree. No answer key is read.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { z } from "zod";
import { RECORD_ID } from "../access/ids";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { env } from "../env";
import { messages } from "../i18n";
import { companyDate } from "../study/calendar";
import { readinessOfUsers } from "../study/readiness";
import { companyTimeZone } from "../time-zone";
import { teamMemberRow, teamOverviewRows, teamQuerySchema, type ExamStatus, type Period } from "./team";
import { coveredMembersWhere, teamDepartments } from "./team-scope";
import { examTopicPoints, share } from "./topics";

const day = (field: "from" | "to") => z.iso.date({ error: () => messages().protocol.dateInvalid(field) });

const examField = z
  .string({ error: () => messages().exports.examInvalid })
  .trim()
  .regex(RECORD_ID, { error: () => messages().exports.examInvalid });

const periodFields = { exam: examField, from: day("from"), to: day("to") };
const fromNotAfterTo = (query: { from: string; to: string }) => query.from <= query.to;
const periodOrder = { path: ["to"], error: () => messages().protocol.periodInvalid };

/** The protocol's query: exam, department (default: the whole scope), period as company dates, both included. */
export const protocolQuerySchema = z.object({ ...periodFields, department: teamQuerySchema.shape.department }).refine(fromNotAfterTo, periodOrder);
export type ProtocolQuery = z.infer<typeof protocolQuerySchema>;

/** The personal sheet's query: exam and period. */
export const sheetQuerySchema = z.object(periodFields).refine(fromNotAfterTo, periodOrder);
export type SheetQuery = z.infer<typeof sheetQuerySchema>;

/** The instants of a period of company dates: from the start of `from` to the end of `to`. */
export function periodOf(query: { from: string; to: string }, timeZone = companyTimeZone()): Period {
  const start = (date: string) => {
    const [year, month, dayOfMonth] = date.split("-").map(Number);
    return TZDate.tz(timeZone, year, month - 1, dayOfMonth);
  };
  return { from: new Date(start(query.from).getTime()), to: new Date(addDays(start(query.to), 1).getTime()) };
}

/** The period a protocol form starts with: from the first day of the company's year to its today. */
export function defaultProtocolPeriod(now = new Date(), timeZone = companyTimeZone()) {
  const today = companyDate(now, timeZone);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

async function examSettings(examId: string) {
  const exam = await db.exam.findUnique({
    where: { id: examId },
    select: {
      id: true,
      key: true,
      title: true,
      questionCount: true,
      questionsPerCard: true,
      timeLimitSeconds: true,
      passPercent: true,
      attemptsAllowed: true,
      cards: { orderBy: [{ card: { deck: { title: "asc" } } }, { card: { position: "asc" } }], select: { card: { select: { id: true, front: true } } } },
    },
  });
  if (!exam) return null;
  const { cards, questionCount, questionsPerCard, ...rest } = exam;
  return { ...rest, questions: questionCount ?? (questionsPerCard ?? 0) * cards.length, cards: cards.map(({ card }) => card) };
}

/**
 * The exams a protocol may be made of for `viewer`: published ones assigned to a member of
 * the scope (directly, to their department or one above it), and those a member took. Any
 * other exam is "not found" to the viewer.
 */
export async function protocolExams(viewer: CurrentUser) {
  const covered = (await teamDepartments(viewer))!;
  const members = coveredMembersWhere(covered);
  let assigned = {};
  if (covered.departmentIds) {
    const parentOf = new Map((await db.department.findMany({ select: { id: true, parentId: true } })).map((d) => [d.id, d.parentId]));
    const applying = new Set<string>();
    for (const id of covered.departmentIds) for (let current: string | null = id; current; current = parentOf.get(current) ?? null) applying.add(current);
    assigned = { OR: [{ departmentId: { in: [...applying] } }, { user: members }] };
  }
  return db.exam.findMany({
    where: { OR: [{ published: true, assignments: { some: assigned } }, { attempts: { some: { user: members } } }] },
    orderBy: { title: "asc" },
    select: { id: true, title: true },
  });
}

/** The company's name (COMPANY_NAME), else the name of the top department above `departmentId`. */
async function companyName(departmentId: string | null) {
  const configured = env().COMPANY_NAME;
  if (configured) return configured;
  const departments = await db.department.findMany({ select: { id: true, parentId: true, name: true } });
  const byId = new Map(departments.map((d) => [d.id, d]));
  let top = departmentId ? byId.get(departmentId) : departments.find((d) => d.parentId === null);
  while (top?.parentId) top = byId.get(top.parentId);
  return top?.name ?? "";
}

export type ProtocolRow = {
  id: string;
  name: string;
  position: string;
  departmentName: string;
  attempts: number;
  best: number | null;
  last: number | null;
  status: ExamStatus;
  lastAt: Date | null;
  dueAt: Date | null;
};

export type TopicShare = { cardId: string; front: string; share: number | null };

/**
 * The protocol of `query.exam` for the members of the chosen department (default: the
 * viewer's whole scope) the exam is assigned to: one row per member with the overview's
 * figures from the attempts started within the period, the group's share of points per
 * card, who is overdue at `now`, and whom the signature lines name. Null when the exam
 * is not one of the viewer's (protocolExams) or the department is outside the scope.
 */
export async function attestationProtocol(viewer: CurrentUser, query: ProtocolQuery, now = new Date()) {
  const covered = await teamDepartments(viewer, query.department || undefined);
  if (!covered) return null;
  if (!(await protocolExams(viewer)).some((exam) => exam.id === query.exam)) return null;
  const exam = (await examSettings(query.exam))!;
  const period = periodOf(query);
  const overview = (await teamOverviewRows(viewer, { department: query.department, sort: "name" }, now, period))!;
  const rows: ProtocolRow[] = overview.members.flatMap((member) => {
    const summary = member.exams.find((candidate) => candidate.examId === exam.id);
    if (!summary) return [];
    const { attempts, best, last, status, lastAt, dueAt } = summary;
    return [{ id: member.id, name: member.name, position: member.position, departmentName: member.departmentName, attempts, best, last, status, lastAt, dueAt }];
  });
  const cardIds = exam.cards.map((card) => card.id);
  const points = rows.length ? await examTopicPoints(rows.map((row) => row.id), cardIds, exam.id, period) : [];
  const group = new Map(points.filter((row) => row.userId === null).map((row) => [row.cardId, row]));

  const tops = covered.pickable.filter((d) => !covered.pickable.some((parent) => parent.id === d.parentId));
  const chosen = query.department ? covered.pickable.find((d) => d.id === query.department) : undefined;
  const shown = chosen ? [chosen] : covered.departmentIds ? tops : [];
  const heads = await db.department.findMany({ where: { id: { in: shown.map((d) => d.id) } }, select: { head: { select: { name: true } } } });
  return {
    company: await companyName(chosen?.id ?? tops[0]?.id ?? null),
    department: shown.map((d) => d.name).join(", ") || null,
    exam: { title: exam.title, key: exam.key, questions: exam.questions, timeLimitSeconds: exam.timeLimitSeconds, passPercent: exam.passPercent, attemptsAllowed: exam.attemptsAllowed },
    period: { from: query.from, to: query.to },
    generatedAt: now,
    rows,
    topics: exam.cards.map((card): TopicShare => {
      const found = group.get(card.id);
      return { cardId: card.id, front: card.front, share: share(found?.points ?? 0, found?.maxPoints ?? 0) };
    }),
    overdue: rows.filter((row) => row.status === "overdue"),
    head: heads.length === 1 ? (heads[0].head?.name ?? null) : null,
  };
}

export type AttestationProtocol = NonNullable<Awaited<ReturnType<typeof attestationProtocol>>>;

/**
 * The «аттестационный лист» of a member of the viewer's scope on `query.exam`: the overview's
 * figures from the period, each attempt started within it, the member's share of points per
 * card in them, and readiness at `now` (overall as on the overview, and per card of the exam).
 * Null when the member is outside the scope or the exam is not assigned to them.
 */
export async function attestationSheet(viewer: CurrentUser, memberId: string, query: SheetQuery, now = new Date()) {
  const period = periodOf(query);
  const member = await teamMemberRow(viewer, memberId, now, period);
  const summary = member?.exams.find((exam) => exam.examId === query.exam);
  if (!member || !summary) return null;
  const exam = (await examSettings(query.exam))!;
  const cardIds = exam.cards.map((card) => card.id);
  const [attempts, points, readiness] = await Promise.all([
    db.attempt.findMany({
      where: { userId: member.id, examId: exam.id, startedAt: { gte: period.from, lt: period.to } },
      orderBy: { startedAt: "asc" },
      select: { status: true, startedAt: true, submittedAt: true, score: true, maxScore: true, percent: true, passed: true },
    }),
    examTopicPoints([member.id], cardIds, exam.id, period),
    readinessOfUsers([member.id], cardIds, now),
  ]);
  const own = new Map(points.filter((row) => row.userId !== null).map((row) => [row.cardId, row]));
  const cardReadiness = new Map(readiness.get(member.id)!.cards.map((card) => [card.cardId, card.readiness]));
  return {
    company: await companyName(null),
    member: { name: member.name, position: member.position, departmentName: member.departmentName, readiness: member.readiness },
    exam: { title: exam.title, key: exam.key, questions: exam.questions, timeLimitSeconds: exam.timeLimitSeconds, passPercent: exam.passPercent, attemptsAllowed: exam.attemptsAllowed },
    period: { from: query.from, to: query.to },
    generatedAt: now,
    summary,
    attempts,
    topics: exam.cards.map((card) => {
      const found = own.get(card.id);
      return { cardId: card.id, front: card.front, share: share(found?.points ?? 0, found?.maxPoints ?? 0), readiness: cardReadiness.get(card.id) ?? 0 };
    }),
  };
}

export type AttestationSheet = NonNullable<Awaited<ReturnType<typeof attestationSheet>>>;
