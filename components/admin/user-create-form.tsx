"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { createUserAction } from "@/lib/actions/admin/users";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { CreateUserInput, CredentialKind, IssuedCredential } from "@/lib/admin/users.schema";
import type { Role } from "@/lib/generated/prisma/enums";
import { messages } from "@/lib/i18n";
import { UserFields, type DepartmentChoice } from "./user-fields";
import { CredentialChoice, UserCredentialBox } from "./user-credential";
import { useChangeAction } from "./use-change-action";

type Created = { userId: string; name: string; credential: IssuedCredential };

type Props = { departments: DepartmentChoice[]; roles: Role[]; timeZone: string; mailOn: boolean };

export function UserCreateForm({ departments, roles, timeZone, mailOn }: Props) {
  const t = messages().admin.users;
  const { pending, errors, run } = useChangeAction(createUserAction, t.errors);
  const [created, setCreated] = useState<Created | null>(null);
  const [credential, setCredential] = useState<CredentialKind>("password");
  const root = useRef<HTMLDivElement>(null);
  // Marks the form as interactive (tests wait for it before typing).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  return (
    <div ref={root} data-testid="user-create-form">
      {created ? (
        <div className="space-y-4">
          <Notice tone="info">{t.created(created.name)}</Notice>
          <UserCredentialBox credential={created.credential} timeZone={timeZone} />
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
            // The fields as typed: lib/admin/users parses them.
            const input = Object.fromEntries(new FormData(event.currentTarget)) as CreateUserInput;
            run(input, (done) => setCreated({ userId: done.userId, credential: done, name: input.name.trim() }));
          }}
        >
          {errors.form && <Notice tone="error">{errors.form[0]}</Notice>}
          <Field id="user-email" name="email" type="email" label={t.fields.email} error={errors.email?.[0]} autoComplete="off" required maxLength={254} />
          <UserFields departments={departments} roles={roles} errors={errors} />
          <CredentialChoice value={credential} onChange={setCredential} mailOn={mailOn} error={errors.credential?.[0]} />
          <Button type="submit" disabled={pending}>
            {pending ? t.creating : t.createSubmit}
          </Button>
        </form>
      )}
    </div>
  );
}
