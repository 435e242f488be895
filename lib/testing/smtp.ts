// A real SMTP server for the mail tests (smtp-server), on a free port of 127.0.0.1, that keeps
// every message it accepts (raw and parsed with mailparser) and can refuse recipients or data.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { MailSettings } from "../mail/settings";

/** A message as the server received it; `connection` tells the SMTP connections apart. */
export type Received = { raw: string; parsed: ParsedMail; to: string[]; connection: string };

/** An SMTP refusal: smtp-server answers with the error's responseCode and message. */
export const refusal = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpServer() {
  const received: Received[] = [];
  const state = {
    /** Called for each RCPT TO; a returned error refuses the recipient. */
    onRecipient: (() => null) as (address: string) => Error | null,
    /** Called for each message's DATA; a returned error refuses the message. */
    onData: (() => null) as () => Error | null,
    /** How long DATA takes (to make concurrent senders overlap). */
    delayMs: 0,
    rcptCount: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      state.rcptCount++;
      callback(state.onRecipient(address.address) ?? undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const refused = state.onData();
        if (refused) return callback(refused);
        const raw = Buffer.concat(chunks).toString("utf8");
        await new Promise((resolve) => setTimeout(resolve, state.delayMs));
        received.push({ raw, parsed: await simpleParser(raw), to: session.envelope.rcptTo.map((rcpt) => rcpt.address), connection: session.id });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const settings: MailSettings = {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    from: "Аттестация <attestation@company.example>",
    portalUrl: "https://portal.company.example",
  };
  return {
    received,
    state,
    settings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
