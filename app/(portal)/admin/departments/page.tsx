import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DepartmentTree } from "@/components/admin/department-tree";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { listDepartmentTree, listHeadCandidates } from "@/lib/admin/departments";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().admin.departments.title };

export default async function AdminDepartmentsPage() {
  const user = await requireUser("/admin/departments");
  if (!can(user.role, "manageUsers")) notFound();
  const t = messages().admin.departments;
  const [roots, candidates] = await Promise.all([listDepartmentTree(user), listHeadCandidates(user)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p className="text-sm text-slate-600">{t.intro}</p>
      <DepartmentTree roots={roots} candidates={candidates} />
    </div>
  );
}
