import Link from "next/link";
import type { CurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";

export function AppHeader({ user }: { user: CurrentUser }) {
  const t = messages();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <nav aria-label={t.nav.mainMenu} className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <Link href="/" className="text-lg font-bold text-brand-700">
            {t.appName}
          </Link>
          <Link href="/" className="text-sm text-slate-700 hover:text-brand-700">
            {t.nav.home}
          </Link>
          {can(user.role, "viewTeam") && (
            <Link href="/team" className="text-sm text-slate-700 hover:text-brand-700">
              {t.nav.team}
            </Link>
          )}
          {can(user.role, "manageUsers") && (
            <Link href="/admin" className="text-sm text-slate-700 hover:text-brand-700">
              {t.nav.admin}
            </Link>
          )}
          <Link href="/attempts" className="text-sm text-slate-700 hover:text-brand-700">
            {t.nav.attempts}
          </Link>
          <Link href="/settings" className="text-sm text-slate-700 hover:text-brand-700">
            {t.nav.settings}
          </Link>
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-right leading-tight">
            <span className="block font-medium" data-testid="current-user">
              {user.name}
            </span>
            <span className="block text-xs text-slate-500">{t.roles[user.role]}</span>
          </span>
          <Link href="/logout" className="rounded-lg border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
            {t.nav.logout}
          </Link>
        </div>
      </div>
    </header>
  );
}
