// The shape of every HR change to content and structure.
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { CurrentUser } from "../auth";
import { assertCan, type Ability } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { lockContent } from "../content/lock";
import { db, type Tx } from "../db";
import { invalidInput, notFound, type ChangeResult, type Refused, type VersionedResult } from "./result";

/**
 * A change function for one kind of record: it checks the role, parses the input (a refusal is
 * field errors) and applies the change in one transaction under the content writers' lock — a
 * content import rewrites the same rows, and one writer at a time keeps each check and the
 * audit's "before" true until the commit.
 */
export function lockedChanges(ability: Ability) {
  return async <S extends z.ZodType, R extends ChangeResult<object, unknown>>(
    actor: CurrentUser,
    schema: S,
    input: unknown,
    apply: (tx: Tx, data: z.output<S>) => Promise<R>,
  ): Promise<R | Refused> => {
    assertCan(actor, ability);
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    return db.$transaction(async (tx) => {
      await lockContent(tx);
      return apply(tx, parsed.data);
    });
  };
}

type VersionedSave<Stored extends { version: number }, Snapshot, Current> = {
  entity: "card" | "question" | "deck" | "exam";
  id: string;
  /** The record as read in this transaction; null when it is gone. */
  stored: Stored | null;
  /** The version the form was loaded with. */
  version: number;
  /** What a conflict answers with: the record as stored, as the form shows it. */
  current: (stored: Stored) => Current;
  /** The audited values before and after, and how to write `after` with the new version; or the refusal of the change. */
  prepare: (stored: Stored) => Promise<Prepared<Snapshot> | Refused> | Prepared<Snapshot> | Refused;
};

type Prepared<Snapshot> = {
  before: Snapshot;
  after: Snapshot;
  write: (version: number) => Promise<unknown>;
  /** Recorded with the audit's "after" but not compared (e.g. what kind of change it was). */
  note?: Record<string, string>;
};

/**
 * The one way a versioned record (card, question, deck, exam) is saved, inside a lockedChanges
 * transaction: a form loaded before someone else's save is refused with what is stored; saving
 * the same values again changes nothing; otherwise the version goes up by one and the audit
 * records before and after with their versions.
 */
export async function saveVersioned<Stored extends { version: number }, Snapshot, Current>(
  tx: Tx,
  actor: CurrentUser,
  save: VersionedSave<Stored, Snapshot, Current>,
): Promise<VersionedResult<Current>> {
  const { stored } = save;
  if (!stored) return notFound;
  if (stored.version !== save.version) return { ok: false, error: "conflict", current: save.current(stored) };
  const prepared = await save.prepare(stored);
  if ("ok" in prepared) return prepared;
  const { before, after } = prepared;
  if (isDeepStrictEqual(before, after)) return { ok: true, id: save.id, version: stored.version };
  const version = stored.version + 1;
  await prepared.write(version);
  await recordAudit(tx, {
    actorId: actor.id,
    action: `${save.entity}.update`,
    entity: save.entity,
    entityId: save.id,
    before: { ...before, version: stored.version } as Prisma.InputJsonValue,
    after: { ...after, version, ...prepared.note } as Prisma.InputJsonValue,
  });
  return { ok: true, id: save.id, version };
}
