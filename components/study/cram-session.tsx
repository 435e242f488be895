"use client";

import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { answerCramCard } from "@/app/(portal)/decks/[slug]/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";

type Props = { sessionId: string; step: number; front: string; back: ReactNode; progress: string };

export function CramSession({ sessionId, step, front, back, progress }: Props) {
  const t = messages().study;
  const router = useRouter();
  const root = useRef<HTMLDivElement>(null);
  const [revealed, setRevealed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function answer(remembered: boolean) {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      try {
        const result = await answerCramCard({ sessionId, step, remembered });
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      } catch {
        setError(t.failed);
      }
    });
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key === " " && !revealed) {
        event.preventDefault();
        setRevealed(true);
      } else if (revealed && (event.key === "1" || event.key === "2")) {
        event.preventDefault();
        answer(event.key === "2");
      }
    }
    window.addEventListener("keydown", onKey);
    // Marks the keyboard as live (tests wait for it before pressing keys).
    root.current?.setAttribute("data-keyboard", "ready");
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div ref={root} className="space-y-4" data-testid="cram-session">
      <p className="text-sm text-slate-600">{progress}</p>
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-5 py-4 text-xl font-semibold" data-testid="card-front">
          {front}
        </h2>
        {revealed ? (
          <div className="max-h-[60vh] overflow-y-auto px-5 py-4">{back}</div>
        ) : (
          <div className="px-5 py-8 text-center">
            <Button type="button" onClick={() => setRevealed(true)}>
              {t.reveal} <kbd className="rounded bg-white/20 px-1.5 text-xs">{t.revealHint}</kbd>
            </Button>
          </div>
        )}
      </section>
      {error && <Notice tone="error">{error}</Notice>}
      {revealed && (
        <div className="grid grid-cols-2 gap-2">
          <Button type="button" variant="secondary" disabled={pending} onClick={() => answer(false)}>
            <kbd className="text-xs opacity-70">1</kbd> {t.forgot}
          </Button>
          <Button type="button" disabled={pending} onClick={() => answer(true)}>
            <kbd className="text-xs opacity-70">2</kbd> {t.remembered}
          </Button>
        </div>
      )}
    </div>
  );
}
