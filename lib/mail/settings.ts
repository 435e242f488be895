// Whether the portal sends e-mail, and through what: SMTP_URL, MAIL_FROM and PORTAL_URL (lib/env.ts).
// Without SMTP_URL e-mail is off: nothing is enqueued and HR's outbox page says so.
import { env, type Env } from "../env";

export type MailSettings = { smtpUrl: string; from: string; portalUrl: string };

export function mailSettings(config: Env = env()): MailSettings | null {
  if (!config.SMTP_URL || !config.MAIL_FROM || !config.PORTAL_URL) return null;
  return { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, portalUrl: config.PORTAL_URL.replace(/\/+$/, "") };
}
