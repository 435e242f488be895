import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContentImportForm } from "@/components/admin/content-import-form";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { ARCHIVE_MAX_BYTES } from "@/lib/content/archive";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.contentTransfer.importTitle };

export default async function ContentImportPage() {
  const user = await requireUser("/admin/decks/import");
  if (!can(user.role, "manageContent")) notFound();
  const t = messages().admin.contentTransfer;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link href="/admin/decks" className="text-sm text-brand-700 hover:underline">
        {t.toDecks}
      </Link>
      <h1 className="text-2xl font-semibold">{t.importTitle}</h1>
      <p className="text-sm text-slate-600">{t.importIntro}</p>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <ContentImportForm maxMegabytes={ARCHIVE_MAX_BYTES / (1024 * 1024)} />
      </div>
    </div>
  );
}
