import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExportLinks } from "@/components/team/export-links";
import { DepartmentSelect } from "@/components/team/department-select";
import { ProtocolForm } from "@/components/team/protocol-form";
import { ReadinessBar } from "@/components/study/readiness-bar";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { defaultProtocolPeriod, protocolExams } from "@/lib/reports/protocol";
import { EXAM_STATUSES, teamOverview, teamQuerySchema, type TeamQuery } from "@/lib/reports/team";
import { companyTimeZone } from "@/lib/time-zone";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: messages().team.title };

const statusTone: Record<string, string> = {
  passed: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
  overdue: "bg-amber-100 text-amber-900",
  recheck: "bg-violet-100 text-violet-900",
  "in-progress": "bg-sky-100 text-sky-800",
  "not-started": "bg-slate-100 text-slate-700",
};

function pageHref(query: TeamQuery, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page })) if (value !== undefined && value !== "") params.set(key, String(value));
  return `/team?${params}`;
}

export default async function TeamPage({ searchParams }: PageProps<"/team">) {
  const user = await requireUser("/team");
  if (!can(user.role, "viewTeam")) notFound();
  const query = teamQuerySchema.parse(await searchParams);
  const [overview, exams] = await Promise.all([teamOverview(user, query), protocolExams(user)]);
  if (!overview) notFound();
  const t = messages().team;
  const timeZone = companyTimeZone();
  const field = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5" method="get">
        <DepartmentSelect departments={overview.departments} selected={query.department} className={field} />
        <label className="grid gap-1 text-sm">
          {t.search}
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder={t.searchPlaceholder} className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          {t.status}
          <select name="status" defaultValue={query.status ?? ""} className={field}>
            <option value="">{t.anyStatus}</option>
            {EXAM_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t.statuses[status]}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          {t.sort}
          <select name="sort" defaultValue={query.sort} className={field}>
            {Object.entries(t.sorts).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
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

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="team-total">
          {t.total(overview.total)}
        </p>
        <ExportLinks path="/team/export/overview" params={{ department: query.department, q: query.q, status: query.status, sort: query.sort }} />
      </div>
      {overview.members.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable columns={[t.columns.member, t.columns.department, t.columns.exams, { label: t.columns.readiness, className: "w-40" }, t.columns.activity]} testId="team-table" minWidthClass="min-w-[720px]">
          {overview.members.map((member) => (
            <tr key={member.id} data-testid="team-member">
              <td className="px-4 py-2">
                <Link href={`/team/members/${member.id}`} className="font-medium text-brand-700 hover:underline">
                  {member.name}
                </Link>
                <span className="block text-xs text-slate-500">{member.position}</span>
              </td>
              <td className="px-4 py-2">{member.departmentName}</td>
              <td className="px-4 py-2">
                <ul className="space-y-1">
                  {member.exams.map((exam) => (
                    <li key={exam.examId}>
                      <span className="mr-1">{exam.title}:</span>
                      <span className={`rounded px-1.5 py-0.5 text-xs ${statusTone[exam.status]}`} data-testid="member-exam-status">
                        {t.statuses[exam.status]}
                      </span>
                      {exam.recheckCards.length > 0 && (
                        <span className="block text-xs text-violet-900" data-testid="member-recheck-cards">
                          {t.recheckCards(exam.recheckCards)}
                        </span>
                      )}
                      <span className="block text-xs text-slate-500">{t.scores(exam.best, exam.last, exam.attempts)}</span>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-4 py-2">
                <ReadinessBar value={member.readiness} label={`${t.columns.readiness}: ${member.name}`} />
              </td>
              <td className="px-4 py-2 text-slate-600">
                {member.lastActivity ? formatDateTime(member.lastActivity, timeZone) : t.noActivity}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager page={overview.page} pages={overview.pages} hrefOf={(page) => pageHref(query, page)} label={t.pagesLabel} />
      <ProtocolForm
        action="/team/export/protocol"
        title={messages().protocol.formTitle}
        exams={exams}
        departments={overview.departments}
        period={defaultProtocolPeriod()}
        empty={messages().protocol.noExams}
        testId="protocol-form"
      />
    </div>
  );
}
