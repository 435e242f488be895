import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExamForm } from "@/components/admin/exam-form";
import { ExamDeleteForm, ExamPublishToggle } from "@/components/admin/exam-visibility";
import { Panel } from "@/components/ui/panel";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { getExamForEditing, listDeckChoices } from "@/lib/admin/exams";
import { companyTimeZone } from "@/lib/time-zone";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.examEditor.pageTitle };

export default async function AdminExamPage({ params }: PageProps<"/admin/exams/[examId]">) {
  const { examId } = requireRecordIds(await params);
  const user = await requireUser(`/admin/exams/${encodeURIComponent(examId)}`);
  if (!can(user.role, "manageContent")) notFound();
  const exam = await getExamForEditing(user, examId);
  if (!exam) notFound();
  const decks = await listDeckChoices(user, exam.deckId);
  const t = messages().admin.examEditor;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/admin/exams" className="text-sm text-brand-700 hover:underline">
        {t.back}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold break-words" data-testid="exam-title">
          {exam.title}
        </h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono text-xs">{t.keyFixed(exam.key)}</span> · {t.attempts(exam.attemptCount)}
        </p>
      </div>
      {/* Not keyed by the version: the form keeps what was typed; a save over a newer one is answered with a conflict. */}
      <ExamForm
        initial={exam}
        decks={decks}
        timeZone={companyTimeZone()}
        exam={{ id: exam.id, version: exam.version, attemptCount: exam.attemptCount, inProgressCount: exam.inProgressCount }}
      />
      <Panel title={t.visibility}>
        <div className="space-y-4">
          <ExamPublishToggle exam={exam} />
          <ExamDeleteForm exam={exam} />
        </div>
      </Panel>
    </div>
  );
}
