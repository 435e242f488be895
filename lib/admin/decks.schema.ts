// A deck's fields as HR's forms send them: the schemas, limits and types that lib/admin/decks.ts
// checks with and the deck forms share (this file is safe for the browser).
import { z } from "zod";
import { messages } from "../i18n";
import { recordIdField, versionField } from "./fields";
import type { ChangeResult } from "./result";

export const DECK_TITLE_MAX = 120;
export const DECK_DESCRIPTION_MAX = 2000;

const t = () => messages().admin.decks.errors;

const deckId = recordIdField(() => t().deckMissing);

const deckTitle = z
  .string({ error: () => t().titleRequired })
  .trim()
  .min(1, { error: () => t().titleRequired })
  .max(DECK_TITLE_MAX, { error: () => t().titleTooLong(DECK_TITLE_MAX) });

const deckDescription = z
  .string({ error: () => t().descriptionTooLong(DECK_DESCRIPTION_MAX) })
  .trim()
  .max(DECK_DESCRIPTION_MAX, { error: () => t().descriptionTooLong(DECK_DESCRIPTION_MAX) });

export const createDeckSchema = z.object({
  title: deckTitle,
  description: deckDescription,
  /** Generated from the title when not given (or empty). */
  slug: z
    .string()
    .trim()
    .max(64, { error: () => t().slugInvalid })
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, { error: () => t().slugInvalid })
    .optional()
    .transform((value) => value || undefined),
});

export const updateDeckSchema = z.object({
  id: deckId,
  title: deckTitle,
  description: deckDescription,
  /** The version the form was loaded with. */
  version: versionField(() => t().versionMissing),
});

export const setDeckPublishedSchema = z.object({ id: deckId, published: z.boolean({ error: () => t().failed }) });

export const reorderCardsSchema = z.object({
  deckId,
  cardIds: z.array(z.string().min(1).max(64), { error: () => t().orderStale }).max(2000, { error: () => t().orderStale }),
});

export const deleteDeckSchema = z.object({ id: deckId });

export type DeckSettings = { title: string; description: string; version: number };

/**
 * The outcome of a change; refusals name the field of the form they concern ("id": the deck itself).
 * "conflict": someone saved the deck since the form was loaded; `current` is what is stored now.
 */
export type DeckResult = ChangeResult<{ id: string; outcome?: "deleted" | "archived"; version?: number }, DeckSettings>;
