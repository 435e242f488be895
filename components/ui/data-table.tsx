// A table of records on a white card: scrolls sideways on a phone instead of squeezing.

export type DataColumn = { label: string; className?: string };

export function DataTable({
  columns,
  testId,
  minWidthClass = "",
  caption,
  bodyClassName = "",
  children,
}: {
  columns: (string | DataColumn)[];
  testId: string;
  /** A Tailwind min-width class, e.g. "min-w-[720px]": below it the table scrolls. */
  minWidthClass?: string;
  /** For screen readers, when the heading above does not already say what the table is. */
  caption?: string;
  bodyClassName?: string;
  children: React.ReactNode;
}) {
  return (
    // Focusable, so that the keyboard can scroll a table wider than the screen.
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm" tabIndex={0}>
      <table className={`w-full ${minWidthClass} text-left text-sm`} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {columns.map((column) => {
              const { label, className = "" } = typeof column === "string" ? { label: column } : column;
              return (
                <th key={label} scope="col" className={`px-4 py-2 ${className}`}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${bodyClassName}`}>{children}</tbody>
      </table>
    </div>
  );
}
