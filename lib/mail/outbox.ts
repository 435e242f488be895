// The outbox: every e-mail is a row written in the transaction of the event that causes it,
// so an event rolled back sends nothing and one committed is sent by the sender (sender.ts)
// even if the process dies right after. The dedupe key makes enqueuing idempotent.
import "server-only";
import type { Tx } from "../db";
import type { MailKind } from "../generated/prisma/enums";
import type { RenderedMail } from "./render";

/** Stands in the bodies for the message's secret, put in only when it is sent. */
export const SECRET_PLACEHOLDER = "{{secret}}";

export type OutgoingMail = RenderedMail & {
  kind: MailKind;
  dedupeKey: string;
  userId: string | null;
  recipient: string;
  /** Kept out of the stored bodies (see SECRET_PLACEHOLDER) and erased once sent or failed. */
  secret?: string;
};

/** Adds the messages whose dedupe keys are new; returns how many were added. */
export async function enqueueMail(tx: Tx, mail: OutgoingMail[]): Promise<number> {
  if (mail.length === 0) return 0;
  const { count } = await tx.outboxMessage.createMany({ data: mail, skipDuplicates: true });
  return count;
}
