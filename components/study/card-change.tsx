import type { DiffPart } from "@/lib/study/word-diff";
import { messages } from "@/lib/i18n";

/** The back as it was and as it is, side by side, with the removed and the added words marked. */
export function CardChange({ since, parts }: { since: string; parts: DiffPart[] }) {
  const t = messages().study;
  const side = (change: "removed" | "added") =>
    parts
      .filter((part) => part.change !== (change === "removed" ? "added" : "removed"))
      .map((part, index) =>
        part.change === "same" ? (
          <span key={index}>{part.text}</span>
        ) : change === "removed" ? (
          <del key={index} className="rounded bg-rose-100 text-rose-900">{part.text}</del>
        ) : (
          <ins key={index} className="rounded bg-emerald-100 text-emerald-900 no-underline">{part.text}</ins>
        ),
      );
  return (
    <div className="space-y-3" data-testid="card-change">
      <p className="text-sm text-slate-600">{t.changedSince(since)}</p>
      <div className="grid gap-3 md:grid-cols-2">
        <section className="rounded-lg border border-slate-200 p-3" data-testid="card-change-before">
          <h3 className="mb-1 text-sm font-semibold text-slate-700">{t.changedBefore}</h3>
          <p className="whitespace-pre-wrap text-sm">{side("removed")}</p>
        </section>
        <section className="rounded-lg border border-slate-200 p-3" data-testid="card-change-after">
          <h3 className="mb-1 text-sm font-semibold text-slate-700">{t.changedAfter}</h3>
          <p className="whitespace-pre-wrap text-sm">{side("added")}</p>
        </section>
      </div>
    </div>
  );
}
