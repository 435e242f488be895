import { SectionTabs } from "@/components/ui/section-tabs";
import { messages } from "@/lib/i18n";

export default function TeamLayout({ children }: { children: React.ReactNode }) {
  const t = messages().team;
  return (
    <div className="space-y-4">
      <SectionTabs
        label={t.tabsLabel}
        tabs={[
          { href: "/team", label: t.tabs.overview },
          { href: "/team/topics", label: t.tabs.topics },
          { href: "/team/questions", label: t.tabs.questions },
          { href: "/team/trends", label: t.tabs.trends },
        ]}
      />
      {children}
    </div>
  );
}
