// The one lock every writer of content and structure takes: an import, HR's editors,
// two instances seeding an empty database. No "server-only": the seed runs it from the command line.
import type { Tx } from "../db";

const CONTENT_LOCK = 7_246_001;

/** Call first in the transaction: waits until no other transaction writes content. */
export async function lockContent(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CONTENT_LOCK})`;
}
