// Writes loaded content into the database in one transaction: creates what is
// new, updates what changed (bumping its version), retires questions that left
// the content. Running it twice changes nothing the second time: a question's
// options keep their stored ids by text (lib/content/choice-ids.ts). Exams and
// assignments that left the content are kept as they are (HR may manage them).
import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { mayManageAccount } from "../access/permissions";
import type { Tx } from "../db";
import { recordCardChange } from "../study/card-changes";
import { withStoredIds } from "./choice-ids";
import { ContentError } from "./errors";
import type { Content, ContentCard, ContentDeck, ContentDepartment, ContentExam } from "./load";

export type ApplyCounts = { created: number; changed: number; retired: number };

export type ContentItemKind = "department" | "user" | "deck" | "card" | "question" | "exam" | "assignment";
export type ContentChangeAction = keyof ApplyCounts;
/** One row created, changed or retired: its kind, its key in the content files and a title a person recognises. */
export type ContentChange = {
  action: ContentChangeAction;
  kind: ContentItemKind;
  key: string;
  title: string;
  /** A card whose text changed substantively (lib/study/card-changes.ts). */
  substantive?: true;
};
export type ApplyReport = ApplyCounts & { items: ContentChange[] };

/** Counts every write as before and lists each row written once (a department whose name and head changed is one item). */
class Changes {
  readonly report: ApplyReport = { created: 0, changed: 0, retired: 0, items: [] };

  record(action: ContentChangeAction, kind: ContentItemKind, key: string, title: string) {
    this.report[action]++;
    const listed = this.report.items.some((item) => item.action === action && item.kind === kind && item.key === key);
    if (!listed) this.report.items.push({ action, kind, key, title });
  }

  markSubstantive(key: string) {
    const item = this.report.items.find((candidate) => candidate.action === "changed" && candidate.kind === "card" && candidate.key === key);
    if (item) item.substantive = true;
  }
}

type Item = { kind: ContentItemKind; key: string; title: string };

/** Who applies the content: a person importing it, or null for the seed and the command line (who hold the database anyway). */
export type ContentImporter = { id: string; role: Role } | null;

function differs(current: object, next: object) {
  const stored = current as Record<string, unknown>;
  return Object.entries(next).some(([field, value]) => !isDeepStrictEqual(stored[field], value));
}

/** Creates the row when absent, updates it when a field differs, and records either; returns its id. */
async function sync(
  changes: Changes,
  item: Item,
  existing: { id: string } | null,
  fields: object,
  create: () => Promise<{ id: string }>,
  update: (id: string) => Promise<unknown>,
): Promise<string> {
  if (!existing) {
    changes.record("created", item.kind, item.key, item.title);
    return (await create()).id;
  }
  if (differs(existing, fields)) {
    await update(existing.id);
    changes.record("changed", item.kind, item.key, item.title);
  }
  return existing.id;
}

async function applyDepartments(tx: Tx, departments: ContentDepartment[], changes: Changes, importer: ContentImporter) {
  const idByKey = new Map<string, string>();
  for (const source of departments) {
    const fields = {
      name: source.name,
      parentId: source.parentKey ? idByKey.get(source.parentKey)! : null,
      position: source.position,
    };
    const existing = await tx.department.findUnique({ where: { key: source.key } });
    const departmentItem: Item = { kind: "department", key: source.key, title: source.name };
    const departmentId = await sync(
      changes,
      departmentItem,
      existing,
      fields,
      () => tx.department.create({ data: { key: source.key, ...fields } }),
      (id) => tx.department.update({ where: { id }, data: fields }),
    );
    idByKey.set(source.key, departmentId);
    if (!source.head) continue;

    const { email, ...head } = source.head;
    const headFields = { ...head, departmentId };
    const user = await tx.user.findUnique({ where: { email } });
    // An HR or ADMIN account named as a head is linked, but only an admin's import changes it.
    const headId =
      user && importer && !mayManageAccount(importer, user)
        ? user.id
        : await sync(
            changes,
            { kind: "user", key: email, title: head.name },
            user,
            headFields,
            () => tx.user.create({ data: { email, role: "HEAD", ...headFields } }),
            (id) => tx.user.update({ where: { id }, data: headFields }),
          );
    const current = await tx.department.findUniqueOrThrow({ where: { id: departmentId } });
    if (current.headId !== headId) {
      await tx.department.update({ where: { id: departmentId }, data: { headId } });
      if (existing) changes.record("changed", departmentItem.kind, departmentItem.key, departmentItem.title);
    }
  }
}

