import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { AccessDenied } from "../access/permissions";
import { messages } from "../i18n";
import { listPublishedDecks } from "../content/decks";
import { DECK, seedPortal } from "../testing/fixtures";
import {
  createDeck,
  deleteOrArchiveDeck,
  getDeck,
  listDecks,
  reorderCards,
  setDeckPublished,
  updateDeck,
} from "./decks";
import type { DeckResult } from "./decks.schema";

const t = messages().admin.decks.errors;

function succeeded(result: DeckResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.id;
}

const auditOf = (entityId: string) =>
  db.auditLog.findMany({
    where: { entity: "deck", entityId },
    select: { actorId: true, action: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

/** The decks, their cards and the audit log: what a refused change must leave as it was. */
async function snapshot() {
  return {
    decks: await db.deck.findMany({ orderBy: { id: "asc" } }),
    cards: await db.card.findMany({ select: { id: true, deckId: true, position: true }, orderBy: { id: "asc" } }),
    audit: await db.auditLog.count(),
  };
}

let count = 0;
/** A deck of its own for one test, with the given number of cards, made directly in the database. */
async function deckWithCards(cards: number, fields: { published?: boolean } = {}) {
  count++;
  const deck = await db.deck.create({ data: { slug: `test-deck-${count}`, title: `Тестовая колода ${count}`, published: fields.published ?? false } });
  for (let i = 0; i < cards; i++) {
    await db.card.create({ data: { deckId: deck.id, key: `card-${i}`, front: `Тема ${i}`, back: "", position: i } });
  }
  const ids = (await db.card.findMany({ where: { deckId: deck.id }, orderBy: { position: "asc" }, select: { id: true } })).map((card) => card.id);
  return { id: deck.id, slug: deck.slug, cards: ids };
}

const order = async (deckId: string) =>
  (await db.card.findMany({ where: { deckId }, orderBy: { position: "asc" }, select: { id: true } })).map((card) => card.id);

describe("deck editing", () => {
  let hr: CurrentUser;
  let admin: CurrentUser;
  let employee: CurrentUser;
  let head: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
    admin = await viewer("admin@demo.local");
    employee = await viewer("employee@demo.local");
    head = await viewer("i.zasypkin@company.example");
  });

  it("creates an unpublished deck with a slug from its title, unique, and audits it", async () => {
    const id = succeeded(await createDeck(hr, { title: "  Кассовые операции ", description: "Основы" }));
    expect(await db.deck.findUniqueOrThrow({ where: { id } })).toMatchObject({
      slug: "kassovye-operatsii",
      title: "Кассовые операции",
      description: "Основы",
      published: false,
      archived: false,
      version: 1,
    });
    expect(await auditOf(id)).toEqual([
      {
        actorId: hr.id,
        action: "deck.create",
        before: null,
        after: { slug: "kassovye-operatsii", title: "Кассовые операции", description: "Основы", published: false },
      },
    ]);
    const second = succeeded(await createDeck(admin, { title: "Кассовые операции", description: "", slug: "" }));
    const given = succeeded(await createDeck(admin, { title: "Касса", description: "", slug: "cash" }));
    expect((await db.deck.findUniqueOrThrow({ where: { id: second } })).slug).toBe("kassovye-operatsii-2");
    expect((await db.deck.findUniqueOrThrow({ where: { id: given } })).slug).toBe("cash");
  });

  it("refuses a taken or malformed slug and a bad title, writing nothing", async () => {
    const before = await snapshot();
    expect(await createDeck(hr, { title: "Колода", description: "", slug: DECK })).toEqual({ ok: false, error: "invalid", fieldErrors: { slug: [t.slugTaken] } });
    expect(await createDeck(hr, { title: "Колода", description: "", slug: "Колода 1" })).toEqual({ ok: false, error: "invalid", fieldErrors: { slug: [t.slugInvalid] } });
    expect(await createDeck(hr, { title: "   ", description: "" })).toEqual({ ok: false, error: "invalid", fieldErrors: { title: [t.titleRequired] } });
    expect(await createDeck(hr, { title: "к".repeat(121), description: "" })).toEqual({ ok: false, error: "invalid", fieldErrors: { title: [t.titleTooLong(120)] } });
    expect(await snapshot()).toEqual(before);
  });

  it("updates the title and description, bumps the version and audits before and after", async () => {
    const deck = await deckWithCards(0);
    succeeded(await updateDeck(hr, { id: deck.id, title: "Новое название", description: "Новое описание", version: 1 }));
    expect(await db.deck.findUniqueOrThrow({ where: { id: deck.id } })).toMatchObject({ title: "Новое название", description: "Новое описание", version: 2 });
    expect(await auditOf(deck.id)).toEqual([
      {
        actorId: hr.id,
        action: "deck.update",
        before: { title: `Тестовая колода ${count}`, description: "", version: 1 },
        after: { title: "Новое название", description: "Новое описание", version: 2 },
      },
    ]);
  });

  it("answers a stale version with a conflict carrying the stored values, and changes nothing", async () => {
    const deck = await deckWithCards(0);
    succeeded(await updateDeck(hr, { id: deck.id, title: "Первая правка", description: "", version: 1 }));
    const before = await snapshot();
    expect(await updateDeck(admin, { id: deck.id, title: "Вторая правка", description: "x", version: 1 })).toEqual({
      ok: false,
      error: "conflict",
      current: { title: "Первая правка", description: "", version: 2 },
    });
    expect(await snapshot()).toEqual(before);
    expect(await updateDeck(admin, { id: "no-such-deck", title: "Т", description: "", version: 1 })).toEqual({ ok: false, error: "not-found" });
  });

  it("publishes and unpublishes with audit rows; an unpublished deck leaves the employees' list", async () => {
    const deck = await deckWithCards(1);
    const listed = async () => (await listPublishedDecks()).map((summary) => summary.slug);
    expect(await listed()).not.toContain(deck.slug);
    succeeded(await setDeckPublished(hr, { id: deck.id, published: true }));
    expect(await listed()).toContain(deck.slug);
    succeeded(await setDeckPublished(hr, { id: deck.id, published: false }));
    expect(await listed()).not.toContain(deck.slug);
    expect((await auditOf(deck.id)).map((row) => [row.action, row.before, row.after])).toEqual([
      ["deck.publish", { published: false }, { published: true }],
      ["deck.unpublish", { published: true }, { published: false }],
    ]);
  });

  it("rewrites card positions to the given full order, audits it, and the list shows it", async () => {
    const deck = await deckWithCards(3);
    const [a, b, c] = deck.cards;
    succeeded(await reorderCards(hr, { deckId: deck.id, cardIds: [c, a, b] }));
    expect(await order(deck.id)).toEqual([c, a, b]);
    expect((await db.card.findMany({ where: { deckId: deck.id }, orderBy: { position: "asc" } })).map((card) => card.position)).toEqual([0, 1, 2]);
    expect((await getDeck(hr, deck.id))!.cards.map((card) => card.id)).toEqual([c, a, b]);
    expect(await auditOf(deck.id)).toEqual([
      { actorId: hr.id, action: "deck.reorder", before: { order: ["card-0", "card-1", "card-2"] }, after: { order: ["card-2", "card-0", "card-1"] } },
    ]);
  });

  it("refuses an order with a missing, repeated or foreign card, writing nothing", async () => {
    const deck = await deckWithCards(3);
    const other = await deckWithCards(1);
    const [a, b, c] = deck.cards;
    const before = await snapshot();
    for (const cardIds of [[a, b], [a, b, c, c], [a, b, b], [a, b, other.cards[0]], [a, b, c, other.cards[0]]]) {
      expect(await reorderCards(hr, { deckId: deck.id, cardIds })).toEqual({ ok: false, error: "invalid", fieldErrors: { cardIds: [t.orderStale] } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lists every deck with card and active question counts", async () => {
    const hidden = await deckWithCards(2);
    await db.deck.update({ where: { id: hidden.id }, data: { archived: true } });
    const decks = await listDecks(hr);
    expect(decks.find((deck) => deck.id === hidden.id)).toMatchObject({ archived: true, published: false, cardCount: 2, activeQuestionCount: 0 });
    const seeded = decks.find((deck) => deck.slug === DECK)!;
    const active = await db.question.count({ where: { active: true, card: { deck: { slug: DECK } } } });
    expect(seeded).toMatchObject({ published: true, archived: false, activeQuestionCount: active });
    expect(active).toBeGreaterThan(0);
  });

  it("deletes an unused new deck with its cards, and audits it", async () => {
    const deck = await deckWithCards(2);
    expect(await deleteOrArchiveDeck(hr, { id: deck.id })).toEqual({ ok: true, id: deck.id, outcome: "deleted" });
    expect(await db.deck.findUnique({ where: { id: deck.id } })).toBeNull();
    expect(await db.card.count({ where: { deckId: deck.id } })).toBe(0);
    expect((await auditOf(deck.id)).map((row) => row.action)).toEqual(["deck.delete"]);
    expect(await deleteOrArchiveDeck(hr, { id: deck.id })).toEqual({ ok: false, error: "not-found" });
  });

  it("archives (and unpublishes) instead of deleting a deck whose cards have study history", async () => {
    const deck = await db.deck.findUniqueOrThrow({ where: { slug: DECK }, include: { cards: { take: 1, orderBy: { position: "asc" } } } });
    const cardsBefore = await db.card.count({ where: { deckId: deck.id } });
    await db.reviewLog.create({
      data: { userId: employee.id, cardId: deck.cards[0].id, rating: 3, state: 1, due: new Date(), stability: 1, difficulty: 5, scheduledDays: 1, learningSteps: 0 },
    });
    expect(await deleteOrArchiveDeck(hr, { id: deck.id })).toEqual({ ok: true, id: deck.id, outcome: "archived" });
    expect(await db.deck.findUniqueOrThrow({ where: { id: deck.id } })).toMatchObject({ archived: true, published: false });
    expect(await db.card.count({ where: { deckId: deck.id } })).toBe(cardsBefore);
    expect((await listPublishedDecks()).map((summary) => summary.slug)).not.toContain(DECK);
    expect((await auditOf(deck.id)).map((row) => row.action)).toEqual(["deck.archive"]);
    expect(await setDeckPublished(hr, { id: deck.id, published: true })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { published: [t.archivedCannotPublish] },
    });
  });

  it("archives a new deck whose card only has a card state", async () => {
    const deck = await deckWithCards(1);
    await db.cardState.create({
      data: { userId: employee.id, cardId: deck.cards[0], due: new Date(), stability: 1, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 1 },
    });
    expect(await deleteOrArchiveDeck(admin, { id: deck.id })).toEqual({ ok: true, id: deck.id, outcome: "archived" });
  });

  it("denies an employee and a head everything", async () => {
    const deck = await deckWithCards(2);
    for (const actor of [employee, head]) {
      await expect(listDecks(actor)).rejects.toThrow(AccessDenied);
      await expect(getDeck(actor, deck.id)).rejects.toThrow(AccessDenied);
      await expect(createDeck(actor, { title: "Т", description: "" })).rejects.toThrow(AccessDenied);
      await expect(updateDeck(actor, { id: deck.id, title: "Т", description: "", version: 1 })).rejects.toThrow(AccessDenied);
      await expect(setDeckPublished(actor, { id: deck.id, published: true })).rejects.toThrow(AccessDenied);
      await expect(reorderCards(actor, { deckId: deck.id, cardIds: deck.cards.toReversed() })).rejects.toThrow(AccessDenied);
      await expect(deleteOrArchiveDeck(actor, { id: deck.id })).rejects.toThrow(AccessDenied);
    }
    expect(await order(deck.id)).toEqual(deck.cards);
  });
});
