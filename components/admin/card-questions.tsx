// A card's questions beside its editor, each with the heads' dashboard statistics.
import Link from "next/link";
import type { CardQuestion } from "@/lib/admin/cards";
import type { ItemFlag } from "@/lib/reports/item-stats";
import { messages } from "@/lib/i18n";
import { formatPercent } from "@/lib/i18n/format";

const flagTone: Record<ItemFlag, string> = {
  "too-easy": "bg-sky-100 text-sky-800",
  "too-hard": "bg-amber-100 text-amber-900",
  "negative-discrimination": "bg-rose-100 text-rose-800",
};

const signed = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });

const badge = "inline-flex rounded-full px-2 py-0.5 text-xs font-medium";

export function CardQuestions({ questions, basePath }: { questions: CardQuestion[]; basePath: string }) {
  const t = messages().admin.cards;
  const q = messages().admin.questions;
  const stats = messages().itemStats;
  const lint = messages().admin.bankLint;
  return (
    <section className="space-y-3" aria-labelledby="card-questions-title" data-testid="card-questions">
      <div>
        <h2 id="card-questions-title" className="text-lg font-semibold">
          {t.questionsTitle(questions.length)}
        </h2>
        <p className="text-xs text-slate-500">{t.statsNote}</p>
        <Link href={`${basePath}/questions/new`} className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
          + {q.newQuestion}
        </Link>
      </div>
      {questions.length === 0 ? (
        <p className="text-sm text-slate-600">{t.noQuestions}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
          {questions.map((question) => (
            <li key={question.id} data-testid="card-question" className="space-y-2 p-4">
              <div className="flex items-start justify-between gap-3">
                <p className={question.active ? "text-slate-900" : "text-slate-500"}>{question.prompt}</p>
                <Link
                  href={`${basePath}/questions/${question.id}`}
                  aria-label={q.editQuestionOf(question.prompt)}
                  className="shrink-0 text-sm font-medium text-brand-700 hover:underline"
                >
                  {q.editQuestion}
                </Link>
              </div>
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                <span className={`${badge} ${question.active ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}>
                  {question.active ? t.active : t.retired}
                </span>
                <span>{stats.types[question.type]}</span>
                <span aria-hidden="true">·</span>
                <span>{t.pools[question.pool]}</span>
              </div>
              {question.lint && (
                <p
                  data-testid="card-question-lint"
                  className={`text-xs ${question.lint.errors ? "text-red-700" : question.lint.warnings ? "text-amber-800" : "text-slate-500"}`}
                >
                  {lint.counts(question.lint.errors, question.lint.warnings)}
                </p>
              )}
              {question.stats ? (
                <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                  <div className="flex gap-1">
                    <dt className="text-slate-600">{stats.columns.responses}:</dt>
                    <dd className="tabular-nums">
                      {question.stats.responses} <span className="text-xs text-slate-500">({stats.answered(question.stats.answered)})</span>
                    </dd>
                  </div>
                  <div className="flex gap-1">
                    <dt className="text-slate-600">{stats.columns.facility}:</dt>
                    <dd className="tabular-nums">{formatPercent(question.stats.facility)}</dd>
                  </div>
                  <div className="flex gap-1">
                    <dt className="text-slate-600">{stats.columns.discrimination}:</dt>
                    <dd className="tabular-nums">{question.stats.discrimination === null ? stats.none : signed.format(question.stats.discrimination)}</dd>
                  </div>
                  {question.stats.flags.length > 0 && (
                    <div className="flex flex-wrap gap-1">
                      <dt className="sr-only">{stats.columns.flags}</dt>
                      {question.stats.flags.map((flag) => (
                        <dd key={flag} className={`${badge} ${flagTone[flag]}`}>
                          {stats.flags[flag]}
                        </dd>
                      ))}
                    </div>
                  )}
                </dl>
              ) : (
                <p className="text-xs text-slate-500">{t.noStats}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
