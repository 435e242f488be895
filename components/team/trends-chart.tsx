"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { messages } from "@/lib/i18n";
import type { TrendWeek } from "@/lib/reports/trends";

// A week's Monday is already a company date (YYYY-MM-DD): formatted in UTC so that it stays that date.
const dayMonth = new Intl.DateTimeFormat("ru-RU", { day: "2-digit", month: "2-digit", timeZone: "UTC" });
const fullDate = new Intl.DateTimeFormat("ru-RU", { dateStyle: "medium", timeZone: "UTC" });
const dateOf = (weekStart: string) => new Date(`${weekStart}T00:00:00Z`);

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Pass rate and mean score (lines, left axis) and attempts (bars, right axis) by week; weeks without attempts leave a gap. */
export function TrendsChart({ weeks }: { weeks: TrendWeek[] }) {
  const t = messages().trends;
  const data = weeks.map((week) => ({
    weekStart: week.weekStart,
    attempts: week.attempts,
    passRate: oneDecimal(week.passRate === null ? null : week.passRate * 100),
    meanPercent: oneDecimal(week.meanPercent),
  }));
  return (
    <div className="h-80 w-full" data-testid="trends-chart" role="img" aria-label={t.chartTitle}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 320 }}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="weekStart"
            tickFormatter={(weekStart: string) => dayMonth.format(dateOf(weekStart))}
            label={{ value: t.week, position: "insideBottom", offset: -16 }}
          />
          <YAxis yAxisId="percent" domain={[0, 100]} unit="%" label={{ value: t.percentAxis, angle: -90, position: "insideLeft" }} />
          <YAxis yAxisId="attempts" orientation="right" allowDecimals={false} label={{ value: t.attempts, angle: 90, position: "insideRight" }} />
          <Tooltip labelFormatter={(weekStart) => t.weekOf(fullDate.format(dateOf(String(weekStart))))} />
          <Legend verticalAlign="top" />
          <Bar yAxisId="attempts" dataKey="attempts" name={t.attempts} fill="#cbd5e1" />
          <Line yAxisId="percent" dataKey="passRate" name={t.passRate} unit="%" stroke="#059669" strokeWidth={2} />
          <Line yAxisId="percent" dataKey="meanPercent" name={t.meanPercent} unit="%" stroke="#4f46e5" strokeWidth={2} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
