// Failed sign-ins are counted per account and per address in the database, so
// every app instance enforces the same limits. A locked key refuses even the
// right password until the lock ends; the answer never says whether the
// account exists.
import { db } from "../db";

export const throttleLimits = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  accountFailures: 5,
  addressFailures: 20,
};

/** The address failures are counted by: the first hop a proxy reports, else "unknown". */
export function clientAddress(requestHeaders: Headers) {
  return requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || requestHeaders.get("x-real-ip") || "unknown";
}

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** When sign-in is refused for these keys, the moment the lock ends; else null. */
export async function lockedUntil(keys: string[], now = new Date()): Promise<Date | null> {
  const locks = await db.loginThrottle.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const times = locks.map((lock) => lock.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

async function countFailure(key: string, limit: number, now: Date) {
  const windowStart = new Date(now.getTime() - throttleLimits.windowMs);
  const lockUntil = new Date(now.getTime() + throttleLimits.lockMs);
  // One statement, so parallel failures from many requests all count.
  await db.$executeRaw`
    INSERT INTO "LoginThrottle" ("key", "failures", "windowStart")
    VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < ${windowStart} THEN ${now} ELSE "LoginThrottle"."windowStart" END`;
  await db.loginThrottle.updateMany({
    where: { key, failures: { gte: limit }, windowStart: { gte: windowStart } },
    data: { lockedUntil: lockUntil, failures: 0, windowStart: now },
  });
}

export async function recordFailedLogin(email: string, address: string, now = new Date()) {
  await countFailure(accountKey(email), throttleLimits.accountFailures, now);
  await countFailure(addressKey(address), throttleLimits.addressFailures, now);
}

export async function clearFailedLogins(email: string) {
  await db.loginThrottle.deleteMany({ where: { key: accountKey(email) } });
}
