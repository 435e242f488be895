// Locale-aware formatting of figures the UI shows.
const units = [
  { ms: 365 * 86_400_000, short: "г" },
  { ms: 30 * 86_400_000, short: "мес" },
  { ms: 86_400_000, short: "дн" },
  { ms: 3_600_000, short: "ч" },
  { ms: 60_000, short: "мин" },
];

const oneDecimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });

/** A short interval like «10 мин», «3 дн», «1,5 мес» (rating buttons). */
export function formatInterval(ms: number): string {
  if (ms < 60_000) return "< 1 мин";
  const unit = units.find((candidate) => ms >= candidate.ms) ?? units[units.length - 1];
  const value = ms / unit.ms;
  return `${value >= 10 || unit.short === "мин" ? Math.round(value) : oneDecimal.format(value)} ${unit.short}`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A date and time in the company's time zone, e.g. «25 дек. 2026 г., 18:00». */
export function formatDateTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("ru-RU", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

/** A duration as «12 мин 05 с» or «1 ч 02 мин». */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return hours ? `${hours} ч ${pad(minutes)} мин` : `${minutes} мин ${pad(seconds)} с`;
}

/** A countdown as m:ss or h:mm:ss. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
