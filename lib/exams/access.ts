// Which exams a person may take: published exams assigned to them directly or
// to their department or any department above it. Anything else is "not found".
import "server-only";
import { db } from "../db";
import { can } from "../access/permissions";
import type { Role } from "../generated/prisma/enums";
import { EXAM_POOLS } from "./rules";

/** The user's department and every department above it. */
export async function departmentAncestry(departmentId: string | null): Promise<string[]> {
  if (!departmentId) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain AS (
      SELECT "id", "parentId" FROM "Department" WHERE "id" = ${departmentId}
      UNION
      SELECT parent."id", parent."parentId" FROM "Department" parent JOIN chain ON chain."parentId" = parent."id"
    )
    SELECT "id" FROM chain`;
  return rows.map((row) => row.id);
}

export type Taker = { id: string; departmentId: string | null };

async function assignmentWhere(user: Taker) {
  const departments = await departmentAncestry(user.departmentId);
  return { OR: [{ userId: user.id }, { departmentId: { in: departments } }] };
}

const examFields = {
  id: true,
  key: true,
  title: true,
  description: true,
  questionCount: true,
  questionsPerCard: true,
  timeLimitSeconds: true,
  passPercent: true,
  attemptsAllowed: true,
  opensAt: true,
  closesAt: true,
  reviewPolicy: true,
  reviewTiming: true,
  shuffleQuestions: true,
  shuffleOptions: true,
  navigation: true,
  multipleScoring: true,
  cardWeighting: true,
  _count: { select: { cards: true } },
} as const;

/** An exam the user may take, or null (unpublished, unassigned or absent alike). */
export async function findAssignedExam(user: Taker, examId: string) {
  const where = await assignmentWhere(user);
  const exam = await db.exam.findFirst({
    where: { id: examId, published: true, assignments: { some: where } },
    select: { ...examFields, assignments: { where, select: { dueAt: true } } },
  });
  if (!exam) return null;
  const { assignments, _count, ...rest } = exam;
  return { ...rest, cardCount: _count.cards, dueAt: earliest(assignments.map((a) => a.dueAt)) };
}

export type AssignedExam = NonNullable<Awaited<ReturnType<typeof findAssignedExam>>>;

/**
 * The exams the user may still start or continue an attempt of: assigned to them, their
 * window not closed, and an attempt left, one running or a re-check open (lib/exams/rechecks.ts).
 */
export async function examsStillOpen(user: Taker, now = new Date()): Promise<string[]> {
  const where = await assignmentWhere(user);
  const exams = await db.exam.findMany({
    where: { published: true, assignments: { some: where }, OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
    select: {
      id: true,
      attemptsAllowed: true,
      attempts: { where: { userId: user.id }, select: { status: true, recheckId: true } },
      rechecks: { where: { userId: user.id, passedAt: null }, select: { id: true } },
    },
  });
  return exams
    .filter(
      ({ attemptsAllowed, attempts, rechecks }) =>
        attemptsAllowed === null ||
        attempts.filter((attempt) => attempt.recheckId === null).length < attemptsAllowed ||
        attempts.some((attempt) => attempt.status === "IN_PROGRESS") ||
        rechecks.length > 0,
    )
    .map((exam) => exam.id);
}

/** Whether the user may still start or continue an attempt of the exam (see examsStillOpen). */
export async function mayStillTake(user: Taker, examId: string, now = new Date()): Promise<boolean> {
  return (await examsStillOpen(user, now)).includes(examId);
}

/**
 * Whether another exam the user may still take can draw one of the attempt's exam-only
 * questions: their keys wait for that exam, whatever this exam's own review timing says.
 * (Keys of practice-pool questions are shown in practice after answering anyway.)
 */
export async function keysStillAsked(user: Taker, attempt: { id: string; examId: string }, now = new Date()): Promise<boolean> {
  const others = (await examsStillOpen(user, now)).filter((examId) => examId !== attempt.examId);
  if (others.length === 0) return false;
  const asked = await db.question.count({
    where: {
      pool: "EXAM",
      attemptItems: { some: { attemptId: attempt.id } },
      card: { examCards: { some: { examId: { in: others } } } },
    },
  });
  return asked > 0;
}

/**
 * What a viewer of others' answers (a head's team views) may not read yet: the exams they may
 * still take, and the questions those can draw (their cards' exam-pool questions, retired
 * ones too: they may come back), each with whether it is exam-only. Nothing for those who
 * manage content: they read every key in the editor anyway.
 */
export async function withheldFrom(viewer: Taker & { role: Role }, now = new Date()) {
  if (can(viewer.role, "manageContent")) return { examIds: [] as string[], questions: new Map<string, { examOnly: boolean }>() };
  const examIds = await examsStillOpen(viewer, now);
  if (examIds.length === 0) return { examIds, questions: new Map<string, { examOnly: boolean }>() };
  const questions = await db.question.findMany({
    where: { pool: { in: [...EXAM_POOLS] }, card: { examCards: { some: { examId: { in: examIds } } } } },
    select: { id: true, pool: true },
  });
  return { examIds, questions: new Map(questions.map((question) => [question.id, { examOnly: question.pool === "EXAM" }])) };
}

function earliest(dates: (Date | null)[]) {
  const times = dates.filter((date): date is Date => date !== null).map((date) => date.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/** The exams assigned to the user with their own attempts, for the home page. */
export async function listAssignedExams(user: Taker) {
  const where = await assignmentWhere(user);
  const exams = await db.exam.findMany({
    where: { published: true, assignments: { some: where } },
    orderBy: { title: "asc" },
    select: {
      ...examFields,
      assignments: { where, select: { dueAt: true } },
      attempts: {
        where: { userId: user.id },
        orderBy: { startedAt: "desc" },
        select: { id: true, status: true, percent: true, passed: true, recheckId: true },
      },
      rechecks: { where: { userId: user.id, passedAt: null }, select: { dueAt: true, cardIds: true } },
    },
  });
  const recheckCards = await db.card.findMany({
    where: { id: { in: exams.flatMap((exam) => exam.rechecks.flatMap((recheck) => recheck.cardIds)) } },
    orderBy: { position: "asc" },
    select: { id: true, front: true },
  });
  return exams.map(({ assignments, attempts, rechecks: [recheck], _count, ...exam }) => ({
    ...exam,
    cardCount: _count.cards,
    dueAt: earliest(assignments.map((a) => a.dueAt)),
    /** Attempts of the whole exam (a re-check's do not count against attemptsAllowed). */
    attemptsUsed: attempts.filter((a) => a.recheckId === null).length,
    /** The open re-check (lib/exams/rechecks.ts): its due date and the changed cards' fronts. */
    recheck: recheck
      ? { dueAt: recheck.dueAt, cards: recheckCards.filter((card) => recheck.cardIds.includes(card.id)).map((card) => card.front) }
      : null,
    inProgressAttemptId: attempts.find((a) => a.status === "IN_PROGRESS")?.id ?? null,
    lastAttempt: attempts.find((a) => a.status !== "IN_PROGRESS") ?? null,
    bestPercent: Math.max(-1, ...attempts.map((a) => a.percent ?? -1)),
    passed: attempts.some((a) => a.passed),
  }));
}
