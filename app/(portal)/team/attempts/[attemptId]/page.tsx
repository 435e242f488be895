import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AttemptReview } from "@/components/exams/attempt-review";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { teamAttemptReview } from "@/lib/reports/team";

export const metadata: Metadata = { title: messages().team.title };

export default async function TeamAttemptPage({ params }: PageProps<"/team/attempts/[attemptId]">) {
  const { attemptId } = requireRecordIds(await params);
  const user = await requireUser(`/team/attempts/${attemptId}`);
  if (!can(user.role, "viewTeam")) notFound();
  const review = await teamAttemptReview(user, attemptId);
  if (!review) notFound();
  const t = messages();
  return (
    <article className="mx-auto max-w-3xl space-y-5">
      <Link href={`/team/members/${review.taker.id}`} className="text-sm text-brand-700 hover:underline">
        ← {review.taker.name}
      </Link>
      <h1 className="text-2xl font-semibold">{t.team.reviewTitle(review.taker.name)}</h1>
      <p className="text-slate-600">{review.exam.title}</p>
      {review.keysWithheld && review.status !== "IN_PROGRESS" && (
        <p role="note" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="keys-withheld">
          {t.team.keysWithheld}
        </p>
      )}
      {review.status === "IN_PROGRESS" ? <p role="status">{t.team.inProgress}</p> : <AttemptReview result={review} />}
    </article>
  );
}
