// Unsubscribing from an optional kind of e-mail through a link in the message itself, with no
// sign-in: the link carries the user and the kind, signed with HMAC-SHA256 under AUTH_SECRET.
// Only the heads' weekly digest is optional; password links and reminders of assigned exams are
// mandatory (an assigned exam is part of the job), so no link for them is ever valid.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "../db";
import type { MailKind } from "../generated/prisma/enums";

export const OPTIONAL_KINDS: readonly MailKind[] = ["TEAM_DIGEST"];

const isOptional = (kind: string): kind is MailKind => (OPTIONAL_KINDS as readonly string[]).includes(kind);

function signature(payload: string, secret: string) {
  return createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url");
}

function secretOrThrow(secret: string | undefined) {
  if (!secret) throw new Error("AUTH_SECRET is not set: unsubscribe links cannot be signed");
  return secret;
}

export const unsubscribePath = (token: string) => `/unsubscribe/${token}`;

/** The token of a user's unsubscribe link for an optional kind. */
export function unsubscribeToken(userId: string, kind: MailKind, secret = process.env.AUTH_SECRET): string {
  if (!isOptional(kind)) throw new Error(`${kind} e-mail is mandatory: it has no unsubscribe link`);
  const payload = `${userId}.${kind}`;
  return `${payload}.${signature(payload, secretOrThrow(secret))}`;
}

/** The user and kind a token names, or null when it is malformed, forged or for a mandatory kind. */
export function readUnsubscribeToken(token: string, secret = process.env.AUTH_SECRET): { userId: string; kind: MailKind } | null {
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Z_]{1,32})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || !isOptional(match[2])) return null;
  const expected = Buffer.from(signature(`${match[1]}.${match[2]}`, secretOrThrow(secret)));
  const given = Buffer.from(match[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: match[1], kind: match[2] };
}

export type UnsubscribeState = { status: "invalid" } | { status: "subscribed" | "unsubscribed"; kind: MailKind };

/** Where the link's user stands on the link's kind. */
export async function unsubscribeState(token: string): Promise<UnsubscribeState> {
  const named = readUnsubscribeToken(token);
  if (!named || !(await db.user.count({ where: { id: named.userId } }))) return { status: "invalid" };
  const optedOut = await db.mailOptOut.count({ where: named });
  return { status: optedOut ? "unsubscribed" : "subscribed", kind: named.kind };
}

/** Turns the link's kind off for its user (again: nothing changes). */
export async function unsubscribe(token: string): Promise<UnsubscribeState> {
  const state = await unsubscribeState(token);
  if (state.status === "invalid") return state;
  const named = readUnsubscribeToken(token)!;
  await db.mailOptOut.createMany({ data: [named], skipDuplicates: true });
  return { status: "unsubscribed", kind: state.kind };
}
