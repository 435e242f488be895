"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The tabs of a section (team, admin): the first tab is current only on its own path, the others on theirs and below. */
export function SectionTabs({ label, tabs }: { label: string; tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab, index) => {
        const current = index === 0 ? pathname === tab.href : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm ${current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-brand-700"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
