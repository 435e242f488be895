// HR's editing of decks: create, change the title and description (with a check
// that nobody saved meanwhile), publish or unpublish, reorder the cards, and
// delete — or, when study or exam history depends on the deck, archive it.
// Every change is one transaction together with its audit entry, under the
// content writers' lock (a content import writes the same rows).
import "server-only";
import { z } from "zod";
import { db, type Tx } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { messages } from "../i18n";
import {
  createDeckSchema,
  deleteDeckSchema,
  reorderCardsSchema,
  setDeckPublishedSchema,
  updateDeckSchema,
} from "./decks.schema";
import { firstFreeKey, latinKeyFrom } from "./keys";
import { done, invalid, notFound } from "./result";
import { lockedChanges, saveVersioned } from "./change";

const t = () => messages().admin.decks.errors;

const change = lockedChanges("manageContent");


/** The slug, or the first of slug-2, slug-3… that no deck has yet. */
async function unusedSlug(tx: Tx, slug: string) {
  const rows = await tx.deck.findMany({ where: { slug: { startsWith: slug } }, select: { slug: true } });
  return firstFreeKey(slug, rows.map((row) => row.slug));
}

/** A new deck, unpublished (HR fills it with cards first). */
export function createDeck(actor: CurrentUser, input: z.input<typeof createDeckSchema>) {
  return change(actor, createDeckSchema, input, async (tx, { title, description, slug }) => {
    if (slug && (await tx.deck.findUnique({ where: { slug } }))) return invalid({ slug: [t().slugTaken] });
    const created = await tx.deck.create({
      data: { title, description, slug: slug ?? (await unusedSlug(tx, latinKeyFrom(title, "deck"))) },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deck.create",
      entity: "deck",
      entityId: created.id,
      after: { slug: created.slug, title, description, published: false },
    });
    return done(created.id);
  });
}

/** Saves the title and description (saveVersioned: a stale form is a conflict with the stored settings). */
export function updateDeck(actor: CurrentUser, input: z.input<typeof updateDeckSchema>) {
  return change(actor, updateDeckSchema, input, async (tx, { id, title, description, version }) =>
    saveVersioned(tx, actor, {
      entity: "deck",
      id,
      stored: await tx.deck.findUnique({ where: { id }, select: { title: true, description: true, version: true } }),
      version,
      current: (stored) => stored,
      prepare: (stored) => ({
        before: { title: stored.title, description: stored.description },
        after: { title, description },
        write: (next) => tx.deck.update({ where: { id }, data: { title, description, version: next } }),
      }),
    }),
  );
}

/** Shows the deck to employees or hides it. An archived deck is not published again (it stays archived). */
export function setDeckPublished(actor: CurrentUser, input: z.input<typeof setDeckPublishedSchema>) {
  return change(actor, setDeckPublishedSchema, input, async (tx, { id, published }) => {
    const current = await tx.deck.findUnique({ where: { id }, select: { published: true, archived: true } });
    if (!current) return notFound;
    if (published && current.archived) return invalid({ published: [t().archivedCannotPublish] });
    if (current.published === published) return done(id);
    await tx.deck.update({ where: { id }, data: { published } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: published ? "deck.publish" : "deck.unpublish",
      entity: "deck",
      entityId: id,
      before: { published: current.published },
      after: { published },
    });
    return done(id);
  });
}

/**
 * Puts the deck's cards in the given order (all of them, each once). Positions
 * are rewritten 0, 1, 2…; (deckId, position) has an index but no unique
 * constraint, so the rewrite needs no temporary positions.
 */
export function reorderCards(actor: CurrentUser, input: z.input<typeof reorderCardsSchema>) {
  return change(actor, reorderCardsSchema, input, async (tx, { deckId: id, cardIds }) => {
    const deck = await tx.deck.findUnique({
      where: { id },
      select: { cards: { orderBy: [{ position: "asc" }, { key: "asc" }], select: { id: true, key: true } } },
    });
    if (!deck) return notFound;
    const current = deck.cards.map((card) => card.id);
    const stored = new Set(current);
    const exact = cardIds.length === current.length && new Set(cardIds).size === cardIds.length && cardIds.every((card) => stored.has(card));
    if (!exact) return invalid({ cardIds: [t().orderStale] });
    if (cardIds.every((card, index) => current[index] === card)) return done(id);
    for (const [position, cardId] of cardIds.entries()) {
      await tx.card.update({ where: { id: cardId }, data: { position } });
    }
    const keyOf = new Map(deck.cards.map((card) => [card.id, card.key]));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deck.reorder",
      entity: "deck",
      entityId: id,
      before: { order: deck.cards.map((card) => card.key) },
      after: { order: cardIds.map((card) => keyOf.get(card)!) },
    });
    return done(id);
  });
}

