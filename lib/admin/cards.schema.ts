// A card's fields as HR's forms send them: the schemas, limits and types that lib/admin/cards.ts
// checks with and the card forms share (this file is safe for the browser).
import { z } from "zod";
import { messages } from "../i18n";
import type { VersionedResult } from "./result";
import { recordIdField, versionField } from "./fields";

export const CARD_FRONT_MAX = 200;
export const CARD_BACK_MAX = 20_000;

const t = () => messages().admin.cards.errors;

const id = recordIdField(() => t().cardMissing);

const front = z
  .string({ error: () => t().frontRequired })
  .trim()
  .min(1, { error: () => t().frontRequired })
  .max(CARD_FRONT_MAX, { error: () => t().frontTooLong(CARD_FRONT_MAX) });

const back = z.string({ error: () => t().backTooLong(CARD_BACK_MAX) }).max(CARD_BACK_MAX, { error: () => t().backTooLong(CARD_BACK_MAX) });

/** A new card must have a back (updateCard still accepts an empty one, as before). */
export const createCardSchema = z.object({
  deckId: id,
  front,
  back: back.refine((text) => text.trim().length > 0, { error: () => t().backRequired }),
});

/** Whether a change of the text changed a fact (the people who knew the card relearn it) or only its wording. */
export const CARD_CHANGE_KINDS = ["substantive", "editorial"] as const;
export type CardChangeKind = (typeof CARD_CHANGE_KINDS)[number];

export const updateCardSchema = z.object({
  deckId: id,
  cardId: id,
  front,
  back,
  /** Required when the front or the back changed (checked against the stored text). */
  change: z.enum(CARD_CHANGE_KINDS, { error: () => t().changeKindRequired }).optional(),
  /** The version the editor started from. */
  version: versionField(() => t().versionMissing),
});

export type CardText = { front: string; back: string; version: number };

export type CardResult = VersionedResult<CardText>;
