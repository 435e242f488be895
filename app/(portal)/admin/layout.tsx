import { SectionTabs } from "@/components/ui/section-tabs";
import { messages } from "@/lib/i18n";

// Every admin page checks the role itself (requireUser + can); the layout only draws the tabs.
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  const t = messages().admin;
  return (
    <div className="space-y-4">
      <SectionTabs
        label={t.tabsLabel}
        tabs={[
          { href: "/admin", label: t.tabs.home },
          { href: "/admin/decks", label: t.tabs.decks },
          { href: "/admin/users", label: t.tabs.users },
          { href: "/admin/departments", label: t.tabs.departments },
          { href: "/admin/exams", label: t.tabs.exams },
          { href: "/admin/audit", label: t.tabs.audit },
          { href: "/admin/outbox", label: t.tabs.outbox },
        ]}
      />
      {children}
    </div>
  );
}
