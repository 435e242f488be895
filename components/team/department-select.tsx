import { messages } from "@/lib/i18n";

/** The department picker of the team views: the viewer's departments only, "all" first. */
export function DepartmentSelect({
  departments,
  selected,
  className,
}: {
  departments: { id: string; name: string }[];
  selected: string | undefined;
  className: string;
}) {
  const t = messages().team;
  return (
    <label className="grid min-w-0 gap-1 text-sm">
      {t.department}
      <select name="department" defaultValue={selected ?? ""} className={`w-full min-w-0 ${className}`}>
        <option value="">{t.allDepartments}</option>
        {departments.map((department) => (
          <option key={department.id} value={department.id}>
            {department.name}
          </option>
        ))}
      </select>
    </label>
  );
}
