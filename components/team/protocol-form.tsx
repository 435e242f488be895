import { buttonClass } from "@/components/ui/button";
import { DepartmentSelect } from "@/components/team/department-select";
import { messages } from "@/lib/i18n";

const field = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

/**
 * A plain GET form whose answer is a PDF download: the protocol (`departments` given: exam,
 * department and period) or a member's sheet (exam and period).
 */
export function ProtocolForm({
  action,
  title,
  exams,
  departments,
  period,
  empty,
  testId,
}: {
  action: string;
  title: string;
  exams: { id: string; title: string }[];
  departments?: { id: string; name: string }[];
  period: { from: string; to: string };
  /** Shown instead of the form when there is no exam to choose. */
  empty: string;
  testId: string;
}) {
  const t = messages().protocol;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label={title}>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {exams.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <form action={action} method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid={testId}>
          <label className="grid min-w-0 gap-1 text-sm">
            {t.exam}
            <select name="exam" className={`w-full min-w-0 ${field}`}>
              {exams.map((exam) => (
                <option key={exam.id} value={exam.id}>
                  {exam.title}
                </option>
              ))}
            </select>
          </label>
          {departments && <DepartmentSelect departments={departments} selected={undefined} className={field} />}
          <label className="grid gap-1 text-sm">
            {t.from}
            <input type="date" name="from" required defaultValue={period.from} className={field} />
          </label>
          <label className="grid gap-1 text-sm">
            {t.to}
            <input type="date" name="to" required defaultValue={period.to} className={field} />
          </label>
          <div className="flex items-end">
            <button type="submit" className={buttonClass("secondary", "w-full")}>
              {t.download}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
