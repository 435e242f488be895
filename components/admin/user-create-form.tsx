"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { createUserAction } from "@/app/(portal)/admin/users/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { Role } from "@/lib/generated/prisma/enums";
import { messages } from "@/lib/i18n";
import { UserFields, type DepartmentChoice } from "./user-fields";
import { UserPasswordBox } from "./user-password-box";
import { useUserAction } from "./use-user-action";

type Created = { userId: string; name: string; password: string };

export function UserCreateForm({ departments, roles }: { departments: DepartmentChoice[]; roles: Role[] }) {
  const t = messages().admin.users;
  const { pending, fieldErrors, error, run } = useUserAction();
  const [created, setCreated] = useState<Created | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Marks the form as interactive (tests wait for it before typing).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  return (
    <div ref={root} data-testid="user-create-form">
      {created ? (
        <div className="space-y-4">
          <Notice tone="info">{t.created(created.name)}</Notice>
          <UserPasswordBox password={created.password} />
          <div className="flex flex-wrap gap-3">
            <Link href={`/admin/users/${created.userId}`} className={buttonClass("primary")}>
              {t.openCreated}
            </Link>
            <Button type="button" variant="secondary" onClick={() => setCreated(null)}>
              {t.createAnother}
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const input = Object.fromEntries(new FormData(event.currentTarget));
            run(
              () => createUserAction(input),
              ({ userId, password }) => setCreated({ userId, password, name: String(input.name).trim() }),
            );
          }}
        >
          {error && <Notice tone="error">{error}</Notice>}
          <Field id="user-email" name="email" type="email" label={t.fields.email} error={fieldErrors.email?.[0]} autoComplete="off" required maxLength={254} />
          <UserFields departments={departments} roles={roles} errors={fieldErrors} />
          <Button type="submit" disabled={pending}>
            {pending ? t.creating : t.createSubmit}
          </Button>
        </form>
      )}
    </div>
  );
}
