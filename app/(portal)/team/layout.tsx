import { TeamTabs } from "@/components/team/team-tabs";

export default function TeamLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <TeamTabs />
      {children}
    </div>
  );
}
