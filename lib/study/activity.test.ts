import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { seed } from "../../prisma/seeding";
import { getPublishedDeck, type PublishedDeck } from "../content/decks";
import { HEATMAP_DAYS, studyActivity } from "./activity";
import { companyDate, companyDay } from "./calendar";

let deck: PublishedDeck;
let questionId: string;
let userCount = 0;

async function createUser() {
  userCount++;
  return db.user.create({ data: { email: `activity-${userCount}@study.test`, name: `Учащийся ${userCount}` } });
}

async function reviewed(userId: string, reviewedAt: string) {
  await db.reviewLog.create({
    data: {
      userId,
      cardId: deck.cards[0].id,
      rating: 3,
      state: 0,
      due: new Date(reviewedAt),
      stability: 1,
      difficulty: 5,
      scheduledDays: 0,
      learningSteps: 0,
      reviewedAt: new Date(reviewedAt),
    },
  });
}

async function practiced(userId: string, answeredAt: string) {
  await db.practiceAnswer.create({ data: { userId, questionId, response: {}, correct: true, points: 1, answeredAt: new Date(answeredAt) } });
}

const countOn = (heatmap: { date: string; count: number }[], date: string) => heatmap.find((day) => day.date === date)?.count;

describe("company calendar", () => {
  it("uses Moscow days (UTC+3)", () => {
    expect(companyDate(new Date("2026-11-27T20:59:59Z"))).toBe("2026-11-27");
    expect(companyDate(new Date("2026-11-27T21:00:00Z"))).toBe("2026-11-28");
    expect(companyDay(new Date("2026-11-27T22:30:00Z"))).toEqual({
      start: new Date("2026-11-27T21:00:00Z"),
      end: new Date("2026-11-28T21:00:00Z"),
    });
  });
});

describe("studyActivity", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed({ demo: true });
    deck = (await getPublishedDeck("attestation-prep"))!;
    questionId = (await db.question.findFirstOrThrow({ where: { card: { deckId: deck.id }, pool: { not: "EXAM" } } })).id;
  });

  it("shows 30 empty days ending today for a user who never studied", async () => {
    const user = await createUser();
    const activity = await studyActivity(user.id, new Date("2026-11-28T10:00:00Z"));
    expect(activity.heatmap).toHaveLength(HEATMAP_DAYS);
    expect(HEATMAP_DAYS).toBe(30);
    expect(activity.heatmap[0]).toEqual({ date: "2026-10-30", count: 0 });
    expect(activity.heatmap[29]).toEqual({ date: "2026-11-28", count: 0 });
    expect(activity.heatmap.every((day) => day.count === 0)).toBe(true);
    expect(activity).toMatchObject({ streak: 0, today: 0 });
  });

  it("lists consecutive dates, the last being today's company date even just after Moscow midnight", async () => {
    const user = await createUser();
    // 00:30 on 29 November in Moscow, still 28 November in UTC.
    const activity = await studyActivity(user.id, new Date("2026-11-28T21:30:00Z"));
    expect(activity.heatmap[29].date).toBe("2026-11-29");
    expect(activity.heatmap[0].date).toBe("2026-10-31");
    for (let i = 1; i < activity.heatmap.length; i++) {
      const previous = new Date(`${activity.heatmap[i - 1].date}T00:00:00Z`).getTime();
      expect(new Date(`${activity.heatmap[i].date}T00:00:00Z`).getTime() - previous).toBe(86_400_000);
    }
  });

  it("counts reviews and practice answers per company day", async () => {
    const user = await createUser();
    await reviewed(user.id, "2026-11-27T22:30:00Z"); // 01:30 on the 28th in Moscow
    await practiced(user.id, "2026-11-28T05:00:00Z");
    await practiced(user.id, "2026-11-28T09:59:00Z");
    await reviewed(user.id, "2026-11-27T20:59:00Z"); // 23:59 on the 27th in Moscow
    await reviewed(user.id, "2026-11-27T08:00:00Z");
    await practiced(user.id, "2026-11-20T12:00:00Z");
    await reviewed(user.id, "2026-10-01T12:00:00Z"); // before the heatmap

    const activity = await studyActivity(user.id, new Date("2026-11-28T10:00:00Z"));
    expect(countOn(activity.heatmap, "2026-11-28")).toBe(3);
    expect(countOn(activity.heatmap, "2026-11-27")).toBe(2);
    expect(countOn(activity.heatmap, "2026-11-20")).toBe(1);
    expect(activity.heatmap.reduce((sum, day) => sum + day.count, 0)).toBe(6);
    expect(activity.today).toBe(3);
    expect(activity.streak).toBe(2);
  });

  it("counts only the user's own activity", async () => {
    const user = await createUser();
    const other = await createUser();
    await reviewed(other.id, "2026-11-28T08:00:00Z");
    await practiced(other.id, "2026-11-27T08:00:00Z");
    const activity = await studyActivity(user.id, new Date("2026-11-28T10:00:00Z"));
    expect(activity).toMatchObject({ streak: 0, today: 0 });
    expect(activity.heatmap.every((day) => day.count === 0)).toBe(true);
  });

  describe("streak", () => {
    let userId: string;

    beforeAll(async () => {
      userId = (await createUser()).id;
      await reviewed(userId, "2026-11-24T09:00:00Z"); // separated by a gap on the 25th
      await practiced(userId, "2026-11-26T09:00:00Z");
      await reviewed(userId, "2026-11-26T22:00:00Z"); // the 27th in Moscow
      await reviewed(userId, "2026-11-28T06:00:00Z");
    });

    it("counts consecutive days up to today", async () => {
      const activity = await studyActivity(userId, new Date("2026-11-28T10:00:00Z"));
      expect(activity).toMatchObject({ streak: 3, today: 1 });
    });

    it("is not broken by today not yet studied", async () => {
      const activity = await studyActivity(userId, new Date("2026-11-29T10:00:00Z"));
      expect(activity).toMatchObject({ streak: 3, today: 0 });
      // Still the 28th in Moscow at 23:59.
      expect(await studyActivity(userId, new Date("2026-11-28T20:59:00Z"))).toMatchObject({ streak: 3, today: 1 });
    });

    it("is broken by a day without study", async () => {
      expect(await studyActivity(userId, new Date("2026-11-30T10:00:00Z"))).toMatchObject({ streak: 0, today: 0 });
      // Studying again after the gap starts a new streak of one day.
      await practiced(userId, "2026-11-30T09:00:00Z");
      expect(await studyActivity(userId, new Date("2026-11-30T10:00:00Z"))).toMatchObject({ streak: 1, today: 1 });
      // Looking back from the 25th (the gap): the 24th alone.
      expect(await studyActivity(userId, new Date("2026-11-25T10:00:00Z"))).toMatchObject({ streak: 1, today: 0 });
    });

    it("uses Moscow days: a review at 22:30 UTC belongs to the next day", async () => {
      const user = await createUser();
      await reviewed(user.id, "2026-11-27T22:30:00Z");
      // On the 28th (Moscow) it is today's activity.
      expect(await studyActivity(user.id, new Date("2026-11-28T10:00:00Z"))).toMatchObject({ streak: 1, today: 1 });
      // On the 30th the 29th is empty: no streak, although the 28th was active.
      expect(await studyActivity(user.id, new Date("2026-11-30T10:00:00Z"))).toMatchObject({ streak: 0, today: 0 });
      // Seen from 27 November 23:00 UTC (already the 28th in Moscow) it is today as well.
      expect(await studyActivity(user.id, new Date("2026-11-27T23:00:00Z"))).toMatchObject({ streak: 1, today: 1 });
    });
  });
});
