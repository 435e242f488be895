"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { messages } from "@/lib/i18n";

const tabs = [
  { href: "/team", key: "overview" },
  { href: "/team/topics", key: "topics" },
  { href: "/team/questions", key: "questions" },
  { href: "/team/trends", key: "trends" },
] as const;

export function TeamTabs() {
  const pathname = usePathname();
  const t = messages().team;
  return (
    <nav aria-label={t.tabsLabel} className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => {
        const current = tab.href === "/team" ? pathname === "/team" : pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm ${current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-brand-700"}`}
          >
            {t.tabs[tab.key]}
          </Link>
        );
      })}
    </nav>
  );
}
