import "server-only";
import { db } from "../db";

export type DeckSummary = { slug: string; title: string; description: string; cardCount: number };

/** Decks employees can study: published and not archived. */
export async function listPublishedDecks(): Promise<DeckSummary[]> {
  const decks = await db.deck.findMany({
    where: { published: true, archived: false },
    orderBy: { title: "asc" },
    select: { slug: true, title: true, description: true, _count: { select: { cards: true } } },
  });
  return decks.map(({ _count, ...deck }) => ({ ...deck, cardCount: _count.cards }));
}

/** A published deck with its cards in order; null when absent, unpublished or archived. */
export async function getPublishedDeck(slug: string) {
  return db.deck.findFirst({
    where: { slug, published: true, archived: false },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      cards: { orderBy: { position: "asc" }, select: { id: true, key: true, front: true, back: true } },
    },
  });
}

export type PublishedDeck = NonNullable<Awaited<ReturnType<typeof getPublishedDeck>>>;