/** How many rows of study or exam history depend on the deck's cards and questions (locked by the caller). */
async function dependents(tx: Tx, id: string) {
  const card = { card: { deckId: id } };
  const cardIds = (await tx.card.findMany({ where: { deckId: id }, select: { id: true } })).map((row) => row.id);
  const [reviewLogs, cardStates, practiceAnswers, attemptItems, examCards, topicScores, studySessions] = await Promise.all([
    tx.reviewLog.count({ where: card }),
    tx.cardState.count({ where: card }),
    tx.practiceAnswer.count({ where: { question: card } }),
    tx.attemptItem.count({ where: { OR: [{ question: card }, { cardId: { in: cardIds } }] } }),
    tx.examCard.count({ where: card }),
    tx.topicScore.count({ where: card }),
    tx.studySession.count({ where: { deckId: id } }),
  ]);
  return reviewLogs + cardStates + practiceAnswers + attemptItems + examCards + topicScores + studySessions;
}

/**
 * Deletes the deck with its cards and questions when nothing depends on them;
 * otherwise archives it (hidden from employees, history kept) and says so.
 */
export function deleteOrArchiveDeck(actor: CurrentUser, input: z.input<typeof deleteDeckSchema>) {
  return change(actor, deleteDeckSchema, input, async (tx, { id }) => {
    // Locks the deck, its cards and questions: a review, an answer or a session being
    // recorded meanwhile waits for this transaction (and then fails on its foreign key
    // if the deck is gone), so the counts below hold until the commit.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Deck" WHERE "id" = ${id} FOR UPDATE`;
    if (locked.length === 0) return notFound;
    await tx.$queryRaw`SELECT "id" FROM "Card" WHERE "deckId" = ${id} FOR UPDATE`;
    await tx.$queryRaw`SELECT q."id" FROM "Question" q JOIN "Card" c ON c."id" = q."cardId" WHERE c."deckId" = ${id} FOR UPDATE OF q`;
    const current = await tx.deck.findUniqueOrThrow({
      where: { id },
      select: { slug: true, title: true, description: true, published: true, archived: true, _count: { select: { cards: true } } },
    });
    const before = { slug: current.slug, title: current.title, published: current.published, archived: current.archived };
    if ((await dependents(tx, id)) > 0) {
      if (!current.archived || current.published) {
        await tx.deck.update({ where: { id }, data: { archived: true, published: false } });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "deck.archive",
          entity: "deck",
          entityId: id,
          before,
          after: { ...before, published: false, archived: true },
        });
      }
      return { ok: true, id, outcome: "archived" } as const;
    }
    await tx.question.deleteMany({ where: { card: { deckId: id } } });
    await tx.card.deleteMany({ where: { deckId: id } });
    await tx.deck.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deck.delete",
      entity: "deck",
      entityId: id,
      before: { ...before, description: current.description, cards: current._count.cards },
    });
    return { ok: true, id, outcome: "deleted" } as const;
  });
}

export type DeckListItem = {
  id: string;
  slug: string;
  title: string;
  published: boolean;
  archived: boolean;
  cardCount: number;
  activeQuestionCount: number;
};

/** Every deck, unpublished and archived ones too, by title, with its card and active question counts. */
export async function listDecks(viewer: CurrentUser): Promise<DeckListItem[]> {
  assertCan(viewer, "manageContent");
  const [decks, questions] = await Promise.all([
    db.deck.findMany({
      orderBy: [{ archived: "asc" }, { title: "asc" }],
      select: { id: true, slug: true, title: true, published: true, archived: true, _count: { select: { cards: true } } },
    }),
    db.$queryRaw<{ deckId: string; count: number }[]>`
      SELECT c."deckId", count(*)::int AS "count"
      FROM "Question" q JOIN "Card" c ON c."id" = q."cardId"
      WHERE q."active"
      GROUP BY c."deckId"`,
  ]);
  const active = new Map(questions.map((row) => [row.deckId, row.count]));
  return decks.map(({ _count, ...deck }) => ({ ...deck, cardCount: _count.cards, activeQuestionCount: active.get(deck.id) ?? 0 }));
}

/** A deck with its settings and its cards in order (with their active question counts); null when absent. */
export async function getDeck(viewer: CurrentUser, id: string) {
  assertCan(viewer, "manageContent");
  const deck = await db.deck.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      published: true,
      archived: true,
      version: true,
      cards: {
        orderBy: [{ position: "asc" }, { key: "asc" }],
        select: { id: true, key: true, front: true, _count: { select: { questions: { where: { active: true } } } } },
      },
    },
  });
  if (!deck) return null;
  return {
    ...deck,
    cards: deck.cards.map(({ _count, ...card }) => ({ ...card, activeQuestionCount: _count.questions })),
  };
}

export type AdminDeck = NonNullable<Awaited<ReturnType<typeof getDeck>>>;
