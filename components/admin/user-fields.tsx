import type { ReactNode } from "react";
import { Field } from "@/components/ui/field";
import type { Role } from "@/lib/generated/prisma/enums";
import { messages } from "@/lib/i18n";

export type DepartmentChoice = { id: string; name: string; depth: number };
type FieldErrors = Record<string, string[] | undefined>;

function SelectField({ id, label, error, hint, children, ...select }: React.ComponentProps<"select"> & { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500"
        {...select}
      >
        {children}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Name, position, department and role: the fields the create and edit forms share. */
export function UserFields({
  values,
  departments,
  roles,
  errors,
  roleHint,
}: {
  values?: { name: string; position: string; departmentId: string | null; role: Role };
  departments: DepartmentChoice[];
  roles: Role[];
  errors: FieldErrors;
  roleHint?: string;
}) {
  const t = messages();
  const labels = t.admin.users.fields;
  return (
    <>
      <Field id="user-name" name="name" label={labels.name} defaultValue={values?.name} error={errors.name?.[0]} required maxLength={200} />
      <Field id="user-position" name="position" label={labels.position} defaultValue={values?.position} error={errors.position?.[0]} maxLength={200} />
      <SelectField id="user-department" name="departmentId" label={labels.departmentId} defaultValue={values?.departmentId ?? ""} error={errors.departmentId?.[0]}>
        <option value="">{t.admin.users.noDepartment}</option>
        {departments.map((department) => (
          <option key={department.id} value={department.id}>
            {"— ".repeat(department.depth) + department.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="user-role" name="role" label={labels.role} defaultValue={values?.role ?? roles[0]} error={errors.role?.[0]} hint={roleHint}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {t.roles[role]}
          </option>
        ))}
      </SelectField>
    </>
  );
}
