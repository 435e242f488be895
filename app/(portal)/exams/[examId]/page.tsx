import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartAttemptButton } from "@/components/exams/start-attempt-button";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { listAssignedExams } from "@/lib/exams/access";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { companyTimeZone } from "@/lib/time-zone";

export const metadata: Metadata = { title: messages().exams.title };

export default async function ExamPage({ params }: PageProps<"/exams/[examId]">) {
  const { examId } = requireRecordIds(await params);
  const user = await requireUser(`/exams/${examId}`);
  const exam = (await listAssignedExams(user)).find((candidate) => candidate.id === examId);
  if (!exam) notFound();
  const t = messages();
  const timeZone = companyTimeZone();
  const now = new Date();
  const format = (date: Date | null) => (date ? formatDateTime(date, timeZone) : null);
  const blocked =
    exam.inProgressAttemptId === null &&
    ((exam.opensAt && now < exam.opensAt && "not-yet-open") ||
      (exam.closesAt && now >= exam.closesAt && "closed") ||
      (exam.recheck === null && exam.attemptsAllowed !== null && exam.attemptsUsed >= exam.attemptsAllowed && "no-attempts-left"));

  return (
    <article className="mx-auto max-w-2xl space-y-5">
      <Link href="/" className="text-sm text-brand-700 hover:underline">
        {t.deck.back}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{exam.title}</h1>
        {exam.description && <p className="mt-1 text-slate-600">{exam.description}</p>}
      </header>
      <ul className="grid gap-2 rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-2">
        <li>
          {exam.questionsPerCard
            ? `${t.exams.questions(exam.questionsPerCard * exam.cardCount)} (${t.exams.perCard(exam.questionsPerCard, exam.cardCount)})`
            : t.exams.questions(exam.questionCount ?? 0)}
        </li>
        <li>{t.exams.timeLimit(Math.round(exam.timeLimitSeconds / 60))}</li>
        <li>{t.exams.passMark(exam.passPercent)}</li>
        <li data-testid="attempts-used">{t.exams.attempts(exam.attemptsUsed, exam.attemptsAllowed)}</li>
        <li className="sm:col-span-2">{t.exams.window(format(exam.opensAt), format(exam.closesAt))}</li>
        {exam.dueAt && <li className="sm:col-span-2">{t.exams.due(formatDateTime(exam.dueAt, timeZone))}</li>}
      </ul>
      <section className="rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm">
        <h2 className="mb-2 font-semibold">{t.exams.rulesTitle}</h2>
        <ul className="list-disc space-y-1 pl-5 text-slate-700">
          {t.exams.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
          {exam.navigation === "SEQUENTIAL" && <li>{t.exams.sequentialHint}</li>}
        </ul>
      </section>
      {exam.recheck && (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-sm text-amber-950" data-testid="exam-recheck">
          <h2 className="mb-1 font-semibold">{t.exams.recheckTitle}</h2>
          <p>{t.exams.recheckText(exam.recheck.cards.map((front) => `«${front}»`).join(", "), formatDateTime(exam.recheck.dueAt, timeZone))}</p>
        </section>
      )}
      {blocked ? (
        <p className="rounded-lg bg-amber-50 px-4 py-3 text-amber-900" role="status">
          {t.exams.startErrors[blocked]}
        </p>
      ) : (
        <StartAttemptButton examId={exam.id} label={exam.inProgressAttemptId ? t.exams.continue : exam.recheck ? t.exams.recheckStart : t.exams.start} />
      )}
      {exam.lastAttempt && (
        <Link href={`/attempts/${exam.lastAttempt.id}/result`} className="block text-sm text-brand-700 hover:underline">
          {t.exams.toResult}: {exam.lastAttempt.percent ?? 0}%
        </Link>
      )}
    </article>
  );
}
