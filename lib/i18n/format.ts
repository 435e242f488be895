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
