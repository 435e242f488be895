import { ResponseView } from "@/components/exams/response-view";
import { KeyView } from "@/components/questions/key-view";
import type { QuestionPayloadView, ResponseValue } from "@/components/questions/question-input";
import { ReadinessBar } from "@/components/study/readiness-bar";
import type { loadAttemptResult } from "@/lib/exams/results";
import { messages } from "@/lib/i18n";
import { formatDateTime, formatDuration } from "@/lib/i18n/format";
import { companyTimeZone } from "@/lib/time-zone";

type Result = NonNullable<Awaited<ReturnType<typeof loadAttemptResult>>>;

/** A finished attempt: the score, and the topics and answers its review level allows. */
export function AttemptReview({ result }: { result: Result }) {
  const t = messages();
  const timeZone = companyTimeZone();
  const percent = result.percent ?? 0;
  return (
    <>
      <section
        className={`rounded-xl border p-5 shadow-sm ${result.passed ? "border-emerald-200 bg-emerald-50" : "border-rose-200 bg-rose-50"}`}
        data-testid="result-summary"
      >
        <p className="text-xl font-semibold">{result.passed ? t.exams.passed : t.exams.failed}</p>
        <p className="text-lg" data-testid="result-score">
          {t.exams.score(percent, result.exam.passPercent)}
        </p>
        <p className="mt-1 text-sm text-slate-600">
          {formatDateTime(result.startedAt, timeZone)}
          {result.submittedAt && ` · ${formatDuration(result.submittedAt.getTime() - result.startedAt.getTime())}`}
        </p>
        {result.status === "EXPIRED" && <p className="mt-2 text-sm">{t.exams.expiredNote}</p>}
      </section>

      {result.level === "SCORE_ONLY" && <p className="text-sm text-slate-600">{t.exams.reviewHidden}</p>}

      {result.topics.length > 0 && (
        <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="mb-3 font-semibold">{t.exams.topics}</h2>
          <ul className="space-y-2" data-testid="result-topics">
            {result.topics.map((topic) => (
              <li key={topic.cardId}>
                <p className="text-sm">{topic.front}</p>
                <ReadinessBar value={topic.maxPoints ? topic.points / topic.maxPoints : 0} label={topic.front} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {result.items.length > 0 && (
        <section className="space-y-3">
          <h2 className="font-semibold">{t.exams.review}</h2>
          <ol className="space-y-3" data-testid="result-items">
            {result.items.map((item) => (
              <li key={item.position} className={`rounded-xl border bg-white p-4 shadow-sm ${item.correct ? "border-emerald-200" : "border-rose-200"}`}>
                <p className="text-xs text-slate-500">{item.cardFront}</p>
                <p className="font-medium">
                  {item.position + 1}. {item.prompt}
                </p>
                <div className="mt-2 grid gap-3 text-sm sm:grid-cols-2">
                  <div>
                    <p className="font-medium text-slate-600">{t.exams.yourAnswer}</p>
                    <ResponseView type={item.type} payload={item.payload as QuestionPayloadView} response={item.response as ResponseValue} />
                  </div>
                  <div>
                    <p className="font-medium text-slate-600">{t.study.correctAnswer}</p>
                    <KeyView answer={item.key} />
                  </div>
                </div>
                <p className="mt-2 text-sm text-slate-700">{item.explanation}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
