import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DemoRemoval } from "@/components/admin/demo-removal";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { demoAccounts } from "@/lib/admin/demo";
import { portalStats } from "@/lib/content/stats";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().home.adminTitle };

export default async function AdminHomePage() {
  const user = await requireUser("/admin");
  if (!can(user.role, "manageUsers")) notFound();
  const t = messages();
  const stats = await portalStats(user);
  const demo = can(user.role, "manageSettings") ? await demoAccounts(user) : [];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.home.adminTitle}</h1>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="portal-stats">
        {(Object.keys(t.home.stats) as (keyof typeof stats)[]).map((key) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-xs text-slate-500">{t.home.stats[key]}</dt>
            <dd className="text-xl font-semibold">{stats[key]}</dd>
          </div>
        ))}
      </dl>
      {demo.length > 0 && (
        <Panel title={t.admin.demo.title}>
          <DemoRemoval accounts={demo} />
        </Panel>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {(["decks", "exams", "users", "departments", "audit", "outbox"] as const).map((section) => (
          <Panel key={section} title={t.admin.tabs[section]}>
            <p className="text-sm text-slate-600">{t.admin.sections[section]}</p>
            <Link href={`/admin/${section}`} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
              {t.admin.open}
            </Link>
          </Panel>
        ))}
      </div>
    </div>
  );
}
