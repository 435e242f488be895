import { formatPercent } from "@/lib/i18n/format";

export function ReadinessBar({ value, label }: { value: number; label: string }) {
  const percent = Math.round(value * 100);
  const tone = percent >= 80 ? "bg-emerald-500" : percent >= 50 ? "bg-amber-500" : "bg-rose-500";
  return (
    <div className="flex items-center gap-2">
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="w-10 text-right text-sm tabular-nums text-slate-700">{formatPercent(value)}</span>
    </div>
  );
}
