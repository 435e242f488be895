import type { Metadata } from "next";
import { Markdown } from "@/components/content/markdown";
import { CramSession } from "@/components/study/cram-session";
import { RestartSession } from "@/components/study/restart-session";
import { requireRecordIds } from "@/lib/auth";
import { requirePublishedDeck } from "@/lib/content/deck-page";
import { StudyHeader } from "@/components/study/study-header";
import { messages } from "@/lib/i18n";
import { sessionToShow } from "@/lib/study/sessions";

export const metadata: Metadata = { title: messages().study.cramTitle };

export default async function CramPage({ params }: PageProps<"/decks/[slug]/cram">) {
  const { slug } = requireRecordIds(await params);
  const { user, deck } = await requirePublishedDeck(slug, `/decks/${slug}/cram`);
  const t = messages();
  const session = await sessionToShow(user.id, deck, "CRAM");
  const card = deck.cards.find((candidate) => candidate.id === session.queue[0]);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <StudyHeader slug={slug} title={t.study.cramTitle} deckTitle={deck.title} />
      <p className="text-sm text-slate-500">{t.deck.cramHint}</p>
      {card && !session.finishedAt ? (
        <CramSession
          key={`${session.id}:${session.step}`}
          sessionId={session.id}
          step={session.step}
          front={card.front}
          back={<Markdown source={card.back} />}
          progress={t.study.progress(deck.cards.length - session.queue.length, deck.cards.length)}
        />
      ) : (
        <div className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-5 text-emerald-900" data-testid="cram-done">
          <p>{t.study.cramDone(deck.cards.length)}</p>
          <RestartSession slug={slug} mode="CRAM" />
        </div>
      )}
    </div>
  );
}
