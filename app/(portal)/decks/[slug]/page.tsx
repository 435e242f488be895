import type { Metadata } from "next";
import Link from "next/link";
import { Markdown } from "@/components/content/markdown";
import { ActivityHeatmap } from "@/components/study/activity-heatmap";
import { ReadinessBar } from "@/components/study/readiness-bar";
import { buttonClass } from "@/components/ui/button";
import { requireRecordIds } from "@/lib/auth";
import { requirePublishedDeck } from "@/lib/content/deck-page";
import { getPublishedDeck } from "@/lib/content/decks";
import { messages } from "@/lib/i18n";
import { studyActivity } from "@/lib/study/activity";
import { deckReadiness } from "@/lib/study/readiness";
import { reviewQueue } from "@/lib/study/review";

export async function generateMetadata({ params }: PageProps<"/decks/[slug]">): Promise<Metadata> {
  const deck = await getPublishedDeck(requireRecordIds(await params).slug);
  // An unknown deck's page keeps the portal's title: `title: undefined` would leave it with none.
  return deck ? { title: deck.title } : {};
}

export default async function DeckPage({ params }: PageProps<"/decks/[slug]">) {
  const { slug } = requireRecordIds(await params);
  const { user, deck } = await requirePublishedDeck(slug, `/decks/${slug}`);
  const t = messages();
  const [readiness, queue, activity] = await Promise.all([
    deckReadiness(user.id, deck),
    reviewQueue(user.id, deck),
    studyActivity(user.id),
  ]);
  const cardReadiness = new Map(readiness.cards.map((card) => [card.cardId, card]));

  return (
    <article className="space-y-6">
      <Link href="/" className="text-sm text-brand-700 hover:underline">
        {t.deck.back}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{deck.title}</h1>
        {deck.description && <p className="mt-1 text-slate-600">{deck.description}</p>}
      </header>

      <section className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-2">
        <div className="space-y-4">
          <div>
            <h2 className="mb-1 text-sm font-medium text-slate-700" title={t.deck.readinessHint}>
              {t.deck.readiness}
            </h2>
            <div data-testid="deck-readiness">
              <ReadinessBar value={readiness.overall} label={t.deck.readiness} />
            </div>
          </div>
          <dl className="grid grid-cols-3 gap-3 text-center">
            {[
              [t.deck.dueToday, queue.dueToday, "due-today"],
              [t.deck.newToday, queue.newToday, "new-today"],
              [t.deck.streak, activity.streak, "streak"],
            ].map(([label, value, id]) => (
              <div key={id} className="rounded-lg bg-slate-50 p-2">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-xl font-semibold" data-testid={id}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          <div className="flex flex-wrap gap-2">
            {queue.next ? (
              <Link href={`/decks/${slug}/review`} className={buttonClass("primary")}>
                {t.deck.startReview}
              </Link>
            ) : (
              <span className="rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-800">{t.deck.nothingToReview}</span>
            )}
            <Link href={`/decks/${slug}/practice`} className={buttonClass("secondary")}>
              {t.deck.practice}
            </Link>
            <Link href={`/decks/${slug}/cram`} className={buttonClass("secondary")} title={t.deck.cramHint}>
              {t.deck.cram}
            </Link>
          </div>
        </div>
        <ActivityHeatmap days={activity.heatmap} />
      </section>

      <h2 className="text-lg font-semibold">{t.deck.cardsTitle}</h2>
      <ol className="space-y-3">
        {deck.cards.map((card, index) => {
          const figures = cardReadiness.get(card.id);
          return (
            <li key={card.id} id={card.key} data-testid="deck-card" className="scroll-mt-4">
              <details className="rounded-xl border border-slate-200 bg-white shadow-sm">
                <summary className="cursor-pointer list-none px-5 py-4 marker:hidden">
                  <span className="font-medium">
                    <span className="mr-2 text-slate-500">{index + 1}.</span>
                    {card.front}
                  </span>
                  <span className="mt-2 block">
                    <ReadinessBar value={figures?.readiness ?? 0} label={`${t.deck.readiness}: ${card.front}`} />
                  </span>
                  <span className="mt-1 block text-xs text-slate-500">
                    {[
                      figures?.studied ? null : t.deck.notStudied,
                      figures?.practiceAccuracy == null
                        ? null
                        : t.deck.practiceAccuracy(Math.round(figures.practiceAccuracy * 100), figures.practiceAnswers),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </summary>
                <div className="border-t border-slate-100 px-5 py-4">
                  <Markdown source={card.back} />
                </div>
              </details>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
