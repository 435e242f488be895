import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UserCreateForm } from "@/components/admin/user-create-form";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { assignableRoles, departmentChoices } from "@/lib/admin/users";
import { messages } from "@/lib/i18n";
import { mailSettings } from "@/lib/mail/settings";
import { companyTimeZone } from "@/lib/time-zone";

export const metadata: Metadata = { title: messages().admin.users.create };

export default async function NewUserPage() {
  const viewer = await requireUser("/admin/users/new");
  if (!can(viewer.role, "manageUsers")) notFound();
  const t = messages().admin.users;
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        {t.toList}
      </Link>
      <h1 className="text-2xl font-semibold">{t.create}</h1>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <UserCreateForm departments={await departmentChoices(viewer)} roles={assignableRoles(viewer)} timeZone={companyTimeZone()} mailOn={mailSettings() !== null} />
      </div>
    </div>
  );
}
