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

async function applyDepartments(tx: Tx, departments: ContentDepartment[], counts: ApplyCounts) {
  const idByKey = new Map<string, string>();
  for (const source of departments) {
    const parentId = source.parentKey ? idByKey.get(source.parentKey)! : null;
    const fields = { name: source.name, parentId, position: source.position };
    const existing = await tx.department.findUnique({ where: { key: source.key } });
    let departmentId: string;
    if (!existing) {
      departmentId = (await tx.department.create({ data: { key: source.key, ...fields } })).id;
      counts.created++;
    } else {
      departmentId = existing.id;
      if (differs(existing, fields)) {
        await tx.department.update({ where: { id: existing.id }, data: fields });
        counts.changed++;
      }
    }
    idByKey.set(source.key, departmentId);

    if (!source.head) continue;
    const headFields = { name: source.head.name, position: source.head.position, departmentId };
    const head = await tx.user.findUnique({ where: { email: source.head.email } });
    let headId: string;
    if (!head) {
      headId = (await tx.user.create({ data: { email: source.head.email, role: "HEAD", ...headFields } })).id;
      counts.created++;
    } else {
      headId = head.id;
      if (differs(head, headFields)) {
        await tx.user.update({ where: { id: head.id }, data: headFields });
        counts.changed++;
      }
    }
    const current = await tx.department.findUniqueOrThrow({ where: { id: departmentId } });
    if (current.headId !== headId) {
      await tx.department.update({ where: { id: departmentId }, data: { headId } });
      if (existing) counts.changed++;
    }
  }
}

async function applyCard(tx: Tx, deckId: string, source: ContentCard, counts: ApplyCounts) {
  const fields = { front: source.front, back: source.back, position: source.position };
  const existing = await tx.card.findUnique({ where: { deckId_key: { deckId, key: source.key } } });
  let cardId: string;
  if (!existing) {
    cardId = (await tx.card.create({ data: { deckId, key: source.key, ...fields } })).id;
    counts.created++;
  } else {
    cardId = existing.id;
    if (differs(existing, fields)) {
      await tx.card.update({ where: { id: cardId }, data: { ...fields, version: { increment: 1 } } });
      counts.changed++;
    }
  }

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
    const current = await tx.question.findUnique({ where: { key: question.key } });
    if (!current) {
      await tx.question.create({ data: { key: question.key, ...questionFields } });
      counts.created++;
    } else if (differs(current, questionFields)) {
      await tx.question.update({ where: { id: current.id }, data: { ...questionFields, version: { increment: 1 } } });
      counts.changed++;
    }
  }
}

async function applyDeck(tx: Tx, source: ContentDeck, counts: ApplyCounts) {
  const fields = { title: source.title, description: source.description, published: source.published };
  const existing = await tx.deck.findUnique({ where: { slug: source.slug } });
  let deckId: string;
  if (!existing) {
    deckId = (await tx.deck.create({ data: { slug: source.slug, ...fields } })).id;
    counts.created++;
  } else {
    deckId = existing.id;
    if (differs(existing, fields)) {
      await tx.deck.update({ where: { id: deckId }, data: { ...fields, version: { increment: 1 } } });
      counts.changed++;
    }
  }
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
