import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { auditQuerySchema, listAuditEntries, type AuditQuery } from "@/lib/admin/audit";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { companyTimeZone } from "@/lib/time-zone";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: messages().admin.audit.title };

function pageHref(query: AuditQuery, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page })) if (value !== undefined) params.set(key, String(value));
  return `/admin/audit?${params}`;
}

const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

/** A value of a before/after snapshot: text as it is, anything else as compact JSON. */
function shown(value: unknown) {
  if (value === null || value === undefined) return messages().admin.audit.none;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export default async function AdminAuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const user = await requireUser("/admin/audit");
  if (!can(user.role, "manageUsers")) notFound();
  const query = auditQuerySchema.parse(await searchParams);
  const log = await listAuditEntries(user, query);
  const t = messages().admin.audit;
  const timeZone = companyTimeZone();
  const field = "w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <form method="get" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-3">
        <label className="grid min-w-0 gap-1 text-sm">
          {t.entity}
          <select name="entity" defaultValue={query.entity ?? ""} className={field}>
            <option value="">{t.anyEntity}</option>
            {log.entities.map((entity) => (
              <option key={entity} value={entity}>
                {label(t.entities, entity)}
              </option>
            ))}
          </select>
        </label>
        <label className="grid min-w-0 gap-1 text-sm">
          {t.action}
          <select name="action" defaultValue={query.action ?? ""} className={field}>
            <option value="">{t.anyAction}</option>
            {log.actions.map((action) => (
              <option key={action} value={action}>
                {label(t.actions, action)}
              </option>
            ))}
          </select>
        </label>
        <label className="grid min-w-0 gap-1 text-sm">
          {t.actor}
          <select name="actor" defaultValue={query.actor ?? ""} className={field}>
            <option value="">{t.anyActor}</option>
            {log.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grid min-w-0 gap-1 text-sm">
          {t.search}
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder={t.searchPlaceholder} className={field} />
        </label>
        <div className="grid grid-cols-2 gap-3">
          <label className="grid min-w-0 gap-1 text-sm">
            {t.from}
            <input type="date" name="from" defaultValue={query.from ?? ""} className={field} />
          </label>
          <label className="grid min-w-0 gap-1 text-sm">
            {t.to}
            <input type="date" name="to" defaultValue={query.to ?? ""} className={field} />
          </label>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary", "flex-1")}>
            {t.apply}
          </button>
          <Link href="/admin/audit" className={buttonClass("ghost")}>
            {t.reset}
          </Link>
        </div>
      </form>

      <p className="text-sm text-slate-600" data-testid="audit-total">
        {t.total(log.total)}
      </p>
      {log.entries.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable columns={[t.columns.time, t.columns.actor, t.columns.action, t.columns.changes]} testId="audit-table" minWidthClass="min-w-[720px]" bodyClassName="align-top">
          {log.entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry">
              <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTime(entry.createdAt, timeZone)}</td>
              <td className="px-4 py-2">
                {entry.actor ? (
                  <Link href={pageHref({ ...query, actor: entry.actor.id }, 1)} className="text-brand-700 hover:underline">
                    {entry.actor.name}
                  </Link>
                ) : (
                  t.system
                )}
              </td>
              <td className="px-4 py-2">
                {label(t.actions, entry.action)}
                <span className="block text-xs text-slate-500">
                  {label(t.entities, entry.entity)} · <span className="font-mono">{entry.entityId}</span>
                </span>
              </td>
              <td className="px-4 py-2">
                <ul className="space-y-1 font-mono text-xs">
                  {entry.changes.map((change) => (
                    <li key={change.field} className="break-words" data-testid="audit-change">
                      <span className="text-slate-500">{change.field}:</span> <del className="text-rose-700">{shown(change.before)}</del> →{" "}
                      <ins className="text-emerald-700 no-underline">{shown(change.after)}</ins>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager page={log.page} pages={log.pages} hrefOf={(page) => pageHref(query, page)} label={t.pagination} labels={t} />
    </div>
  );
}
