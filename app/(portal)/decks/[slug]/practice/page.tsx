import type { Metadata } from "next";
import type { QuestionPayloadView } from "@/components/questions/question-input";
import { PracticeSession } from "@/components/study/practice-session";
import { RestartSession } from "@/components/study/restart-session";
import { requireRecordIds } from "@/lib/auth";
import { requirePublishedDeck } from "@/lib/content/deck-page";
import { StudyHeader } from "@/components/study/study-header";
import { messages } from "@/lib/i18n";
import { currentPracticeQuestion, sessionToShow } from "@/lib/study/sessions";

export const metadata: Metadata = { title: messages().study.practiceTitle };

export default async function PracticePage({ params }: PageProps<"/decks/[slug]/practice">) {
  const { slug } = requireRecordIds(await params);
  const { user, deck } = await requirePublishedDeck(slug, `/decks/${slug}/practice`);
  const t = messages();
  const { session, question } = await currentPracticeQuestion(await sessionToShow(user.id, deck, "PRACTICE"));

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <StudyHeader slug={slug} title={t.study.practiceTitle} deckTitle={deck.title} />
      {question ? (
        <PracticeSession
          key={`${session.id}:${session.step}`}
          slug={slug}
          sessionId={session.id}
          step={session.step}
          progress={t.study.progress(session.correct, session.correct + session.queue.length)}
          question={{ ...question, payload: question.payload as QuestionPayloadView }}
        />
      ) : (
        <div className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-5 text-emerald-900" data-testid="practice-done">
          <p>{session.step === 0 ? t.study.noQuestions : t.study.practiceDone(session.correct, session.wrong)}</p>
          <RestartSession slug={slug} mode="PRACTICE" />
        </div>
      )}
    </div>
  );
}
