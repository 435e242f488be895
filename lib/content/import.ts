// Imports a content/ folder into the database: all or nothing, in one transaction.
// A dry run does exactly the same and rolls back, so its counts and items are what
// the import would do. The bank linter runs first: its errors refuse the folder,
// its warnings come with the report.
import "server-only";
import path from "node:path";
import { db } from "../db";
import { applyContent, type ApplyReport } from "./apply";
import { lockContent } from "./lock";
import { describeFinding, lintContent, type DeckFinding } from "./bank-lint";
import { ContentError } from "./errors";
import { loadContent } from "./load";
import { recordAudit } from "../audit/record";
import type { Role } from "../generated/prisma/enums";

export type ImportResult = ApplyReport & {
  /** One per problem, naming the file, the row and the field (or the deck, questions and lint rule); with any, nothing was written. */
  errors: string[];
  /** The bank linter's warnings on the folder's decks: shown, never blocking. */
  warnings: DeckFinding[];
};

/** Thrown at the end of a dry run's transaction so that PostgreSQL rolls it back. */
class DryRunRollback extends Error {
  constructor(readonly report: ApplyReport) {
    super("dry run: rolled back");
  }
}

const refused = (errors: string[], warnings: DeckFinding[] = []): ImportResult => ({ created: 0, changed: 0, retired: 0, items: [], errors, warnings });

export type ImportOptions = {
  dryRun: boolean;
  /** The user importing; null for the command line. */
  actor?: { id: string; role: Role } | null;
  /** Content without org.yaml is allowed (an archive of one deck); its exams may name the portal's departments. */
  orgOptional?: boolean;
};

/**
 * Loads `dir` and applies it. A real import records an audit log entry
 * "content.import" with the counts; a dry run writes nothing.
 */
export async function importContent(dir: string, options: ImportOptions): Promise<ImportResult> {
  let content;
  try {
    content = loadContent(dir, { orgOptional: options.orgOptional });
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return refused(error.problems);
  }
  const findings = lintContent(content);
  const warnings = findings.filter((finding) => finding.severity === "warning");
  const lintErrors = findings.filter((finding) => finding.severity === "error");
  if (lintErrors.length) return refused(lintErrors.map((finding) => describeFinding(finding.deckSlug, finding)), warnings);
  const folder = path.basename(path.resolve(dir));
  try {
    const report = await db.$transaction(
      async (tx) => {
        await lockContent(tx);
        const report = await applyContent(tx, content, options.actor ?? null);
        if (options.dryRun) throw new DryRunRollback(report);
        const { created, changed, retired } = report;
        const substantive = report.items.filter((item) => item.substantive).map((item) => item.key);
        await recordAudit(tx, {
          actorId: options.actor?.id ?? null,
          action: "content.import",
          entity: "content",
          entityId: folder,
          after: { created, changed, retired, ...(substantive.length > 0 ? { substantive } : {}) },
        });
        return report;
      },
      { timeout: 60_000 },
    );
    return { ...report, errors: [], warnings };
  } catch (error) {
    if (error instanceof DryRunRollback) return { ...error.report, errors: [], warnings };
    // Problems only the database reveals, named like the loader's: from the folder's name on.
    if (error instanceof ContentError) return refused(error.problems.map((problem) => `${folder}/${problem}`), warnings);
    throw error;
  }
}
