// Imports a content/ folder into the database: all or nothing, in one transaction.
// A dry run does exactly the same and rolls back, so its counts are what the
// import would do.
import "server-only";
import path from "node:path";
import { db } from "../db";
import { applyContent, lockContent, type ApplyCounts } from "./apply";
import { ContentError } from "./errors";
import { loadContent } from "./load";
import { recordAudit } from "../audit/record";

export type ImportResult = ApplyCounts & {
  /** One per problem, naming the file, the row and the field; with any, nothing was written. */
  errors: string[];
};

/** Thrown at the end of a dry run's transaction so that PostgreSQL rolls it back. */
class DryRunRollback extends Error {
  constructor(readonly counts: ApplyCounts) {
    super("dry run: rolled back");
  }
}

/**
 * Loads `dir` and applies it. A real import records an audit log entry
 * "content.import" (`actorId` null for the command line); a dry run writes nothing.
 */
export async function importContent(dir: string, options: { dryRun: boolean; actorId?: string | null }): Promise<ImportResult> {
  let content;
  try {
    content = loadContent(dir);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { created: 0, changed: 0, retired: 0, errors: error.problems };
  }
  try {
    const counts = await db.$transaction(
      async (tx) => {
        await lockContent(tx);
        const counts = await applyContent(tx, content);
        if (options.dryRun) throw new DryRunRollback(counts);
        await recordAudit(tx, {
          actorId: options.actorId ?? null,
          action: "content.import",
          entity: "content",
          entityId: path.basename(path.resolve(dir)),
          after: counts,
        });
        return counts;
      },
      { timeout: 60_000 },
    );
    return { ...counts, errors: [] };
  } catch (error) {
    if (error instanceof DryRunRollback) return { ...error.counts, errors: [] };
    throw error;
  }
}
