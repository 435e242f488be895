import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UserAccessPanel } from "@/components/admin/user-access-panel";
import { UserEditForm } from "@/components/admin/user-edit-form";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { can, mayManageAccount } from "@/lib/access/permissions";
import { assignableRoles, departmentChoices, getUser } from "@/lib/admin/users";
import { messages } from "@/lib/i18n";
import { mailSettings } from "@/lib/mail/settings";
import { companyTimeZone } from "@/lib/time-zone";

export const metadata: Metadata = { title: messages().admin.users.title };

export default async function AdminUserPage({ params }: PageProps<"/admin/users/[userId]">) {
  const { userId } = requireRecordIds(await params);
  const viewer = await requireUser(`/admin/users/${userId}`);
  if (!can(viewer.role, "manageUsers")) notFound();
  const user = await getUser(viewer, userId);
  if (!user) notFound();
  const departments = await departmentChoices(viewer);
  const t = messages();
  const u = t.admin.users;
  const manageable = mayManageAccount(viewer, user);
  const ownAccount = user.id === viewer.id;
  // Only the current role is offered where it may not change.
  const roles = manageable && !ownAccount ? assignableRoles(viewer) : [user.role];

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        {u.toList}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{user.name}</h1>
        <p className="break-all text-slate-600">
          {user.email} · {t.roles[user.role]} · {user.active ? u.active : u.inactive}
        </p>
      </header>
      {!manageable && <Notice tone="info">{u.errors.privilegedAccount}</Notice>}
      <div className="grid gap-4 md:grid-cols-2">
        <Panel title={u.detailsTitle}>
          <UserEditForm
            user={user}
            departments={departments}
            roles={roles}
            editable={manageable}
            roleHint={manageable && ownAccount ? u.ownRoleHint : undefined}
          />
        </Panel>
        {manageable && (
          <Panel title={u.accessTitle}>
            <UserAccessPanel userId={user.id} active={user.active} mayDeactivate={!ownAccount} timeZone={companyTimeZone()} mailOn={mailSettings() !== null} />
          </Panel>
        )}
      </div>
    </div>
  );
}
