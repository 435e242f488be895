// Sends the outbox through SMTP. `npm start` runs it every few seconds on every instance; a run
// claims due messages with one UPDATE … FOR UPDATE SKIP LOCKED, marking them SENDING under a
// lease, so two runs (here or on another instance) never claim the same message. A refused or
// failed delivery is retried with exponential backoff and marked FAILED with the reason after
// MAX_ATTEMPTS. If the process dies after the SMTP server accepted a message but before it is
// marked SENT, the message is claimed again when its lease runs out and sent a second time:
// at-least-once at that one edge (its Message-ID stays the same, so mail systems can tell).
import "server-only";
import nodemailer from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import { db } from "../db";
import type { MailKind } from "../generated/prisma/enums";
import { SECRET_PLACEHOLDER } from "./outbox";
import { mailSettings, type MailSettings } from "./settings";
import { OPTIONAL_KINDS, unsubscribePath, unsubscribeToken } from "./unsubscribe";

/** How often `npm start` sends what is due. */
export const SEND_INTERVAL_MS = 10_000;
export const MAX_ATTEMPTS = 5;
/** The wait after the first failure; it doubles after each further one (1, 2, 4, 8 minutes). */
export const RETRY_BASE_MS = 60_000;
/** How long a claim holds its batch: longer than sending BATCH messages can take within the SMTP timeouts below. */
export const LEASE_MS = 10 * 60_000;
const BATCH = 5;

export const retryDelay = (attempts: number) => RETRY_BASE_MS * 2 ** (attempts - 1);

type Claimed = {
  id: string;
  kind: MailKind;
  userId: string | null;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  secret: string | null;
  attempts: number;
};

async function claim(now: Date, leaseUntil: Date) {
  return db.$queryRaw<Claimed[]>`
    UPDATE "OutboxMessage" SET "status" = 'SENDING', "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE ("status" = 'WAITING' AND "nextAttemptAt" <= ${now}) OR ("status" = 'SENDING' AND "leaseUntil" < ${now})
      ORDER BY "nextAttemptAt" LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "kind", "userId", "recipient", "subject", "text", "html", "secret", "attempts"`;
}

/** The envelope of a claimed message: its secret put in, and for an optional kind the one-click unsubscribe headers (RFC 8058). */
function envelope(message: Claimed, settings: MailSettings): nodemailer.SendMailOptions {
  const reveal = (body: string) => (message.secret ? body.replaceAll(SECRET_PLACEHOLDER, message.secret) : body);
  const unsubscribe =
    message.userId && OPTIONAL_KINDS.includes(message.kind) ? `${settings.portalUrl}/api${unsubscribePath(unsubscribeToken(message.userId, message.kind))}` : null;
  return {
    from: settings.from,
    to: message.recipient,
    subject: message.subject,
    text: reveal(message.text),
    html: reveal(message.html),
    messageId: `<${message.id}@${new URL(settings.portalUrl).hostname}>`,
    headers: unsubscribe ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
  };
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Sends every message due (at `now`, else the clock at each batch's claim) in batches of BATCH,
 * one run; the caller keeps runs from overlapping on an instance. Returns how many were sent and
 * how many failed for good this run.
 */
export async function sendDueMessages(options: { settings?: MailSettings | null; now?: Date } = {}) {
  const settings = options.settings === undefined ? mailSettings() : options.settings;
  const result = { sent: 0, failed: 0 };
  if (!settings) return result;
  // One connection per run, reused for its messages. (createTransport given a URL would ignore every other option.)
  const transport = nodemailer.createTransport(
    new SMTPPool({ url: settings.smtpUrl, pool: true, maxConnections: 1, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }),
  );
  try {
    for (;;) {
      // Each batch's lease starts when it is claimed (tests fix the clock).
      const now = options.now ?? new Date();
      const leaseUntil = new Date(now.getTime() + LEASE_MS);
      const claimed = await claim(now, leaseUntil);
      if (claimed.length === 0) return result;
      for (const message of claimed) {
        // Only while this run's claim holds: a run whose lease ran out changes nothing.
        const ours = { id: message.id, status: "SENDING" as const, leaseUntil };
        try {
          await transport.sendMail(envelope(message, settings));
          await db.outboxMessage.updateMany({ where: ours, data: { status: "SENT", sentAt: new Date(), leaseUntil: null, secret: null, lastError: null } });
          result.sent++;
        } catch (error) {
          const final = message.attempts >= MAX_ATTEMPTS;
          await db.outboxMessage.updateMany({
            where: ours,
            data: final
              ? { status: "FAILED", leaseUntil: null, secret: null, lastError: reason(error) }
              : { status: "WAITING", leaseUntil: null, nextAttemptAt: new Date(now.getTime() + retryDelay(message.attempts)), lastError: reason(error) },
          });
          if (final) result.failed++;
        }
      }
    }
  } finally {
    transport.close();
  }
}
