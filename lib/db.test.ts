import { describe, expect, it } from "vitest";
import { db } from "./db";

describe("the Prisma client", () => {
  // Under exam-day load every connection may be busy for seconds: starts (transactions) must
  // then queue as plain queries do, not fail after Prisma's default wait of 2 s.
  it("lets transactions wait for a connection while every one of the pool is busy for longer than 2 s", async () => {
    // Prisma's promises run when awaited: Promise.all sends the sleeps now, more than the pool holds (10).
    const busy = Promise.all(Array.from({ length: 12 }, () => db.$executeRaw`SELECT pg_sleep(2.5)`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const transactions = await Promise.allSettled(
      Array.from({ length: 5 }, (_, n) => db.$transaction([db.$executeRaw`SELECT 1`, db.$queryRaw<{ n: number }[]>`SELECT ${n}::int AS "n"`])),
    );
    await busy;
    expect(transactions.map((result) => (result.status === "fulfilled" ? result.value[1][0].n : String(result.reason)))).toEqual([0, 1, 2, 3, 4]);
  });
});
