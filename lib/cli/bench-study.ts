// `npm run bench:study`: one user with 5,000 review-log rows over the seed deck,
// on a fresh embedded database; times the server functions behind the study page:
// picking the next card and recording a rating, 500 calls each. Prints
//   next_card_p95_ms=<n> rate_p95_ms=<n>
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "../../prisma/embedded-server";
import { applyMigrations } from "../../prisma/schema-engine";

const REVIEW_LOG_ROWS = 5_000;
const CALLS = 500;
const DAY = 86_400_000;

const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1];

const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-bench-study-"));
const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
try {
  process.env.DATABASE_URL = server.url;
  await applyMigrations(server.url);
  const { seed } = await import("../../prisma/seeding");
  const { db } = await import("../db");
  const { getPublishedDeck } = await import("../content/decks");
  const { rateCard, reviewQueue } = await import("../study/review");
  await seed({ demo: false });
  const deck = (await getPublishedDeck("attestation-prep"))!;
  const user = await db.user.create({ data: { email: "bench@company.example", name: "Бенчмарк" } });

  const start = Date.now() - 365 * DAY;
  await db.reviewLog.createMany({
    data: Array.from({ length: REVIEW_LOG_ROWS }, (_, index) => ({
      userId: user.id,
      cardId: deck.cards[index % deck.cards.length].id,
      rating: 1 + (index % 4),
      state: 2,
      due: new Date(start + index * 6 * 60_000),
      stability: 10,
      difficulty: 5,
      scheduledDays: 10,
      learningSteps: 0,
      reviewedAt: new Date(start + index * 6 * 60_000),
    })),
  });
  await db.cardState.createMany({
    data: deck.cards.map((card) => ({
      userId: user.id,
      cardId: card.id,
      due: new Date(),
      stability: 10,
      difficulty: 5,
      scheduledDays: 10,
      learningSteps: 0,
      reps: Math.floor(REVIEW_LOG_ROWS / deck.cards.length),
      lapses: 3,
      state: 2,
      lastReview: new Date(Date.now() - 10 * DAY),
    })),
  });

  const nextCardMs: number[] = [];
  const rateMs: number[] = [];
  for (let call = 0; call < CALLS; call++) {
    const now = new Date(Date.now() + call * 30 * DAY);
    let started = performance.now();
    const queue = await reviewQueue(user.id, deck, now);
    nextCardMs.push(performance.now() - started);
    const cardId = queue.next?.cardId ?? deck.cards[call % deck.cards.length].id;
    const state = await db.cardState.findUnique({ where: { userId_cardId: { userId: user.id, cardId } } });
    started = performance.now();
    const result = await rateCard(user.id, deck.id, { cardId, rating: 3, expectedReps: state?.reps ?? 0 }, now);
    rateMs.push(performance.now() - started);
    if (result.status !== "rated") throw new Error(`rating ${call} was ${result.status}`);
  }
  await db.$disconnect();
  console.log(`next_card_p95_ms=${p95(nextCardMs).toFixed(1)} rate_p95_ms=${p95(rateMs).toFixed(1)}`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
