import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AttemptReview } from "@/components/exams/attempt-review";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { attemptResult } from "@/lib/exams/results";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { companyTimeZone } from "@/lib/time-zone";

export const metadata: Metadata = { title: messages().exams.resultTitle };

export default async function AttemptResultPage({ params }: PageProps<"/attempts/[attemptId]/result">) {
  const { attemptId } = requireRecordIds(await params);
  const user = await requireUser(`/attempts/${attemptId}/result`);
  const result = await attemptResult(user, attemptId);
  if (!result) notFound();
  if (result.status === "IN_PROGRESS") redirect(`/attempts/${attemptId}`);
  const t = messages();

  return (
    <article className="mx-auto max-w-3xl space-y-5">
      <Link href={`/exams/${result.exam.id}`} className="text-sm text-brand-700 hover:underline">
        ← {t.exams.toExam}
      </Link>
      <h1 className="text-2xl font-semibold">
        {t.exams.resultTitle}: {result.exam.title}
      </h1>
      {result.exam.reviewPolicy === "FULL" && result.level !== "FULL" && (
        <p role="note" className="rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700" data-testid="review-later">
          {result.keysAskedElsewhere
            ? t.exams.reviewAfterOtherExams
            : result.exam.reviewTiming === "AFTER_CLOSE" && result.exam.closesAt
              ? t.exams.reviewLater(formatDateTime(result.exam.closesAt, companyTimeZone()))
              : t.exams.reviewAfterLastAttempt}
        </p>
      )}
      <AttemptReview result={result} />
    </article>
  );
}
