"use client";

import { useEffect, useRef, useState } from "react";
import { updateUserAction } from "@/app/(portal)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Role } from "@/lib/generated/prisma/enums";
import { messages } from "@/lib/i18n";
import { UserFields, type DepartmentChoice } from "./user-fields";
import { useUserAction } from "./use-user-action";

type Props = {
  user: { id: string; name: string; position: string; departmentId: string | null; role: Role };
  departments: DepartmentChoice[];
  roles: Role[];
  /** False when the viewer may only look (an HR or ADMIN account seen by HR). */
  editable: boolean;
  roleHint?: string;
};

export function UserEditForm({ user, departments, roles, editable, roleHint }: Props) {
  const t = messages().admin.users;
  const { pending, fieldErrors, error, run } = useUserAction();
  const [saved, setSaved] = useState(false);
  const root = useRef<HTMLFormElement>(null);
  // Marks the form as interactive (tests wait for it before typing).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  return (
    <form
      ref={root}
      className="space-y-4"
      noValidate
      data-testid="user-edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        const input = { ...Object.fromEntries(new FormData(event.currentTarget)), userId: user.id };
        run(() => updateUserAction(input), () => setSaved(true));
      }}
    >
      {error && <Notice tone="error">{error}</Notice>}
      {saved && <Notice tone="info">{t.saved}</Notice>}
      <fieldset disabled={!editable} className="space-y-4">
        <UserFields values={user} departments={departments} roles={roles} errors={fieldErrors} roleHint={roleHint} />
      </fieldset>
      {editable && (
        <Button type="submit" disabled={pending}>
          {pending ? t.saving : t.save}
        </Button>
      )}
    </form>
  );
}
