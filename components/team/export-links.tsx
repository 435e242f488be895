import { buttonClass } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

/** Download links of a team export (`path`) as CSV and Excel, with the view's current filters. */
export function ExportLinks({ path, params }: { path: string; params: Record<string, string | undefined> }) {
  const t = messages().exports;
  const href = (format: "csv" | "xlsx") => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    search.set("format", format);
    return `${path}?${search}`;
  };
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">{t.download}</span>
      <a href={href("csv")} download className={buttonClass("secondary")} data-testid="export-csv">
        {t.csv}
      </a>
      <a href={href("xlsx")} download className={buttonClass("secondary")} data-testid="export-xlsx">
        {t.xlsx}
      </a>
    </div>
  );
}
