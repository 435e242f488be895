import type { Metadata } from "next";
import { StudySettingsForm } from "@/components/settings/study-settings-form";
import { requireUser } from "@/lib/auth";
import { messages } from "@/lib/i18n";
import { studySettings } from "@/lib/study/review";

export const metadata: Metadata = { title: messages().settings.title };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const settings = await studySettings(user.id);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{messages().settings.title}</h1>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <StudySettingsForm
          retentionPercent={Math.round(settings.desiredRetention * 100)}
          newCardsPerDay={settings.newCardsPerDay}
        />
      </div>
    </div>
  );
}
