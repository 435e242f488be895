import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "../auth";
import { getPublishedDeck } from "./decks";

/** For a deck's pages: the signed-in user (else login and back) and the published deck (else 404). */
export async function requirePublishedDeck(slug: string, path: string) {
  const user = await requireUser(path);
  const deck = await getPublishedDeck(slug);
  if (!deck) notFound();
  return { user, deck };
}
