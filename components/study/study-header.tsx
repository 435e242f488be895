import Link from "next/link";
import { messages } from "@/lib/i18n";

export function StudyHeader({ slug, title, deckTitle }: { slug: string; title: string; deckTitle: string }) {
  return (
    <>
      <Link href={`/decks/${slug}`} className="text-sm text-brand-700 hover:underline">
        {messages().deck.toDeck}
      </Link>
      <h1 className="text-2xl font-semibold">
        {title}: {deckTitle}
      </h1>
    </>
  );
}
