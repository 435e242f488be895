import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExamForm } from "@/components/admin/exam-form";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { listDeckChoices } from "@/lib/admin/exams";
import type { ExamSettings } from "@/lib/admin/exams.schema";
import { companyTimeZone } from "@/lib/time-zone";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.examEditor.newTitle };

/** What a new exam starts with: the content format's defaults, with the only deck chosen when there is one. */
function defaults(deckId: string): ExamSettings {
  return {
    title: "",
    description: "",
    deckId,
    cards: "all",
    questionsPerCard: 1,
    questionCount: null,
    cardWeighting: "POOL",
    cardWeights: {},
    timeLimitMinutes: 30,
    passPercent: 80,
    attemptsAllowed: 1,
    recheckDays: null,
    opensAt: "",
    closesAt: "",
    reviewPolicy: "FULL",
    reviewTiming: "AFTER_LAST_ATTEMPT",
    shuffleQuestions: true,
    shuffleOptions: true,
    navigation: "FREE",
    multipleScoring: "ALL_OR_NOTHING",
  };
}

export default async function NewExamPage() {
  const user = await requireUser("/admin/exams/new");
  if (!can(user.role, "manageContent")) notFound();
  const decks = await listDeckChoices(user);
  const t = messages().admin.examEditor;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/admin/exams" className="text-sm text-brand-700 hover:underline">
        {t.back}
      </Link>
      <h1 className="text-2xl font-semibold">{t.newTitle}</h1>
      <ExamForm initial={defaults(decks.length === 1 ? decks[0].id : "")} decks={decks} timeZone={companyTimeZone()} />
    </div>
  );
}
