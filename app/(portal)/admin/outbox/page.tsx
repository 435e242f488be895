import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/panel";
import { Notice } from "@/components/ui/notice";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { listOutbox, outboxQuerySchema, type OutboxQuery } from "@/lib/admin/outbox";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { companyTimeZone } from "@/lib/time-zone";

export const metadata: Metadata = { title: messages().mail.outbox.title };

function pageHref(query: OutboxQuery, page: number) {
  const params = new URLSearchParams({ page: String(page) });
  if (query.status) params.set("status", query.status);
  return `/admin/outbox?${params}`;
}

const STATUSES = ["WAITING", "SENT", "FAILED"] as const;

export default async function AdminOutboxPage({ searchParams }: PageProps<"/admin/outbox">) {
  const user = await requireUser("/admin/outbox");
  if (!can(user.role, "manageUsers")) notFound();
  const query = outboxQuerySchema.parse(await searchParams);
  const outbox = await listOutbox(user, query);
  const t = messages().mail;
  const timeZone = companyTimeZone();
  const filter = (active: boolean) => `rounded-full border px-3 py-1 text-sm ${active ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`;

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.outbox.title}</h1>
      <div data-testid="mail-state">
        <Notice tone="info">{outbox.mailOn ? t.outbox.on : t.outbox.off}</Notice>
      </div>
      <nav aria-label={t.outbox.columns.status} className="flex flex-wrap gap-2">
        <Link href="/admin/outbox" className={filter(!query.status)} aria-current={!query.status ? "page" : undefined}>
          {t.outbox.total(outbox.total)}
        </Link>
        {STATUSES.map((status) => (
          <Link key={status} href={pageHref({ ...query, status }, 1)} className={filter(query.status === status)} aria-current={query.status === status ? "page" : undefined}>
            {t.outbox.statuses[status]}
          </Link>
        ))}
      </nav>
      {outbox.messages.length === 0 ? (
        <EmptyState>{t.outbox.empty}</EmptyState>
      ) : (
        <DataTable
          columns={[t.outbox.columns.created, t.outbox.columns.recipient, t.outbox.columns.message, t.outbox.columns.status]}
          testId="outbox-table"
          minWidthClass="min-w-[720px]"
          bodyClassName="align-top"
        >
          {outbox.messages.map((message) => (
            <tr key={message.id} data-testid="outbox-message">
              <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTime(message.createdAt, timeZone)}</td>
              <td className="px-4 py-2 break-all">{message.recipient}</td>
              <td className="px-4 py-2">
                {message.subject}
                <span className="block text-xs text-slate-500">{t.kinds[message.kind]}</span>
              </td>
              <td className="px-4 py-2">
                <span className="font-medium">{t.outbox.statuses[message.status]}</span>
                <span className="block text-xs text-slate-600">
                  {[
                    t.outbox.attempts(message.attempts),
                    message.sentAt && t.outbox.sentAt(formatDateTime(message.sentAt, timeZone)),
                    message.status === "WAITING" && message.attempts > 0 && t.outbox.nextAttempt(formatDateTime(message.nextAttemptAt, timeZone)),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
                {message.lastError && message.status !== "SENT" && <span className="block break-words font-mono text-xs text-rose-700">{message.lastError}</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager page={outbox.page} pages={outbox.pages} hrefOf={(page) => pageHref(query, page)} label={t.outbox.pagination} labels={t.outbox} />
    </div>
  );
}
