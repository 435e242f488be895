import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignmentList, type ExamView } from "@/components/admin/assignment-list";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { listAssignmentTargets, listExamsWithAssignments } from "@/lib/admin/assignments";
import { companyLocal } from "@/lib/admin/company-date-time";
import { listExams } from "@/lib/admin/exams";
import { buttonClass } from "@/components/ui/button";
import { companyTimeZone } from "@/lib/time-zone";
import { formatDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.examEditor.listTitle };

export default async function AdminExamsPage() {
  const user = await requireUser("/admin/exams");
  if (!can(user.role, "manageContent")) notFound();
  const t = messages().admin.exams;
  const editor = messages().admin.examEditor;
  const timeZone = companyTimeZone();
  const [exams, summaries, targets] = await Promise.all([listExamsWithAssignments(user), listExams(user), listAssignmentTargets(user)]);
  const summaryOf = new Map(summaries.map((summary) => [summary.id, summary]));
  // Dates are shown and edited in the company's time zone, whatever the browser's.
  const views: ExamView[] = exams.map((exam) => {
    const summary = summaryOf.get(exam.id);
    return {
      id: exam.id,
      key: summary?.key ?? "",
      title: exam.title,
      published: exam.published,
      deckTitle: summary?.deck?.title ?? null,
      questionTotal: summary?.questionTotal ?? 0,
      attemptCount: summary?.attemptCount ?? 0,
      assignments: exam.assignments.map((assignment) => ({
        id: assignment.id,
        kind: assignment.department ? "department" : "user",
        target: assignment.department?.name ?? (assignment.user ? `${assignment.user.name} (${assignment.user.email})` : "—"),
        inactiveUser: assignment.user ? !assignment.user.active : false,
        dueText: assignment.dueAt ? formatDateTime(assignment.dueAt, timeZone) : null,
        dueLocal: assignment.dueAt ? companyLocal(assignment.dueAt, timeZone) : "",
        createdBy: assignment.createdBy?.name ?? null,
      })),
    };
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{editor.listTitle}</h1>
        <Link href="/admin/exams/new" className={buttonClass("primary", "w-full sm:w-auto")}>
          {editor.create}
        </Link>
      </div>
      <p className="text-sm text-slate-600">{editor.listIntro}</p>
      <p className="text-sm text-slate-600">{t.intro}</p>
      <AssignmentList exams={views} departments={targets.departments} users={targets.users} timeZone={timeZone} />
    </div>
  );
}