async function applyCard(tx: Tx, deckId: string, source: ContentCard, changes: Changes, importer: ContentImporter) {
  const fields = { front: source.front, back: source.back, position: source.position };
  const existing = await tx.card.findUnique({ where: { deckId_key: { deckId, key: source.key } } });
  const textChanged = existing !== null && (existing.front !== source.front || existing.back !== source.back);
  const cardId = await sync(
    changes,
    { kind: "card", key: source.key, title: source.front },
    existing,
    fields,
    () => tx.card.create({ data: { deckId, key: source.key, ...fields } }),
    async (id) => {
      await tx.card.update({ where: { id }, data: { ...fields, version: { increment: 1 } } });
      if (textChanged && source.change === "substantive") {
        await recordCardChange(tx, { cardId: id, before: existing, after: source, actorId: importer?.id ?? null });
      }
    },
  );
  if (textChanged && source.change === "substantive") changes.markSubstantive(source.key);
  for (const question of source.questions) {
    const existing = await tx.question.findUnique({ where: { key: question.key } });
    const { payload, answerKey } = withStoredIds(question.type, question.payload, question.answerKey, existing?.payload ?? null);
    const questionFields = {
      cardId,
      type: question.type,
      prompt: question.prompt,
      payload: payload as Prisma.InputJsonValue,
      answerKey: answerKey as Prisma.InputJsonValue,
      explanation: question.explanation,
      pool: question.pool,
      position: question.position,
      active: true,
    };
    await sync(
      changes,
      { kind: "question", key: question.key, title: question.prompt },
      existing,
      questionFields,
      () => tx.question.create({ data: { key: question.key, ...questionFields } }),
      (id) => tx.question.update({ where: { id }, data: { ...questionFields, version: { increment: 1 } } }),
    );
  }
}

async function applyDeck(tx: Tx, source: ContentDeck, changes: Changes, importer: ContentImporter) {
  const fields = { title: source.title, description: source.description, published: source.published };
  const deckId = await sync(
    changes,
    { kind: "deck", key: source.slug, title: source.title },
    await tx.deck.findUnique({ where: { slug: source.slug } }),
    fields,
    () => tx.deck.create({ data: { slug: source.slug, ...fields } }),
    (id) => tx.deck.update({ where: { id }, data: { ...fields, version: { increment: 1 } } }),
  );
  for (const card of source.cards) await applyCard(tx, deckId, card, changes, importer);
  // After all cards, so a question that moved between cards is not retired on the way.
  const retired = await tx.question.findMany({
    where: {
      card: { deckId },
      active: true,
      key: { notIn: source.cards.flatMap((card) => card.questions.map((q) => q.key)) },
    },
    orderBy: [{ card: { position: "asc" } }, { position: "asc" }, { key: "asc" }],
    select: { id: true, key: true, prompt: true },
  });
  await tx.question.updateMany({
    where: { id: { in: retired.map((question) => question.id) } },
    data: { active: false, version: { increment: 1 } },
  });
  for (const question of retired) changes.record("retired", "question", question.key, question.prompt);
}

/**
 * Upserts the exam by key; its ExamCard rows are made exactly the chosen cards.
 * A change of its columns or of its card set counts once and bumps its version.
 */
