import type { Metadata } from "next";
import Link from "next/link";
import { StudySettingsForm } from "@/components/settings/study-settings-form";
import { Notice } from "@/components/ui/notice";
import { OWN_PASSWORD_PATH, requireUser } from "@/lib/auth";
import { messages } from "@/lib/i18n";
import { studySettings } from "@/lib/study/review";

export const metadata: Metadata = { title: messages().settings.title };

export default async function SettingsPage({ searchParams }: PageProps<"/settings">) {
  const user = await requireUser("/settings");
  const settings = await studySettings(user.id);
  const passwordChanged = (await searchParams).passwordChanged === "1";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{messages().settings.title}</h1>
      {passwordChanged && <Notice tone="info">{messages().settings.passwordChanged}</Notice>}
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <StudySettingsForm
          retentionPercent={Math.round(settings.desiredRetention * 100)}
          newCardsPerDay={settings.newCardsPerDay}
        />
      </div>
      <Link href={OWN_PASSWORD_PATH} className="inline-block text-sm text-brand-700 hover:underline">
        {messages().ownPassword.link}
      </Link>
    </div>
  );
}
