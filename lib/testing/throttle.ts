// Puts an account under the longest sign-in delay, as a long run of failed guesses would.
import { db } from "../db";
import { accountKey, throttlePolicy } from "../users/login-throttle";

export async function delayAccount(email: string, now = new Date()) {
  const row = { count: 100, until: new Date(now.getTime() + throttlePolicy.account.maxDelayMs), allowed: false, since: now, updatedAt: now };
  await db.loginThrottle.upsert({ where: { key: accountKey(email) }, create: { key: accountKey(email), ...row }, update: row });
}
