// HR's content import and export in the portal: a deck as a content/ archive or
// as a question table for Excel, and the import of a content/ archive with the
// same loader and applier as `npm run content:import`.
import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";
import { ARCHIVE_MAX_BYTES, ArchiveError, withUnpackedArchive, zipContentFiles } from "../content/archive";
import { deckContentFiles } from "../content/export";
import { importContent, type ImportResult } from "../content/import";
import { fromStoredQuestion, typeOfSource, type QuestionAnswerFields, type QuestionType } from "../content/question-data";
import { definitionOf } from "../questions/types";
import { messages } from "../i18n";
import type { ExportTable } from "../reports/export";
import { invalid, type ChangeResult } from "./result";

const t = messages().admin.contentTransfer;

/** The deck in the content/ format, as content:export writes it, zipped; null for an unknown deck. */
export async function deckArchive(viewer: CurrentUser, deckId: string): Promise<{ slug: string; data: Uint8Array } | null> {
  assertCan(viewer, "manageContent");
  const deck = await deckContentFiles(deckId);
  return deck && { slug: deck.slug, data: zipContentFiles(deck.files) };
}

/** A question's choices and its correct answer as two readable cells, one item per line. */
const answerCells = (fields: QuestionAnswerFields) => definitionOf(typeOfSource(fields.type)).content.answerCells(fields);

/**
 * Every question of the deck, one row each, by card and position: retired ones too
 * (HR reviews the whole bank), marked in the status column. Null for an unknown deck.
 */
export async function deckQuestionsTable(viewer: CurrentUser, deckId: string): Promise<(ExportTable & { slug: string }) | null> {
  assertCan(viewer, "manageContent");
  const deck = await db.deck.findUnique({
    where: { id: deckId },
    select: {
      slug: true,
      cards: {
        orderBy: [{ position: "asc" }, { key: "asc" }],
        select: {
          key: true,
          front: true,
          questions: {
            orderBy: [{ active: "desc" }, { position: "asc" }, { key: "asc" }],
            select: { key: true, type: true, pool: true, active: true, prompt: true, payload: true, answerKey: true, explanation: true },
          },
        },
      },
    },
  });
  if (!deck) return null;
  const q = messages().admin.questions;
  const c = t.csvColumns;
  return {
    slug: deck.slug,
    columns: [c.cardKey, c.card, c.questionId, c.type, c.pool, c.status, c.prompt, c.options, c.correct, c.explanation],
    rows: deck.cards.flatMap((card) =>
      card.questions.map((question) => [
        card.key,
        card.front,
        question.key,
        q.types[question.type],
        q.pools[question.pool],
        question.active ? t.active : t.retired,
        question.prompt,
        ...answerCells(fromStoredQuestion(question.type as QuestionType, question.payload, question.answerKey)),
        question.explanation,
      ]),
    ),
  };
}

export const CONTENT_IMPORT_MODES = ["check", "import"] as const;

const e = t.errors;
export const contentImportSchema = z.object({
  file: z
    .instanceof(File, { error: () => e.fileRequired })
    .refine((file) => file.size > 0, { error: () => e.empty })
    .refine((file) => file.size <= ARCHIVE_MAX_BYTES, { error: () => e.tooLarge(ARCHIVE_MAX_BYTES / (1024 * 1024)) }),
  mode: z.enum(CONTENT_IMPORT_MODES, { error: () => e.modeInvalid }),
});

/** The import's report; `applied` is true only when a real import wrote it (no errors). */
export type ContentImportResult = ChangeResult<{ applied: boolean; report: ImportResult }>;

/**
 * Checks ("check": a dry run that writes nothing) or imports an uploaded content/ archive,
 * all or nothing, validated again from scratch each time. A deck archive needs no
 * org.yaml. A refused archive (not a zip, unsafe, too large) is an error of the field "file".
 */
export async function importContentArchive(actor: CurrentUser, input: unknown): Promise<ContentImportResult> {
  assertCan(actor, "manageContent");
  const parsed = contentImportSchema.safeParse(input);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { file, mode } = parsed.data;
  const dryRun = mode === "check";
  try {
    const report = await withUnpackedArchive(new Uint8Array(await file.arrayBuffer()), file.name, (dir) =>
      importContent(dir, { dryRun, actor, orgOptional: true }),
    );
    return { ok: true, applied: !dryRun && report.errors.length === 0, report };
  } catch (error) {
    if (error instanceof ArchiveError) return invalid({ file: [error.message] });
    throw error;
  }
}
