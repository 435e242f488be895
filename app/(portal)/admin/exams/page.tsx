import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AssignmentList, type ExamView } from "@/components/admin/assignment-list";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { companyLocal, listAssignmentTargets, listExamsWithAssignments } from "@/lib/admin/assignments";
import { companyTimeZone } from "@/lib/study/calendar";
import { formatDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.exams.title };

export default async function AdminExamsPage() {
  const user = await requireUser("/admin/exams");
  if (!can(user.role, "manageContent")) notFound();
  const t = messages().admin.exams;
  const timeZone = companyTimeZone();
  const [exams, targets] = await Promise.all([listExamsWithAssignments(user), listAssignmentTargets(user)]);
  // Dates are shown and edited in the company's time zone, whatever the browser's.
  const views: ExamView[] = exams.map((exam) => ({
    id: exam.id,
    title: exam.title,
    published: exam.published,
    assignments: exam.assignments.map((assignment) => ({
      id: assignment.id,
      kind: assignment.department ? "department" : "user",
      target: assignment.department?.name ?? (assignment.user ? `${assignment.user.name} (${assignment.user.email})` : "—"),
      inactiveUser: assignment.user ? !assignment.user.active : false,
      dueText: assignment.dueAt ? formatDateTime(assignment.dueAt, timeZone) : null,
      dueLocal: assignment.dueAt ? companyLocal(assignment.dueAt, timeZone) : "",
      createdBy: assignment.createdBy?.name ?? null,
    })),
  }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p className="text-sm text-slate-600">{t.intro}</p>
      <AssignmentList exams={views} departments={targets.departments} users={targets.users} timeZone={timeZone} />
    </div>
  );
}
