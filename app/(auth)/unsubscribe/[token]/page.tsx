import type { Metadata } from "next";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";
import { unsubscribeState } from "@/lib/mail/unsubscribe";

// The token is in the address: it must not leave in a Referer header.
export const metadata: Metadata = { title: messages().mail.unsubscribePage.title, referrer: "no-referrer" };

/**
 * Public: the signed link in an e-mail is all the visitor has. Opening it changes nothing (mail scanners open
 * links); the button posts to /api/unsubscribe/<token>, as mail clients' one-click unsubscribe does.
 */
export default async function UnsubscribePage({ params }: PageProps<"/unsubscribe/[token]">) {
  const { token } = await params;
  const state = await unsubscribeState(token);
  const t = messages().mail;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t.unsubscribePage.title}</h1>
      <div className="space-y-4" data-testid="unsubscribe">
        {state.status === "invalid" ? (
          <Notice tone="error">{t.unsubscribePage.invalid}</Notice>
        ) : state.status === "unsubscribed" ? (
          <Notice tone="info">{t.unsubscribePage.done(t.kinds[state.kind])}</Notice>
        ) : (
          <form method="post" action={`/api/unsubscribe/${token}`} className="space-y-4">
            <p className="text-sm text-slate-700">{t.unsubscribePage.question(t.kinds[state.kind])}</p>
            <input type="hidden" name="from" value="page" />
            <Button type="submit" className="w-full">
              {t.unsubscribePage.confirm}
            </Button>
          </form>
        )}
        <Link href="/" className={buttonClass("secondary", "w-full")}>
          {t.unsubscribePage.home}
        </Link>
      </div>
    </>
  );
}
