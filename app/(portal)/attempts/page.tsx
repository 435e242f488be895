import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { myAttempts } from "@/lib/exams/results";
import { messages } from "@/lib/i18n";
import { formatDateTime, formatDuration } from "@/lib/i18n/format";
import { companyTimeZone } from "@/lib/time-zone";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: messages().exams.historyTitle };

export default async function AttemptsPage() {
  const user = await requireUser("/attempts");
  const attempts = await myAttempts(user);
  const t = messages().exams;
  const timeZone = companyTimeZone();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.historyTitle}</h1>
      {attempts.length === 0 ? (
        <EmptyState>{t.historyEmpty}</EmptyState>
      ) : (
        <DataTable columns={[t.history.exam, t.history.date, t.history.duration, t.history.score, t.history.status]} testId="attempts-table">
          {attempts.map((attempt) => (
            <tr key={attempt.id}>
              <td className="px-4 py-2">
                <Link
                  href={attempt.status === "IN_PROGRESS" ? `/attempts/${attempt.id}` : `/attempts/${attempt.id}/result`}
                  className="text-brand-700 hover:underline"
                >
                  {attempt.exam.title}
                </Link>
              </td>
              <td className="px-4 py-2">{formatDateTime(attempt.startedAt, timeZone)}</td>
              <td className="px-4 py-2">{attempt.durationMs === null ? "—" : formatDuration(attempt.durationMs)}</td>
              <td className="px-4 py-2">{attempt.percent === null ? "—" : `${attempt.percent}%`}</td>
              <td className="px-4 py-2">
                {attempt.status === "IN_PROGRESS" ? t.attemptStatus.IN_PROGRESS : attempt.passed ? t.statusPassed : t.statusFailed}
                {attempt.status === "EXPIRED" && ` (${t.attemptStatus.EXPIRED})`}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
