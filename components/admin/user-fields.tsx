import { Field, SelectField } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/admin/result";
import type { Role } from "@/lib/generated/prisma/enums";
import { messages } from "@/lib/i18n";

export type DepartmentChoice = { id: string; name: string; depth: number };

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
