// A browser that signed in to an account before: a signed httpOnly cookie set on each successful
// sign-in, bound to the account by an HMAC with the auth secret. Its sign-ins are held by the
// device's own delay, not the account's or the address's, so a stranger guessing an account's
// password cannot keep its owner out.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const KNOWN_DEVICE_COOKIE = "portal-known-device";
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

const signature = (secret: string, email: string, deviceId: string) =>
  createHmac("sha256", secret).update(`known-device\n${email}\n${deviceId}`).digest("base64url");

/** A new cookie value naming a fresh device id for this account; null without an auth secret. */
export function knownDeviceToken(email: string, secret = process.env.AUTH_SECRET): string | null {
  if (!secret) return null;
  const deviceId = randomUUID();
  return `${deviceId}.${signature(secret, email, deviceId)}`;
}

/** The device id the cookie value names, if it was issued for this account; else null. */
export function knownDeviceId(token: string | null | undefined, email: string, secret = process.env.AUTH_SECRET): string | null {
  if (!token || !secret) return null;
  const [deviceId, given] = token.split(".");
  if (!deviceId || !given) return null;
  const expected = Buffer.from(signature(secret, email, deviceId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? deviceId : null;
}
