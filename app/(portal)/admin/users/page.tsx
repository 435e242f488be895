import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DepartmentSelect } from "@/components/team/department-select";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { departmentChoices, listUsers } from "@/lib/admin/users";
import { USER_STATUSES, userListQuerySchema, type UserListQuery } from "@/lib/admin/users.schema";
import { Role } from "@/lib/generated/prisma/enums";
import { messages } from "@/lib/i18n";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: messages().admin.users.title };

function pageHref(query: UserListQuery, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page })) if (value !== undefined && value !== "") params.set(key, String(value));
  return `/admin/users?${params}`;
}

export default async function AdminUsersPage({ searchParams }: PageProps<"/admin/users">) {
  const viewer = await requireUser("/admin/users");
  if (!can(viewer.role, "manageUsers")) notFound();
  const query = userListQuerySchema.parse(await searchParams);
  const [list, departments] = await Promise.all([listUsers(viewer, query), departmentChoices(viewer)]);
  const t = messages();
  const u = t.admin.users;
  const field = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{u.title}</h1>
        <Link href="/admin/users/import" className={buttonClass("secondary", "ml-auto")}>{u.import.link}</Link>
        <Link href="/admin/users/new" className={buttonClass("primary")}>
          {u.create}
        </Link>
      </div>
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5" method="get">
        <label className="grid gap-1 text-sm">
          {u.search}
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder={u.searchPlaceholder} className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          {u.columns.role}
          <select name="role" defaultValue={query.role ?? ""} className={field}>
            <option value="">{u.anyRole}</option>
            {Object.values(Role).map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        </label>
        <DepartmentSelect
          departments={departments.map((department) => ({ id: department.id, name: "— ".repeat(department.depth) + department.name }))}
          selected={query.department}
          className={field}
        />
        <label className="grid gap-1 text-sm">
          {u.status}
          <select name="status" defaultValue={query.status} className={field}>
            {USER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {u.statuses[status]}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass("primary", "w-full")}>
            {u.apply}
          </button>
        </div>
      </form>

      <p className="text-sm text-slate-600" data-testid="users-total">
        {u.total(list.total)}
      </p>
      {list.users.length === 0 ? (
        <EmptyState>{u.empty}</EmptyState>
      ) : (
        <DataTable columns={[u.columns.name, u.columns.email, u.columns.position, u.columns.department, u.columns.role, u.columns.status]} testId="users-table" minWidthClass="min-w-[720px]">
          {list.users.map((user) => (
            <tr key={user.id} data-testid="user-row">
              <td className="px-4 py-2">
                <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 hover:underline">
                  {user.name}
                </Link>
              </td>
              <td className="break-all px-4 py-2">{user.email}</td>
              <td className="px-4 py-2">{user.position}</td>
              <td className="px-4 py-2">{user.department?.name}</td>
              <td className="px-4 py-2">{t.roles[user.role]}</td>
              <td className="px-4 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs ${user.active ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}>
                  {user.active ? u.active : u.inactive}
                </span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager page={list.page} pages={list.pages} hrefOf={(page) => pageHref(query, page)} label={u.pagesLabel} />
    </div>
  );
}
