"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { answerPracticeQuestion } from "@/lib/actions/study";
import { KeyView } from "@/components/questions/key-view";
import { initialResponse, QuestionInput, type QuestionPayloadView, type ResponseValue } from "@/components/questions/question-input";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";
import type { PracticeAnswerResult } from "@/lib/study/sessions";

type Props = {
  slug: string;
  sessionId: string;
  step: number;
  progress: string;
  question: { id: string; type: string; prompt: string; payload: QuestionPayloadView; cardFront: string };
};

type Answered = Extract<PracticeAnswerResult, { status: "answered" }>;

export function PracticeSession({ slug, sessionId, step, progress, question }: Props) {
  const t = messages().study;
  const router = useRouter();
  const [response, setResponse] = useState<ResponseValue>(initialResponse(question.type, question.payload));
  const [result, setResult] = useState<Answered | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const root = useRef<HTMLDivElement>(null);
  // Marks the form as interactive (tests wait for it before answering).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  function check() {
    if (response === null) {
      setError(t.answerRequired);
      return;
    }
    setError(null);
    startTransition(async () => {
      try {
        const outcome = await answerPracticeQuestion({ sessionId, step, questionId: question.id, response });
        if (!outcome.ok) throw new Error(outcome.error);
        if (outcome.data.status === "answered") setResult(outcome.data);
        else if (outcome.data.status === "invalid") setError(t.answerRequired);
        else {
          setError(t.stale);
          router.refresh();
        }
      } catch {
        setError(t.failed);
      }
    });
  }

  return (
    <div ref={root} className="space-y-4" data-testid="practice-session">
      <p className="text-sm text-slate-600">{progress}</p>
      <form
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
        onSubmit={(event) => {
          event.preventDefault();
          if (result) router.refresh();
          else check();
        }}
      >
        <p className="text-xs uppercase tracking-wide text-slate-500">
          {t.topic}: {question.cardFront}
        </p>
        <h2 className="text-lg font-semibold" data-testid="question-prompt">
          {question.prompt}
        </h2>
        <QuestionInput name={`q-${question.id}`} type={question.type} payload={question.payload}
          value={response} onChange={setResponse} disabled={pending || result !== null} />
        {error && <Notice tone="error">{error}</Notice>}
        {result && (
          <div
            data-testid="practice-feedback"
            className={`space-y-2 rounded-lg border p-4 ${result.correct ? "border-emerald-200 bg-emerald-50" : "border-rose-200 bg-rose-50"}`}
          >
            <p className="font-semibold" role="status">
              {result.correct ? t.correct : result.points > 0 ? t.partly(Math.round(result.points * 100)) : t.wrong}
            </p>
            {!result.correct && (
              <div>
                <p className="text-sm font-medium">{t.correctAnswer}:</p>
                <KeyView answer={result.key} />
              </div>
            )}
            <div>
              <p className="text-sm font-medium">{t.explanation}:</p>
              <p data-testid="practice-explanation">{result.explanation}</p>
            </div>
            <Link href={`/decks/${slug}#${result.cardKey}`} className="text-sm text-brand-700 hover:underline">
              {t.toCard(result.cardFront)}
            </Link>
            {!result.correct && <p className="text-sm text-slate-600">{t.wrongComesBack}</p>}
          </div>
        )}
        <Button type="submit" disabled={pending} autoFocus={result !== null}>
          {result ? t.next : t.check}
        </Button>
      </form>
    </div>
  );
}
