import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ExamTaker, type TakerItem } from "@/components/exams/exam-taker";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { takerAttempt } from "@/lib/exams/attempts";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().exams.title };

export default async function AttemptPage({ params }: PageProps<"/attempts/[attemptId]">) {
  const { attemptId } = requireRecordIds(await params);
  const user = await requireUser(`/attempts/${attemptId}`);
  const attempt = await takerAttempt(user, attemptId);
  if (!attempt) notFound();
  if (attempt.status !== "IN_PROGRESS") redirect(`/attempts/${attemptId}/result`);
  return (
    <div className="mx-auto max-w-3xl">
      <ExamTaker
        attemptId={attempt.id}
        examTitle={attempt.exam.title}
        items={attempt.items as TakerItem[]}
        remainingMs={attempt.remainingMs}
        sequential={attempt.exam.navigation === "SEQUENTIAL"}
        cursor={attempt.cursor}
      />
    </div>
  );
}
