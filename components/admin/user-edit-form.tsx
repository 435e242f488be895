"use client";

import { useEffect, useRef, useState } from "react";
import { updateUserAction } from "@/lib/actions/admin/users";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { UpdateUserInput } from "@/lib/admin/users.schema";
import type { Role } from "@/lib/generated/prisma/enums";
import { messages } from "@/lib/i18n";
import { UserFields, type DepartmentChoice } from "./user-fields";
import { useChangeAction } from "./use-change-action";

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
  const { pending, errors, run } = useChangeAction(updateUserAction, t.errors);
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
        // The fields as typed: lib/admin/users parses them.
        const input = { ...Object.fromEntries(new FormData(event.currentTarget)), userId: user.id } as UpdateUserInput;
        run(input, () => setSaved(true));
      }}
    >
      {errors.form && <Notice tone="error">{errors.form[0]}</Notice>}
      {saved && <Notice tone="info">{t.saved}</Notice>}
      <fieldset disabled={!editable} className="space-y-4">
        <UserFields values={user} departments={departments} roles={roles} errors={errors} roleHint={roleHint} />
      </fieldset>
      {editable && (
        <Button type="submit" disabled={pending}>
          {pending ? t.saving : t.save}
        </Button>
      )}
    </form>
  );
}
