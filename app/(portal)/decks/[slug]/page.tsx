import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/content/markdown";
import { requireUser } from "@/lib/auth";
import { getPublishedDeck } from "@/lib/content/decks";
import { messages } from "@/lib/i18n";

export async function generateMetadata({ params }: PageProps<"/decks/[slug]">): Promise<Metadata> {
  const deck = await getPublishedDeck((await params).slug);
  return { title: deck?.title };
}

export default async function DeckPage({ params }: PageProps<"/decks/[slug]">) {
  const { slug } = await params;
  await requireUser(`/decks/${slug}`);
  const deck = await getPublishedDeck(slug);
  if (!deck) notFound();
  const t = messages();
  return (
    <article className="space-y-6">
      <Link href="/" className="text-sm text-brand-700 hover:underline">
        {t.deck.back}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{deck.title}</h1>
        {deck.description && <p className="mt-1 text-slate-600">{deck.description}</p>}
      </header>
      <h2 className="sr-only">{t.deck.cardsTitle}</h2>
      <ol className="space-y-3">
        {deck.cards.map((card, index) => (
          <li key={card.id} data-testid="deck-card">
            <details className="group rounded-xl border border-slate-200 bg-white shadow-sm">
              <summary className="cursor-pointer list-none px-5 py-4 font-medium marker:hidden">
                <span className="mr-2 text-slate-400">{index + 1}.</span>
                {card.front}
              </summary>
              <div className="border-t border-slate-100 px-5 py-4">
                <Markdown source={card.back} />
              </div>
            </details>
          </li>
        ))}
      </ol>
    </article>
  );
}
