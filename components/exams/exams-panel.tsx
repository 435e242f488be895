import Link from "next/link";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { CurrentUser } from "@/lib/auth";
import { listAssignedExams } from "@/lib/exams/access";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { companyTimeZone } from "@/lib/time-zone";

export async function ExamsPanel({ user }: { user: CurrentUser }) {
  const t = messages();
  const exams = await listAssignedExams(user);
  const timeZone = companyTimeZone();
  return (
    <Panel title={t.home.examsTitle} action={<Link href="/attempts" className="text-sm text-brand-700 hover:underline">{t.home.examsHistory}</Link>}>
      {exams.length === 0 ? (
        <EmptyState>{t.home.examsEmpty}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="my-exams">
          {exams.map((exam) => {
            const status = exam.inProgressAttemptId
              ? t.exams.statusInProgress
              : exam.recheck
                ? t.exams.statusRecheck
                : exam.passed
                ? t.exams.statusPassed
                : exam.lastAttempt
                  ? t.exams.statusFailed
                  : t.exams.statusNotStarted;
            return (
              <li key={exam.id} className="py-2">
                <Link href={`/exams/${exam.id}`} className="font-medium text-brand-700 hover:underline">
                  {exam.title}
                </Link>
                <p className="text-sm text-slate-600">
                  <span data-testid="exam-status">{status}</span>
                  {exam.bestPercent >= 0 && ` · ${t.exams.best(exam.bestPercent)}`}
                  {exam.recheck
                    ? ` · ${t.exams.due(formatDateTime(exam.recheck.dueAt, timeZone))}`
                    : exam.dueAt && ` · ${t.exams.due(formatDateTime(exam.dueAt, timeZone))}`}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