async function applyExam(tx: Tx, source: ContentExam, changes: Changes) {
  const deck = await tx.deck.findUniqueOrThrow({ where: { slug: source.deckSlug }, select: { id: true } });
  const cards = await tx.card.findMany({
    where: { deckId: deck.id, key: { in: source.cardKeys } },
    select: { id: true, key: true },
  });
  if (cards.length !== source.cardKeys.length) {
    throw new Error(`Exam "${source.key}": not every card of ${source.cardKeys.join(", ")} is in deck "${source.deckSlug}"`);
  }
  const chosen = cards.map((card) => ({ cardId: card.id, weight: source.cardWeighting === "CUSTOM" ? source.cardWeights[card.key] : 1 }));
  const cardWeights = (list: { cardId: string; weight: number }[]) => list.map((card) => `${card.cardId}:${card.weight}`).sort();
  const columns = {
    title: source.title,
    description: source.description,
    questionsPerCard: source.questionsPerCard,
    questionCount: source.questionCount,
    cardWeighting: source.cardWeighting,
    timeLimitSeconds: source.timeLimitSeconds,
    passPercent: source.passPercent,
    attemptsAllowed: source.attemptsAllowed,
    opensAt: source.opensAt,
    closesAt: source.closesAt,
    reviewPolicy: source.reviewPolicy,
    reviewTiming: source.reviewTiming,
    shuffleQuestions: source.shuffleQuestions,
    shuffleOptions: source.shuffleOptions,
    navigation: source.navigation,
    multipleScoring: source.multipleScoring,
    recheckDays: source.recheckDays,
    published: source.published,
  };
  const stored = await tx.exam.findUnique({ where: { key: source.key }, include: { cards: { select: { cardId: true, weight: true } } } });
  const existing = stored && { ...stored, cardWeights: cardWeights(stored.cards) };
  const examId = await sync(
    changes,
    { kind: "exam", key: source.key, title: source.title },
    existing,
    { ...columns, cardWeights: cardWeights(chosen) },
    () => tx.exam.create({ data: { key: source.key, ...columns, cards: { create: chosen } } }),
    async (id) => {
      await tx.exam.update({ where: { id }, data: { ...columns, version: { increment: 1 } } });
      await tx.examCard.deleteMany({ where: { examId: id } });
      await tx.examCard.createMany({ data: chosen.map((card) => ({ examId: id, ...card })) });
    },
  );

  // Upserted by (exam, department); assignments made by other means are never deleted.
  for (const assignment of source.assignments) {
    const department = await tx.department.findUniqueOrThrow({ where: { key: assignment.departmentKey }, select: { id: true, name: true } });
    const fields = { dueAt: assignment.dueAt };
    await sync(
      changes,
      { kind: "assignment", key: `${source.key} → ${assignment.departmentKey}`, title: `${source.title} → ${department.name}` },
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

/**
 * Content without org.yaml (a deck archive) may assign exams to departments of the
 * portal: each must exist once the content's own departments are written.
 */
async function assertAssignedDepartmentsExist(tx: Tx, exams: ContentExam[]) {
  const keys = [...new Set(exams.flatMap((exam) => exam.assignments.map((a) => a.departmentKey)))];
  const existing = await tx.department.findMany({ where: { key: { in: keys } }, select: { key: true } });
  const known = new Set(existing.map((department) => department.key));
  const problems = exams.flatMap((exam) =>
    exam.assignments.flatMap((assignment, index) =>
      known.has(assignment.departmentKey)
        ? []
        : [`exams/${exam.key}.yaml: field "assignments.${index}.department": there is no department "${assignment.departmentKey}" in org.yaml or in the portal`],
    ),
  );
  if (problems.length) throw new ContentError(`Content is invalid, nothing was written: ${problems.join("; ")}`, problems);
}

/** Call inside a transaction: a failure anywhere leaves nothing written. */
export async function applyContent(tx: Tx, content: Content, importer: ContentImporter = null): Promise<ApplyReport> {
  const changes = new Changes();
  await applyDepartments(tx, content.departments, changes, importer);
  await assertAssignedDepartmentsExist(tx, content.exams);
  for (const deck of content.decks) await applyDeck(tx, deck, changes, importer);
  for (const exam of content.exams) await applyExam(tx, exam, changes);
  await tx.seedRun.create({ data: { kind: "content", contentHash: content.hash } });
  return changes.report;
}
