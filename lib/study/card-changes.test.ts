import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { createCard, seedPortal, taker } from "../testing/fixtures";
import { recordCardChange, unseenChange } from "./card-changes";
import { rateCard } from "./review";

describe("unseen card changes", () => {
  let userId: string;
  let deckId: string;

  beforeAll(async () => {
    await seedPortal();
    userId = (await taker("employee@demo.local")).id;
  });

  const change = (cardId: string, before: string, after: string, at: Date) =>
    db.$transaction(async (tx) => {
      await tx.card.update({ where: { id: cardId }, data: { back: after } });
      await recordCardChange(tx, { cardId, before: { front: "Тема", back: before }, after: { front: "Тема", back: after }, actorId: null, at });
    });

  it("shows the back the person knew against the current one until they rate the card", async () => {
    const { card } = await createCard([], { back: "Срок — 15 дней." });
    deckId = card.deckId;
    const rated = await rateCard(userId, deckId, { cardId: card.id, rating: 3, expectedReps: 0 });
    expect(rated.status).toBe("rated");
    expect(await unseenChange(userId, card.id)).toBeNull();

    const first = new Date(Date.now() - 2000);
    await change(card.id, "Срок — 15 дней.", "Срок — 20 дней.", first);
    await change(card.id, "Срок — 20 дней.", "Срок — 25 рабочих дней.", new Date(Date.now() - 1000));
    // Both changes since the last rating: compared with the version known before the first.
    expect(await unseenChange(userId, card.id)).toEqual({ since: first, oldBack: "Срок — 15 дней.", newBack: "Срок — 25 рабочих дней." });

    const state = await db.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId, cardId: card.id } } });
    expect(state.due.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await rateCard(userId, deckId, { cardId: card.id, rating: 3, expectedReps: state.reps })).status).toBe("rated");
    expect(await unseenChange(userId, card.id)).toBeNull();
  });

  it("someone who never studied the card has nothing to see", async () => {
    const { card } = await createCard([], { back: "Старый текст" });
    await change(card.id, "Старый текст", "Новый текст", new Date());
    expect(await unseenChange(userId, card.id)).toBeNull();
  });
});
