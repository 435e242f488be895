import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DepartmentSelect } from "@/components/team/department-select";
import { TrendsChart } from "@/components/team/trends-chart";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { formatPercent } from "@/lib/i18n/format";
import { TREND_WEEKS, teamTrends, trendsQuerySchema } from "@/lib/reports/trends";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: messages().trends.title };

// A week's Monday is already a company date (YYYY-MM-DD): formatted in UTC so that it stays that date.
const weekDate = new Intl.DateTimeFormat("ru-RU", { dateStyle: "medium", timeZone: "UTC" });
const oneDecimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });

export default async function TrendsPage({ searchParams }: PageProps<"/team/trends">) {
  const user = await requireUser("/team/trends");
  if (!can(user.role, "viewTeam")) notFound();
  const query = trendsQuerySchema.parse(await searchParams);
  const trends = await teamTrends(user, query);
  if (!trends) notFound();
  const t = messages().trends;
  const field = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3" method="get">
        <DepartmentSelect departments={trends.departments} selected={query.department} className={field} />
        <label className="grid gap-1 text-sm">
          {t.exam}
          <select name="exam" defaultValue={query.exam ?? ""} className={field}>
            <option value="">{t.anyExam}</option>
            {trends.exams.map((exam) => (
              <option key={exam.id} value={exam.id}>
                {exam.title}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass("primary", "w-full")}>
            {t.apply}
          </button>
        </div>
      </form>
      <p className="text-sm text-slate-600">{t.period(TREND_WEEKS)}</p>

      {trends.weeks.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <>
          <Panel title={t.chartTitle}>
            <TrendsChart weeks={trends.weeks} />
          </Panel>
          <DataTable columns={[t.week, { label: t.attempts, className: "text-right" }, { label: t.passed, className: "text-right" }, { label: t.passRate, className: "text-right" }, { label: t.meanPercent, className: "text-right" }]} testId="trends-table" minWidthClass="min-w-[520px]" caption={t.chartTitle} bodyClassName="tabular-nums">
            {trends.weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row" className="px-4 py-2 font-normal">
                  {t.weekOf(weekDate.format(new Date(`${week.weekStart}T00:00:00Z`)))}
                </th>
                <td className="px-4 py-2 text-right">{week.attempts}</td>
                <td className="px-4 py-2 text-right">{week.passed}</td>
                <td className="px-4 py-2 text-right">{week.passRate === null ? t.none : formatPercent(week.passRate)}</td>
                <td className="px-4 py-2 text-right">{week.meanPercent === null ? t.none : `${oneDecimal.format(week.meanPercent)}%`}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}
