// Writes loaded content into the database in one transaction: creates what is
// new, updates what changed (bumping its version), retires questions that left
// the content. Running it twice changes nothing the second time.
import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import type { Content, ContentCard, ContentDeck, ContentDepartment } from "./load";

export type ApplyCounts = { created: number; changed: number; retired: number };

function differs(current: object, next: object) {
  const stored = current as Record<string, unknown>;
  return Object.entries(next).some(([field, value]) => !isDeepStrictEqual(stored[field], value));
}

/** Creates the row when absent, updates it when a field differs, and counts either; returns its id. */
async function sync(
  counts: ApplyCounts,
  existing: { id: string } | null,
  fields: object,
  create: () => Promise<{ id: string }>,
  update: (id: string) => Promise<unknown>,
): Promise<string> {
  if (!existing) {
    counts.created++;
    return (await create()).id;
  }
  if (differs(existing, fields)) {
    await update(existing.id);
    counts.changed++;
  }
  return existing.id;
}

async function applyDepartments(tx: Tx, departments: ContentDepartment[], counts: ApplyCounts) {
  const idByKey = new Map<string, string>();
  for (const source of departments) {
    const fields = {
      name: source.name,
      parentId: source.parentKey ? idByKey.get(source.parentKey)! : null,
      position: source.position,
    };
    const existing = await tx.department.findUnique({ where: { key: source.key } });
    const departmentId = await sync(
      counts,
      existing,
      fields,
      () => tx.department.create({ data: { key: source.key, ...fields } }),
      (id) => tx.department.update({ where: { id }, data: fields }),
    );
    idByKey.set(source.key, departmentId);
    if (!source.head) continue;

    const { email, ...head } = source.head;
    const headFields = { ...head, departmentId };
    const headId = await sync(
      counts,
      await tx.user.findUnique({ where: { email } }),
      headFields,
      () => tx.user.create({ data: { email, role: "HEAD", ...headFields } }),
      (id) => tx.user.update({ where: { id }, data: headFields }),
    );
    const current = await tx.department.findUniqueOrThrow({ where: { id: departmentId } });
    if (current.headId !== headId) {
      await tx.department.update({ where: { id: departmentId }, data: { headId } });
      if (existing) counts.changed++;
    }
  }
}

async function applyCard(tx: Tx, deckId: string, source: ContentCard, counts: ApplyCounts) {
  const fields = { front: source.front, back: source.back, position: source.position };
  const cardId = await sync(
    counts,
    await tx.card.findUnique({ where: { deckId_key: { deckId, key: source.key } } }),
    fields,
    () => tx.card.create({ data: { deckId, key: source.key, ...fields } }),
    (id) => tx.card.update({ where: { id }, data: { ...fields, version: { increment: 1 } } }),
  );
  for (const question of source.questions) {
    const questionFields = {
      cardId,
      type: question.type,
      prompt: question.prompt,
      payload: question.payload as Prisma.InputJsonValue,
      answerKey: question.answerKey as Prisma.InputJsonValue,
      explanation: question.explanation,
      pool: question.pool,
      position: question.position,
      active: true,
    };
    await sync(
      counts,
      await tx.question.findUnique({ where: { key: question.key } }),
      questionFields,
      () => tx.question.create({ data: { key: question.key, ...questionFields } }),
      (id) => tx.question.update({ where: { id }, data: { ...questionFields, version: { increment: 1 } } }),
    );
  }
}

async function applyDeck(tx: Tx, source: ContentDeck, counts: ApplyCounts) {
  const fields = { title: source.title, description: source.description, published: source.published };
  const deckId = await sync(
    counts,
    await tx.deck.findUnique({ where: { slug: source.slug } }),
    fields,
    () => tx.deck.create({ data: { slug: source.slug, ...fields } }),
    (id) => tx.deck.update({ where: { id }, data: { ...fields, version: { increment: 1 } } }),
  );
  for (const card of source.cards) await applyCard(tx, deckId, card, counts);
  // After all cards, so a question that moved between cards is not retired on the way.
  const retired = await tx.question.updateMany({
    where: {
      card: { deckId },
      active: true,
      key: { notIn: source.cards.flatMap((card) => card.questions.map((q) => q.key)) },
    },
    data: { active: false, version: { increment: 1 } },
  });
  counts.retired += retired.count;
}

/** Call inside a transaction: a failure anywhere leaves nothing written. */
export async function applyContent(tx: Tx, content: Content): Promise<ApplyCounts> {
  const counts: ApplyCounts = { created: 0, changed: 0, retired: 0 };
  await applyDepartments(tx, content.departments, counts);
  for (const deck of content.decks) await applyDeck(tx, deck, counts);
  await tx.seedRun.create({ data: { kind: "content", contentHash: content.hash } });
  return counts;
}
