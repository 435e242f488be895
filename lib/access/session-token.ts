// Reads the session cookie Auth.js wrote at sign-in. Auth.js's own auth() would, on every
// request, also make a CSRF token and re-encrypt the cookie (which a page cannot even set):
// under exam-day load that crypto was about a tenth of a server process's CPU. Here a token is
// decrypted once and its claims kept until it expires, so each session costs the crypto once.
import "server-only";
import { decode } from "next-auth/jwt";
import { env } from "../env";

export type SessionClaims = { id: string; signedInAt?: number; sessionId?: string };

/** Auth.js's session cookie, prefixed over HTTPS; the name is also the salt of its key. */
const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

const KEPT_TOKENS = 10_000;
const kept = new Map<string, { claims: SessionClaims; expiresAt: number }>();

function keep(token: string, claims: SessionClaims, expiresAt: number) {
  if (kept.size >= KEPT_TOKENS) kept.delete(kept.keys().next().value!);
  kept.set(token, { claims, expiresAt });
}

/** The claims of the session cookie `cookieValue` finds, or null when there is none, it is forged, or expired. */
export async function sessionClaims(cookieValue: (name: string) => string | undefined, now = Date.now()): Promise<SessionClaims | null> {
  const name = SESSION_COOKIE_NAMES.find((candidate) => cookieValue(candidate));
  if (!name) return null;
  const token = cookieValue(name)!;
  const known = kept.get(token);
  if (known) return known.expiresAt > now ? known.claims : null;

  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: sessions cannot be read");
  const payload = await decode({ token, secret, salt: name }).catch(() => null);
  if (!payload?.sub || typeof payload.exp !== "number") return null;
  const claims: SessionClaims = {
    id: payload.sub,
    signedInAt: typeof payload.signedInAt === "number" ? payload.signedInAt : undefined,
    sessionId: typeof payload.sessionId === "string" ? payload.sessionId : undefined,
  };
  keep(token, claims, payload.exp * 1000);
  return payload.exp * 1000 > now ? claims : null;
}
