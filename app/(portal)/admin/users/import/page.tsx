import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UserImportForm } from "@/components/admin/user-import-form";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.users.import.title };

export default async function UserImportPage() {
  const viewer = await requireUser("/admin/users/import");
  if (!can(viewer.role, "manageUsers")) notFound();
  const t = messages().admin.users;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        {t.toList}
      </Link>
      <h1 className="text-2xl font-semibold">{t.import.title}</h1>
      <p className="text-sm text-slate-600">{t.import.intro}</p>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <UserImportForm />
      </div>
    </div>
  );
}
