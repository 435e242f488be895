import type { Metadata } from "next";
import { Markdown } from "@/components/content/markdown";
import { ReviewSession } from "@/components/study/review-session";
import { UndoLastReview } from "@/components/study/undo-last-review";
import { cardPoints } from "@/lib/content/card-points";
import { requireRecordIds } from "@/lib/auth";
import { requirePublishedDeck } from "@/lib/content/deck-page";
import { StudyHeader } from "@/components/study/study-header";
import { messages } from "@/lib/i18n";
import { formatDateTime, formatInterval } from "@/lib/i18n/format";
import { unseenChange } from "@/lib/study/card-changes";
import { reviewQueue, undoableReview } from "@/lib/study/review";
import { grades } from "@/lib/study/scheduler";
import { wordDiff } from "@/lib/study/word-diff";
import { companyTimeZone } from "@/lib/time-zone";

export const metadata: Metadata = { title: messages().study.reviewTitle };

export default async function ReviewPage({ params }: PageProps<"/decks/[slug]/review">) {
  const { slug } = requireRecordIds(await params);
  const { user, deck } = await requirePublishedDeck(slug, `/decks/${slug}/review`);
  const t = messages();
  const now = new Date();
  const [queue, undoable] = await Promise.all([reviewQueue(user.id, deck, now), undoableReview(user.id, deck.id, now)]);
  const card = queue.next && deck.cards.find((candidate) => candidate.id === queue.next!.cardId);
  const change = card && (await unseenChange(user.id, card.id));

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <StudyHeader slug={slug} title={t.study.reviewTitle} deckTitle={deck.title} />
      {queue.next && card ? (
        <ReviewSession
          key={`${card.id}:${queue.next.state?.reps ?? 0}`}
          slug={slug}
          cardId={card.id}
          front={card.front}
          kind={queue.next.kind}
          back={<Markdown source={card.back} />}
          points={cardPoints(card.back)}
          expectedReps={queue.next.state?.reps ?? 0}
          intervals={grades.map((rating) => ({
            rating,
            label: formatInterval(queue.next!.dueDates[rating].getTime() - now.getTime()),
          }))}
          remaining={t.study.remaining(queue.dueToday, queue.newToday)}
          undoableReview={undoable}
          change={change ? { since: formatDateTime(change.since, companyTimeZone()), parts: wordDiff(change.oldBack, change.newBack) } : undefined}
        />
      ) : (
        <div className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-5 text-emerald-900" data-testid="review-done">
          <p>{t.study.done}</p>
          {undoable && <UndoLastReview slug={slug} reviewId={undoable} />}
        </div>
      )}
    </div>
  );
}
