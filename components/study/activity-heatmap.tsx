import { messages } from "@/lib/i18n";

function tone(count: number) {
  if (count === 0) return "bg-slate-100";
  if (count < 5) return "bg-brand-100";
  if (count < 15) return "bg-brand-600/60";
  return "bg-brand-700";
}

export function ActivityHeatmap({ days }: { days: { date: string; count: number }[] }) {
  const t = messages().deck;
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{t.heatmapTitle}</figcaption>
      <ol className="grid grid-cols-10 gap-1 sm:grid-cols-15" data-testid="activity-heatmap">
        {days.map((day) => (
          <li
            key={day.date}
            title={t.heatmapDay(day.date, day.count)}
            aria-label={t.heatmapDay(day.date, day.count)}
            data-count={day.count}
            className={`aspect-square rounded ${tone(day.count)}`}
          />
        ))}
      </ol>
    </figure>
  );
}
