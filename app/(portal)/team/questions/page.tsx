import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExportLinks } from "@/components/team/export-links";
import { DepartmentSelect } from "@/components/team/department-select";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { formatPercent } from "@/lib/i18n/format";
import {
  examItemStats,
  itemStatsQuerySchema,
  MIN_DISCRIMINATION_ATTEMPTS,
  MIN_FLAG_RESPONSES,
  TOO_EASY_FACILITY,
  TOO_HARD_FACILITY,
  type ItemFlag,
  type WrongAnswer,
} from "@/lib/reports/item-stats";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: messages().itemStats.title };

const flagTone: Record<ItemFlag, string> = {
  "too-easy": "bg-sky-100 text-sky-800",
  "too-hard": "bg-amber-100 text-amber-900",
  "negative-discrimination": "bg-rose-100 text-rose-800",
};

const signed = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });

function wrongAnswerText(answer: WrongAnswer) {
  const t = messages().itemStats;
  if ("text" in answer) return answer.text;
  return answer.value ? t.trueLabel : t.falseLabel;
}

export default async function QuestionStatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/team/questions");
  if (!can(user.role, "viewTeam")) notFound();
  const query = itemStatsQuerySchema.parse(await searchParams);
  const stats = await examItemStats(user, query.exam, query.department);
  if (!stats) notFound();
  const t = messages().itemStats;
  const field = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3" method="get">
        {stats.exam && (
          <label className="grid gap-1 text-sm">
            {t.exam}
            <select name="exam" defaultValue={stats.exam.id} className={field}>
              {stats.exams.map((exam) => (
                <option key={exam.id} value={exam.id}>
                  {exam.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <DepartmentSelect departments={stats.departments} selected={query.department} className={field} />
        <div className="flex items-end">
          <button type="submit" className={buttonClass("primary", "w-full")}>
            {t.apply}
          </button>
        </div>
      </form>

      {!stats.exam ? (
        <EmptyState>{t.noExams}</EmptyState>
      ) : stats.questions.length === 0 ? (
        <EmptyState>{t.noQuestions}</EmptyState>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600">{t.attempts(stats.attempts)}</p>
            <ExportLinks path="/team/export/results" params={{ exam: stats.exam.id, department: query.department }} />
          </div>
          {stats.questions.some((question) => question.withheld) && (
            <p role="note" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="answers-withheld">
              {t.withheldNote}
            </p>
          )}
          <DataTable columns={[t.columns.question, t.columns.type, t.columns.responses, t.columns.facility, t.columns.discrimination, t.columns.wrong, t.columns.flags]} testId="item-stats-table" minWidthClass="min-w-[880px]">
            {stats.questions.map((question) => (
              <tr key={question.questionId} data-testid="item-stat-row" className="align-top">
                <td className="max-w-xs px-4 py-2">
                  {question.prompt === null ? (
                    <span className="text-slate-500 italic">{t.promptWithheld}</span>
                  ) : (
                    <span className="line-clamp-2" title={question.prompt}>
                      {question.prompt}
                    </span>
                  )}
                  <span className="block text-xs text-slate-500">{question.cardFront}</span>
                </td>
                <td className="px-4 py-2 text-slate-600">{t.types[question.type]}</td>
                <td className="px-4 py-2 tabular-nums">
                  {question.responses}
                  <span className="block text-xs text-slate-500">{t.answered(question.answered)}</span>
                </td>
                <td className="px-4 py-2">
                  <div className="flex items-center gap-2">
                    <span className="w-10 text-right tabular-nums">{formatPercent(question.facility)}</span>
                    <div className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                      <div className="h-full bg-brand-600" style={{ width: `${Math.round(question.facility * 100)}%` }} />
                    </div>
                  </div>
                </td>
                <td className="px-4 py-2 tabular-nums">
                  {question.discrimination === null ? t.none : signed.format(question.discrimination)}
                </td>
                <td className="max-w-[14rem] px-4 py-2">
                  {question.withheld ? (
                    <span className="text-slate-500 italic">{t.answerWithheld}</span>
                  ) : question.mostChosenWrong ? (
                    <>
                      <span className="line-clamp-2">{wrongAnswerText(question.mostChosenWrong)}</span>
                      <span className="block text-xs text-slate-500">{t.chosen(question.mostChosenWrong.count)}</span>
                    </>
                  ) : (
                    t.none
                  )}
                </td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap gap-1">
                    {question.flags.map((flag) => (
                      <span key={flag} className={`rounded px-1.5 py-0.5 text-xs ${flagTone[flag]}`}>
                        {t.flags[flag]}
                      </span>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
          <section className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
            <h2 className="mb-2 font-medium text-slate-900">{t.legendTitle}</h2>
            <ul className="list-disc space-y-1 pl-5">
              <li>{t.legendFacility}</li>
              <li>{t.legendDiscrimination(MIN_DISCRIMINATION_ATTEMPTS)}</li>
              <li>{t.legendFlags(MIN_FLAG_RESPONSES, formatPercent(TOO_EASY_FACILITY), formatPercent(TOO_HARD_FACILITY))}</li>
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
