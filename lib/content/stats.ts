import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { assertCan } from "../access/permissions";

/** Figures for the HR/admin home: what the portal holds now. */
export async function portalStats(user: CurrentUser) {
  assertCan(user, "manageContent");
  const [decks, cards, questions, users, departments] = await db.$transaction([
    db.deck.count({ where: { archived: false } }),
    db.card.count(),
    db.question.count({ where: { active: true } }),
    db.user.count({ where: { active: true } }),
    db.department.count(),
  ]);
  return { decks, cards, questions, users, departments };
}
