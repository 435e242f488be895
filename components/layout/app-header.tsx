import Link from "next/link";
import { HeaderMenu } from "@/components/layout/header-menu";
import type { CurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";

// One line on every screen: on a phone the links and «Выйти» fold into a menu, so the page (an exam's
// countdown) starts in the first screen.
export function AppHeader({ user }: { user: CurrentUser }) {
  const t = messages();
  const links = [
    { href: "/", label: t.nav.home },
    ...(can(user.role, "viewTeam") ? [{ href: "/team", label: t.nav.team }] : []),
    ...(can(user.role, "manageUsers") ? [{ href: "/admin", label: t.nav.admin }] : []),
    { href: "/attempts", label: t.nav.attempts },
    { href: "/settings", label: t.nav.settings },
  ];
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-2 sm:py-3">
        <Link href="/" className="text-lg font-bold text-brand-700">
          {t.appName}
        </Link>
        <nav aria-label={t.nav.mainMenu} className="hidden flex-wrap items-center gap-x-4 gap-y-1 sm:flex">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="text-sm text-slate-700 hover:text-brand-700">
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
          <span className="min-w-0 text-right leading-tight">
            <span className="block truncate font-medium" data-testid="current-user">
              {user.name}
            </span>
            <span className="block text-xs text-slate-500">{t.roles[user.role]}</span>
          </span>
          <Link href="/logout" className="hidden rounded-lg border border-slate-300 px-3 py-1.5 hover:bg-slate-50 sm:block">
            {t.nav.logout}
          </Link>
          <HeaderMenu label={t.nav.menu}>
            <nav aria-label={t.nav.mainMenu} className="flex flex-col">
              {[...links, { href: "/logout", label: t.nav.logout }].map((link) => (
                <Link key={link.href} href={link.href} className="py-2 text-slate-700 hover:text-brand-700">
                  {link.label}
                </Link>
              ))}
            </nav>
          </HeaderMenu>
        </div>
      </div>
    </header>
  );
}
