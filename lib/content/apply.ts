// Writes loaded content into the database in one transaction: creates what is
// new, updates what changed (bumping its version), retires questions that left
// the content. Running it twice changes nothing the second time. Exams and
// assignments that left the content are kept as they are (HR may manage them).
import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import type { Content, ContentCard, ContentDeck, ContentDepartment, ContentExam } from "./load";

export type ApplyCounts = { created: number; changed: number; retired: number };

// Serialises the writers of content: two instances seeding an empty database, an import meanwhile.
const CONTENT_LOCK = 7_246_001;

/** Call first in the transaction: waits until no other transaction writes content. */
export async function lockContent(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CONTENT_LOCK})`;
}

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

/**
 * Upserts the exam by key; its ExamCard rows are made exactly the chosen cards.
 * A change of its columns or of its card set counts once and bumps its version.
 */
async function applyExam(tx: Tx, source: ContentExam, counts: ApplyCounts) {
  const deck = await tx.deck.findUniqueOrThrow({ where: { slug: source.deckSlug }, select: { id: true } });
  const cards = await tx.card.findMany({
    where: { deckId: deck.id, key: { in: source.cardKeys } },
    select: { id: true },
  });
  if (cards.length !== source.cardKeys.length) {
    throw new Error(`Exam "${source.key}": not every card of ${source.cardKeys.join(", ")} is in deck "${source.deckSlug}"`);
  }
  const cardIds = cards.map((card) => card.id).sort();
  const columns = {
    title: source.title,
    description: source.description,
    questionsPerCard: source.questionsPerCard,
    questionCount: source.questionCount,
    timeLimitSeconds: source.timeLimitSeconds,
    passPercent: source.passPercent,
    attemptsAllowed: source.attemptsAllowed,
    opensAt: source.opensAt,
    closesAt: source.closesAt,
    reviewPolicy: source.reviewPolicy,
    reviewAfterClose: source.reviewAfterClose,
    shuffleQuestions: source.shuffleQuestions,
    shuffleOptions: source.shuffleOptions,
    navigation: source.navigation,
    multipleScoring: source.multipleScoring,
    published: source.published,
  };
  const stored = await tx.exam.findUnique({ where: { key: source.key }, include: { cards: { select: { cardId: true } } } });
  const existing = stored && { ...stored, cardIds: stored.cards.map((card) => card.cardId).sort() };
  const examId = await sync(
    counts,
    existing,
    { ...columns, cardIds },
    () => tx.exam.create({ data: { key: source.key, ...columns, cards: { create: cardIds.map((cardId) => ({ cardId })) } } }),
    async (id) => {
      await tx.exam.update({ where: { id }, data: { ...columns, version: { increment: 1 } } });
      await tx.examCard.deleteMany({ where: { examId: id, cardId: { notIn: cardIds } } });
      await tx.examCard.createMany({ data: cardIds.map((cardId) => ({ examId: id, cardId })), skipDuplicates: true });
    },
  );

  // Upserted by (exam, department); assignments made by other means are never deleted.
  for (const assignment of source.assignments) {
    const department = await tx.department.findUniqueOrThrow({ where: { key: assignment.departmentKey }, select: { id: true } });
    const fields = { dueAt: assignment.dueAt };
    await sync(
      counts,
      await tx.assignment.findFirst({
        where: { examId, departmentId: department.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
      fields,
      () => tx.assignment.create({ data: { examId, departmentId: department.id, ...fields } }),
      (id) => tx.assignment.update({ where: { id }, data: fields }),
    );
  }
}

/** Call inside a transaction: a failure anywhere leaves nothing written. */
export async function applyContent(tx: Tx, content: Content): Promise<ApplyCounts> {
  const counts: ApplyCounts = { created: 0, changed: 0, retired: 0 };
  await applyDepartments(tx, content.departments, counts);
  for (const deck of content.decks) await applyDeck(tx, deck, counts);
  for (const exam of content.exams) await applyExam(tx, exam, counts);
  await tx.seedRun.create({ data: { kind: "content", contentHash: content.hash } });
  return counts;
}
