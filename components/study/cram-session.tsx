"use client";

import { useState, type ReactNode } from "react";
import { answerCramCard } from "@/lib/actions/study";
import { useFlashcardKeys, useRefreshingAction } from "@/components/study/use-study-session";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RevealButton } from "@/components/study/reveal-button";
import { messages } from "@/lib/i18n";

type Props = { sessionId: string; step: number; front: string; back: ReactNode; progress: string };

export function CramSession({ sessionId, step, front, back, progress }: Props) {
  const t = messages().study;
  const [revealed, setRevealed] = useState(false);
  const { pending, error, run } = useRefreshingAction(t.failed);
  const answer = (remembered: boolean) => run(() => answerCramCard({ sessionId, step, remembered }));
  const root = useFlashcardKeys({
    revealed,
    reveal: () => setRevealed(true),
    answerKeys: ["1", "2"],
    answer: (key) => answer(key === "2"),
  });

  return (
    <div ref={root} className="space-y-4" data-testid="cram-session">
      <p className="text-sm text-slate-600">{progress}</p>
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-5 py-4 text-xl font-semibold" data-testid="card-front">
          {front}
        </h2>
        {revealed ? (
          <div className="max-h-[60vh] overflow-y-auto px-5 py-4" tabIndex={0}>{back}</div>
        ) : (
          <RevealButton onReveal={() => setRevealed(true)} />
        )}
      </section>
      {error && <Notice tone="error">{error}</Notice>}
      {revealed && (
        <div className="grid grid-cols-2 gap-2">
          <Button type="button" variant="secondary" disabled={pending} onClick={() => answer(false)}>
            <kbd className="text-xs">1</kbd> {t.forgot}
          </Button>
          <Button type="button" disabled={pending} onClick={() => answer(true)}>
            <kbd className="text-xs">2</kbd> {t.remembered}
          </Button>
        </div>
      )}
    </div>
  );
}
