// Sign-in limits, counted in the database so every app instance enforces the same ones. Every
// attempt is counted and let through or refused by one SQL statement per key BEFORE the password
// is hashed, so simultaneous guesses count as a sequence and refused ones cost no hash:
// - per address: at most `attemptsPerMinute` attempts a minute, successful ones included;
// - per account (or, for a known device, per device instead) and per address: failures beyond
//   `free` make the next attempt wait, the wait doubling from `baseDelayMs` up to `maxDelayMs`.
//   A success clears the account's (or device's) count and gives back its own count on the address.
//   An account's failures are forgotten after `windowMs` without any; an address's start afresh
//   `windowMs` after its first, so an office behind one address is not held up all day.
// Rows idle for `windowMs` are deleted. The answer never says whether the account exists.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";

type DelayPolicy = { free: number; baseDelayMs: number; maxDelayMs: number; fixedWindow: boolean };

export const throttlePolicy = {
  windowMs: 15 * 60_000,
  attemptsPerMinute: 60,
  account: { free: 3, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, fixedWindow: false },
  address: { free: 20, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, fixedWindow: true },
};

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;
const deviceKey = (deviceId: string) => `device:${deviceId}`;
const attemptsKey = (address: string) => `attempts:${address}`;

/** Who is trying: the account, the client's address and, from a known device, its id. */
export type SignInClient = { email: string; address: string; deviceId: string | null };

export type Reservation = { allowed: true } | { allowed: false; retryAt: Date };

/** Whole seconds until `retryAt`, at least 1: what the refusal message names. */
export const secondsUntil = (retryAt: Date, now = new Date()) => Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));

/** The wait after `failures` failures, as an SQL interval. */
function delay(failures: Prisma.Sql, policy: DelayPolicy) {
  return Prisma.sql`make_interval(secs => CASE WHEN ${failures} <= ${policy.free}::int THEN 0
    ELSE LEAST(${policy.maxDelayMs}::float8, ${policy.baseDelayMs}::float8 * power(2, LEAST(${failures} - ${policy.free}::int - 1, 30))) / 1000 END)`;
}

type Row = { allowed: boolean; until: Date };

/**
 * Counts a failure in advance and tells whether the wait its earlier failures imposed is over.
 * Only failures beyond `free` impose a wait: simultaneous requests read the clock and reach the
 * database in either order, so a row's time alone must not refuse an older clock reading.
 */
async function reserveDelayed(key: string, policy: DelayPolicy, now: Date): Promise<Row> {
  const windowStart = new Date(now.getTime() - throttlePolicy.windowMs);
  const expired = policy.fixedWindow ? Prisma.sql`t."since" < ${windowStart}` : Prisma.sql`t."updatedAt" < ${windowStart}`;
  const waiting = Prisma.sql`(NOT ${expired} AND t."count" > ${policy.free}::int AND t."until" > ${now})`;
  const [row] = await db.$queryRaw<Row[]>`
    INSERT INTO "LoginThrottle" AS t ("key", "count", "until", "allowed", "since", "updatedAt")
    VALUES (${key}, 1, ${now}::timestamp + ${delay(Prisma.sql`1`, policy)}, true, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "allowed" = NOT ${waiting},
      "count" = CASE WHEN ${expired} THEN 1 ELSE t."count" + 1 END,
      "until" = CASE
        WHEN ${expired} THEN ${now}::timestamp + ${delay(Prisma.sql`1`, policy)}
        WHEN ${waiting} THEN t."until"
        ELSE GREATEST(t."until", ${now}::timestamp + ${delay(Prisma.sql`(t."count" + 1)`, policy)}) END,
      "since" = CASE WHEN ${expired} THEN ${now} ELSE t."since" END,
      "updatedAt" = GREATEST(t."updatedAt", ${now})
    RETURNING "allowed", "until"`;
  return row;
}

/** Counts an attempt in the address's current minute; refused beyond the cap. */
async function reserveAttempt(key: string, now: Date): Promise<Row> {
  const minuteEnd = new Date(now.getTime() + 60_000);
  const [row] = await db.$queryRaw<Row[]>`
    INSERT INTO "LoginThrottle" AS t ("key", "count", "until", "allowed", "since", "updatedAt")
    VALUES (${key}, 1, ${minuteEnd}, true, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "allowed" = t."until" <= ${now} OR t."count" < ${throttlePolicy.attemptsPerMinute}::int,
      "count" = CASE WHEN t."until" <= ${now} THEN 1 ELSE t."count" + 1 END,
      "until" = CASE WHEN t."until" <= ${now} THEN ${minuteEnd} ELSE t."until" END,
      "since" = CASE WHEN t."until" <= ${now} THEN ${now} ELSE t."since" END,
      "updatedAt" = ${now}
    RETURNING "allowed", "until"`;
  return row;
}

const refusal = (rows: Row[]): Reservation => {
  const refused = rows.filter((row) => !row.allowed);
  if (refused.length === 0) return { allowed: true };
  return { allowed: false, retryAt: new Date(Math.max(...refused.map((row) => row.until.getTime()))) };
};

/**
 * Counts this attempt as a failure before the password is checked and says whether it may be
 * checked at all. A known device is held only by its own delay.
 */
export async function reserveSignIn(client: SignInClient, now = new Date()): Promise<Reservation> {
  await db.loginThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - throttlePolicy.windowMs) } } });
  if (client.deviceId) return refusal([await reserveDelayed(deviceKey(client.deviceId), throttlePolicy.account, now)]);
  const attempts = await reserveAttempt(attemptsKey(client.address), now);
  if (!attempts.allowed) return refusal([attempts]);
  return refusal([
    await reserveDelayed(accountKey(client.email), throttlePolicy.account, now),
    await reserveDelayed(addressKey(client.address), throttlePolicy.address, now),
  ]);
}

/** After the right password: the account's (or device's) failures are forgotten, the address gets this one back. */
export async function signInSucceeded(client: SignInClient, now = new Date()) {
  if (client.deviceId) {
    await db.loginThrottle.deleteMany({ where: { key: deviceKey(client.deviceId) } });
    return;
  }
  await db.loginThrottle.deleteMany({ where: { key: accountKey(client.email) } });
  const policy = throttlePolicy.address;
  await db.$executeRaw`
    UPDATE "LoginThrottle" SET
      "count" = GREATEST("count" - 1, 0),
      "until" = LEAST("until", ${now}::timestamp + ${delay(Prisma.sql`GREATEST("count" - 1, 0)`, policy)})
    WHERE "key" = ${addressKey(client.address)}`;
}
