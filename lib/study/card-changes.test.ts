import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { createCard, seedPortal, taker } from "../testing/fixtures";
import { changesSinceLastVisit, dismissChanges, recordCardChange, unseenChange } from "./card-changes";
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

describe("changes since the last visit", () => {
  let userId: string;

  beforeAll(async () => {
    await seedPortal();
    userId = (await db.user.create({ data: { email: "news@demo.local", name: "Читатель", createdAt: new Date(Date.now() - 60_000) } })).id;
  });

  const change = (cardId: string, at: Date) =>
    db.$transaction((tx) => recordCardChange(tx, { cardId, before: { front: "Тема", back: "было" }, after: { front: "Тема", back: "стало" }, actorId: null, at }));
  const ago = (ms: number) => new Date(Date.now() - ms);

  it("lists each changed card of a published deck once, newest first, until dismissed; then only what changed after", async () => {
    const [first, second, third] = [await createCard([]), await createCard([]), await createCard([])];
    const hidden = await db.deck.create({ data: { slug: "hidden-deck", title: "Черновик", published: false } });
    const draft = await db.card.create({ data: { deckId: hidden.id, key: "draft", front: "Черновик", back: "x", position: 0 } });
    await change(first.card.id, ago(120_000)); // before the account existed
    await change(second.card.id, ago(50_000));
    await change(third.card.id, ago(40_000));
    const latest = ago(30_000);
    await change(second.card.id, latest);
    await change(draft.id, ago(20_000));

    const list = await changesSinceLastVisit(userId);
    expect(list.items.map((item) => item.cardId)).toEqual([second.card.id, third.card.id]);
    expect(list.items[0]).toMatchObject({ front: second.card.front, deckSlug: "attestation-prep", changedAt: latest });
    expect(list.total).toBe(2);

    await dismissChanges(userId, list.items[0].changedAt);
    expect((await changesSinceLastVisit(userId)).items).toEqual([]);
    // An older "seen until" (a second tab's stale list) never brings back what was dismissed.
    await dismissChanges(userId, ago(45_000));
    expect((await changesSinceLastVisit(userId)).items).toEqual([]);

    // A date in the future (a forged request) hides nothing yet to come.
    await dismissChanges(userId, new Date(Date.now() + 3600_000));
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).changesSeenAt!.getTime()).toBeLessThanOrEqual(Date.now());
    await change(first.card.id, new Date(Date.now() + 1));
    expect((await changesSinceLastVisit(userId)).items.map((item) => item.cardId)).toEqual([first.card.id]);
  });

  it("keeps the list short: at most the limit, with the total", async () => {
    const seen = new Date();
    await dismissChanges(userId, seen);
    for (let n = 1; n <= 3; n++) await change((await createCard([])).card.id, new Date(seen.getTime() + n));
    const list = await changesSinceLastVisit(userId, 2);
    expect(list.items).toHaveLength(2);
    expect(list.total).toBe(3);
  });
});
