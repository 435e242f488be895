import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DepartmentSelect } from "@/components/team/department-select";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { formatPercent } from "@/lib/i18n/format";
import { topicHeatmap, topicsQuerySchema, type HeatmapCell, type HeatmapRow, type TopicsQuery } from "@/lib/reports/topics";

export const metadata: Metadata = { title: messages().topics.title };

const WEAKEST_SHOWN = 5;

// Red → amber → green by the rounded percent the cell shows; grey without data.
const scale = [
  { min: 90, label: "≥ 90%", tone: "bg-emerald-400 text-emerald-950" },
  { min: 75, label: "75–89%", tone: "bg-lime-300 text-lime-950" },
  { min: 60, label: "60–74%", tone: "bg-amber-300 text-amber-950" },
  { min: 40, label: "40–59%", tone: "bg-orange-300 text-orange-950" },
  { min: 0, label: "< 40%", tone: "bg-rose-400 text-rose-950" },
];
const noDataTone = "bg-slate-100 text-slate-400";

const toneOf = (value: number | null) => (value === null ? noDataTone : scale.find((step) => Math.round(value * 100) >= step.min)!.tone);

const points = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });

function HeatSquare({ value }: { value: number | null }) {
  return (
    <span className={`flex h-9 w-11 items-center justify-center rounded text-xs font-medium tabular-nums ${toneOf(value)}`}>
      {value === null ? "—" : formatPercent(value)}
    </span>
  );
}

/** A card's cell: the square shows the chosen layer; the label (also a tooltip) tells both layers. */
function HeatCell({ label, value }: { label: string; value: number | null }) {
  return (
    <td data-testid="heatmap-cell" aria-label={label} title={label}>
      <HeatSquare value={value} />
    </td>
  );
}

function topicsHref(query: TopicsQuery, changes: Partial<TopicsQuery>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) if (value) params.set(key, value);
  return `/team/topics?${params}`;
}

export default async function TopicsPage({ searchParams }: PageProps<"/team/topics">) {
  const user = await requireUser("/team/topics");
  if (!can(user.role, "viewTeam")) notFound();
  const query = topicsQuerySchema.parse(await searchParams);
  const heatmap = await topicHeatmap(user, query);
  if (!heatmap) notFound();
  const t = messages().topics;
  const field = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  const layerValue = (figures: Pick<HeatmapCell, "examShare" | "readiness">) => (query.layer === "exam" ? figures.examShare : figures.readiness);
  const weakest =
    query.layer === "exam"
      ? heatmap.columns.filter((column) => column.examShare !== null).slice(0, WEAKEST_SHOWN)
      : heatmap.columns.toSorted((a, b) => a.readiness - b.readiness).slice(0, WEAKEST_SHOWN);
  const cellLabel = (row: HeatmapRow, front: string, cell: HeatmapCell) =>
    t.cell(
      row.name,
      front,
      cell.examShare === null
        ? t.noExamData
        : `${t.examShare(formatPercent(cell.examShare))} (${t.points(points.format(cell.examPoints), points.format(cell.examMaxPoints))})`,
      t.readiness(formatPercent(cell.readiness)),
    );

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5" method="get">
        <DepartmentSelect departments={heatmap.departments} selected={query.department} className={field} />
        <label className="grid gap-1 text-sm">
          {t.rows}
          <select name="rows" defaultValue={query.rows} className={field}>
            <option value="members">{t.rowOptions.members}</option>
            <option value="departments">{t.rowOptions.departments}</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          {t.layer}
          <select name="layer" defaultValue={query.layer} className={field}>
            <option value="exam">{t.layers.exam}</option>
            <option value="readiness">{t.layers.readiness}</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          {t.exam}
          <select name="exam" defaultValue={query.exam ?? ""} className={field}>
            <option value="">{t.anyExam}</option>
            {heatmap.exams.map((exam) => (
              <option key={exam.id} value={exam.id}>
                {exam.title}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass("primary", "w-full")}>
            {t.apply}
          </button>
        </div>
      </form>

      {heatmap.columns.length === 0 || heatmap.rows.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <>
          <Panel title={t.weakestTitle}>
            {weakest.length === 0 ? (
              <p className="text-sm text-slate-600">{t.noExamResults}</p>
            ) : (
              <ol className="space-y-2 text-sm" data-testid="weakest-topics">
                {weakest.map((column) => (
                  <li key={column.cardId} className="flex items-center gap-3">
                    <HeatSquare value={layerValue(column)} />
                    <span className="min-w-0 flex-1">
                      <span className="block font-medium text-slate-900">{column.front}</span>
                      <span className="block text-xs text-slate-500">
                        {column.examShare === null ? t.noExamData : t.examShare(formatPercent(column.examShare))} ·{" "}
                        {t.readiness(formatPercent(column.readiness))}
                      </span>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </Panel>

          <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-600" aria-label={t.legend} role="group">
              <span className="font-medium text-slate-800">{t.legend}:</span>
              {scale.toReversed().map((step) => (
                <span key={step.min} className="flex items-center gap-1">
                  <span className={`inline-block h-3 w-3 rounded-sm ${step.tone}`} />
                  {step.label}
                </span>
              ))}
              <span className="flex items-center gap-1">
                <span className={`inline-block h-3 w-3 rounded-sm ${noDataTone}`} />
                {t.noData}
              </span>
            </div>
            <p className="text-sm text-slate-600">{t.layerNotes[query.layer]}</p>
            <div className="overflow-x-auto">
              <table className="border-separate border-spacing-1 text-sm" data-testid="topic-heatmap">
                <caption className="sr-only">{t.caption(t.layers[query.layer])}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="sticky left-0 z-10 bg-white px-2 text-left align-bottom font-medium text-slate-600">
                      {t.rowOptions[query.rows]}
                    </th>
                    <th scope="col" className="p-0 align-bottom font-medium text-slate-600">
                      <span className="mx-auto block rotate-180 [writing-mode:vertical-rl]">{t.overall}</span>
                    </th>
                    {heatmap.columns.map((column) => (
                      <th key={column.cardId} scope="col" title={column.front} className="p-0 align-bottom font-normal text-slate-700">
                        <span className="mx-auto block max-h-44 truncate rotate-180 [writing-mode:vertical-rl]">{column.front}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {heatmap.rows.map((row) => (
                    <tr key={row.id} data-testid="heatmap-row">
                      <th scope="row" className="sticky left-0 z-10 max-w-56 truncate bg-white px-2 text-left font-normal">
                        {row.kind === "member" ? (
                          <Link href={`/team/members/${row.id}`} className="text-brand-700 hover:underline">
                            {row.name}
                          </Link>
                        ) : row.kind === "subtree" ? (
                          <Link href={topicsHref(query, { department: row.id })} className="text-brand-700 hover:underline">
                            {row.name}
                          </Link>
                        ) : (
                          t.ownMembers(row.name)
                        )}
                      </th>
                      <td>
                        <HeatSquare value={layerValue(row)} />
                      </td>
                      {row.cells.map((cell, index) => (
                        <HeatCell key={cell.cardId} label={cellLabel(row, heatmap.columns[index].front, cell)} value={layerValue(cell)} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {heatmap.totalRows > heatmap.rows.length && <p className="text-sm text-slate-600">{t.shownRows(heatmap.rows.length, heatmap.totalRows)}</p>}
          </section>
        </>
      )}
    </div>
  );
}
