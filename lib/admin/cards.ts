// HR's editing of one card: its front and its Markdown back, next to the card's
// questions and their statistics. Saving is optimistic: the editor sends the
// version it started from, and a card someone changed meanwhile is not
// overwritten — the answer carries the current text, so the editor can show both.
// A card keeps its id when edited, so every employee's scheduling state and
// review history for it stay as they were.
import "server-only";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { recordAudit } from "../audit/record";
import type { QuestionType } from "../content/question-data";
import { questionStats, type ItemFlag } from "../reports/item-stats";
import { findingsFor, lintDeck } from "../content/bank-lint";
import { storedLintDeck } from "./question-lint";
import { createCardSchema, updateCardSchema, type CardResult } from "./cards.schema";
import { firstFreeKey, latinKeyFrom } from "./keys";
import { lockedChanges, saveVersioned } from "./change";
import { done, invalid, notFound, type ChangeResult } from "./result";
import { recordCardChange } from "../study/card-changes";
import { messages } from "../i18n";

const change = lockedChanges("manageContent");

export type CardQuestion = {
  id: string;
  prompt: string;
  type: QuestionType;
  pool: "PRACTICE" | "EXAM" | "BOTH";
  active: boolean;
  /** Over all finished attempts; null when none drew the question. */
  stats: { responses: number; answered: number; facility: number; discrimination: number | null; flags: ItemFlag[] } | null;
  /** The bank linter's findings on an active question against its deck (lib/content/bank-lint.ts); null for a retired one. */
  lint: { errors: number; warnings: number } | null;
};

export type CardForEditing = {
  deck: { id: string; slug: string; title: string };
  card: { id: string; front: string; back: string; version: number };
  questions: CardQuestion[];
};

/** The card of that deck with its questions (active first, in order) and their statistics; null for an unknown card or one of another deck. */
export async function getCardForEditing(viewer: CurrentUser, deckId: string, cardId: string): Promise<CardForEditing | null> {
  assertCan(viewer, "manageContent");
  const card = await db.card.findFirst({
    where: { id: cardId, deckId },
    select: {
      id: true,
      key: true,
      front: true,
      back: true,
      version: true,
      deck: { select: { id: true, slug: true, title: true } },
      questions: {
        select: { id: true, key: true, prompt: true, type: true, pool: true, active: true },
        orderBy: [{ active: "desc" }, { position: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!card) return null;
  const questionIds = card.questions.map((question) => question.id);
  // Every finished attempt counts, whoever's (a deactivated user's answers still say
  // how good the question is); the definitions are the heads' dashboard's.
  const stats = questionIds.length > 0 ? await questionStats({ userSql: Prisma.sql`TRUE`, questionIds }) : [];
  const statOf = new Map(stats.map((stat) => [stat.questionId, stat]));
  const findings = lintDeck(await storedLintDeck(deckId));
  const { deck, questions, key: cardKey, ...text } = card;
  return {
    deck,
    card: text,
    questions: questions.map(({ key, ...question }) => {
      const stat = statOf.get(question.id);
      const own = question.active ? findingsFor(findings, key, cardKey) : null;
      return {
        ...question,
        lint: own && { errors: own.filter((f) => f.severity === "error").length, warnings: own.filter((f) => f.severity === "warning").length },
        stats: stat
          ? { responses: stat.responses, answered: stat.answered, facility: stat.facility, discrimination: stat.discrimination, flags: stat.flags }
          : null,
      };
    }),
  };
}

/**
 * Adds a card at the end of the deck, with a key from its front that no other
 * card of the deck has (content files and exams name cards by it). The deck's
 * version is the version of its settings and stays as it is; a card order loaded
 * before this card existed is refused by reorderCards as stale. In a published
 * deck employees study the card from now on, as a new card.
 */
export function createCard(actor: CurrentUser, input: z.input<typeof createCardSchema>): Promise<ChangeResult> {
  return change(actor, createCardSchema, input, async (tx, { deckId, front, back }) => {
    const deck = await tx.deck.findUnique({ where: { id: deckId }, select: { slug: true } });
    if (!deck) return notFound;
    const base = latinKeyFrom(front, "card");
    const clashing = await tx.card.findMany({ where: { deckId, key: { startsWith: base } }, select: { key: true } });
    const key = firstFreeKey(base, clashing.map((card) => card.key));
    const { _max } = await tx.card.aggregate({ where: { deckId }, _max: { position: true } });
    const position = (_max.position ?? -1) + 1;
    const created = await tx.card.create({ data: { deckId, key, front, back, position }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "card.create",
      entity: "card",
      entityId: created.id,
      after: { deck: deck.slug, key, front, back, position },
    });
    return done(created.id);
  });
}

/**
 * Saves the card's front and back (saveVersioned: a stale form is a conflict with the stored text). A changed
 * text must say what kind of change it is: a substantive one is kept and requeues the card for everyone who
 * knew it (lib/study/card-changes.ts).
 */
export function updateCard(actor: CurrentUser, input: z.input<typeof updateCardSchema>): Promise<CardResult> {
  return change(actor, updateCardSchema, input, async (tx, { deckId, cardId, front, back, version, change: kind }) =>
    saveVersioned(tx, actor, {
      entity: "card",
      id: cardId,
      stored: await tx.card.findFirst({ where: { id: cardId, deckId }, select: { front: true, back: true, version: true } }),
      version,
      current: (stored) => stored,
      prepare: (stored) => {
        const before = { front: stored.front, back: stored.back };
        const after = { front, back };
        const changed = front !== stored.front || back !== stored.back;
        if (changed && !kind) return invalid({ change: [messages().admin.cards.errors.changeKindRequired] });
        return {
          before,
          after,
          note: kind && { change: kind },
          write: async (next) => {
            await tx.card.update({ where: { id: cardId }, data: { front, back, version: next } });
            if (kind === "substantive") await recordCardChange(tx, { cardId, before, after, actorId: actor.id });
          },
        };
      },
    }),
  );
}
