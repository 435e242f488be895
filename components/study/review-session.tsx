"use client";

import { useState, type ReactNode } from "react";
import { rate } from "@/lib/actions/study";
import { UndoLastReview } from "@/components/study/undo-last-review";
import { useFlashcardKeys, useRefreshingAction } from "@/components/study/use-study-session";
import { Notice } from "@/components/ui/notice";
import { RevealButton } from "@/components/study/reveal-button";
import { messages } from "@/lib/i18n";
import { suggestRating } from "@/lib/study/suggest-rating";
import type { DiffPart } from "@/lib/study/word-diff";
import { CardChange } from "@/components/study/card-change";

type Props = {
  slug: string;
  cardId: string;
  front: string;
  kind: "new" | "due" | "learning";
  back: ReactNode;
  points: string[];
  expectedReps: number;
  intervals: { rating: 1 | 2 | 3 | 4; label: string }[];
  remaining: string;
  undoableReview: string | null;
  /** What changed in the card since the person last rated it: shown instead of the whole back. */
  change?: { since: string; parts: DiffPart[] };
};

const ratingStyles: Record<number, string> = {
  1: "border-rose-300 bg-rose-50 text-rose-800 hover:bg-rose-100",
  2: "border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100",
  3: "border-emerald-300 bg-emerald-50 text-emerald-800 hover:bg-emerald-100",
  4: "border-sky-300 bg-sky-50 text-sky-800 hover:bg-sky-100",
};

export function ReviewSession(props: Props) {
  const t = messages().study;
  const [revealed, setRevealed] = useState(false);
  const [byPoints, setByPoints] = useState(false);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const { pending, error, run } = useRefreshingAction(t.failed);
  const suggested = byPoints ? suggestRating(checked.size, props.points.length) : null;
  const submit = (rating: 1 | 2 | 3 | 4) =>
    run(() => rate({ slug: props.slug, cardId: props.cardId, rating, expectedReps: props.expectedReps }));
  const root = useFlashcardKeys({
    revealed,
    reveal: () => setRevealed(true),
    answerKeys: ["1", "2", "3", "4"],
    answer: (key) => submit(Number(key) as 1 | 2 | 3 | 4),
  });

  return (
    <div ref={root} className="space-y-4" data-testid="review-session" data-card-id={props.cardId}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span data-testid="review-remaining">{props.remaining}</span>
        {props.undoableReview && <UndoLastReview slug={props.slug} reviewId={props.undoableReview} />}
      </div>
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <header className="border-b border-slate-100 px-5 py-4">
          {props.change ? (
            <p className="text-xs font-semibold uppercase tracking-wide text-amber-700" data-testid="card-changed">{t.changed}</p>
          ) : (
            <p className="text-xs uppercase tracking-wide text-slate-500">{t.kind[props.kind]}</p>
          )}
          <h2 className="text-xl font-semibold" data-testid="card-front">
            {props.front}
          </h2>
        </header>
        {revealed ? (
          <div className="px-5 py-4">
            {props.points.length > 0 && (
              <div className="mb-4 inline-flex rounded-lg border border-slate-200 p-0.5 text-sm" role="group">
                <button type="button" aria-pressed={!byPoints} onClick={() => setByPoints(false)}
                  className={`rounded-md px-3 py-1 ${!byPoints ? "bg-slate-100 font-medium" : ""}`}>
                  {t.wholeCard}
                </button>
                <button type="button" aria-pressed={byPoints} onClick={() => setByPoints(true)}
                  className={`rounded-md px-3 py-1 ${byPoints ? "bg-slate-100 font-medium" : ""}`}>
                  {t.byPoints}
                </button>
              </div>
            )}
            {byPoints ? (
              <fieldset className="space-y-2">
                <legend className="mb-2 text-sm text-slate-600">{t.pointsHint}</legend>
                {props.points.map((point, index) => (
                  <label key={index} className="flex items-start gap-3 rounded-lg p-2 hover:bg-slate-50">
                    <input
                      type="checkbox"
                      className="mt-1 size-4"
                      checked={checked.has(index)}
                      onChange={(event) => {
                        const next = new Set(checked);
                        if (event.target.checked) next.add(index);
                        else next.delete(index);
                        setChecked(next);
                      }}
                    />
                    <span>{point}</span>
                  </label>
                ))}
                <p className="text-sm text-slate-600" data-testid="points-remembered">
                  {t.pointsRemembered(checked.size, props.points.length)}
                </p>
              </fieldset>
            ) : props.change ? (
              <CardChange since={props.change.since} parts={props.change.parts} />
            ) : (
              <div className="max-h-[60vh] overflow-y-auto" tabIndex={0}>{props.back}</div>
            )}
          </div>
        ) : (
          <RevealButton onReveal={() => setRevealed(true)} />
        )}
      </section>
      {error && <Notice tone="error">{error}</Notice>}
      {revealed && (
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" role="group" aria-label={t.reviewTitle}>
          {props.intervals.map(({ rating, label }) => (
            <button
              key={rating}
              type="button"
              disabled={pending}
              onClick={() => submit(rating)}
              className={`rounded-lg border px-3 py-2 text-sm disabled:opacity-60 ${ratingStyles[rating]} ${suggested === rating ? "ring-2 ring-brand-600" : ""}`}
            >
              <span className="block font-medium">
                <kbd className="mr-1 text-xs">{rating}</kbd>
                {t.ratings[rating]}
              </span>
              <span className="block text-xs opacity-80">{label}</span>
              {suggested === rating && <span className="block text-xs font-medium">{t.suggested}</span>}
            </button>
          ))}
        </div>
      )}
      {pending && <p role="status" className="text-sm text-slate-500">{t.saving}</p>}
    </div>
  );
}
