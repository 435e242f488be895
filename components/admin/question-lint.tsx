"use client";

import { useEffect, useRef, useState } from "react";
import { lintQuestionDraftAction } from "@/lib/actions/admin/questions";
import { LintFindings } from "@/components/admin/lint-findings";
import type { QuestionForm } from "@/lib/admin/question-form";
import type { QuestionLintResult } from "@/lib/admin/question-lint";
import { messages } from "@/lib/i18n";

/** How long the form stays unchanged before it is checked again. */
const LINT_DELAY_MS = 400;

type LintState = { state: "checking" } | { state: "failed" } | { state: "done"; result: Extract<QuestionLintResult, { ok: true }> };

/** The bank linter's findings for the form as typed, checked on the server a moment after each change. */
export function QuestionLint({ deckId, cardId, questionId, form }: { deckId: string; cardId: string; questionId: string | null; form: QuestionForm }) {
  const t = messages().admin.bankLint;
  const [lint, setLint] = useState<LintState>({ state: "checking" });
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      setLint({ state: "checking" });
      try {
        const response = await lintQuestionDraftAction({ deckId, cardId, questionId, ...form });
        if (request !== latest.current) return;
        setLint(response.ok ? { state: "done", result: response } : { state: "failed" });
      } catch {
        if (request === latest.current) setLint({ state: "failed" });
      }
    }, LINT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [deckId, cardId, questionId, form]);

  return (
    <section className="space-y-2" aria-labelledby="question-lint-title" data-testid="question-lint" data-state={lint.state}>
      <h2 id="question-lint-title" className="text-sm font-medium text-slate-700">
        {t.title}
      </h2>
      <p className="text-xs text-slate-500">{t.intro}</p>
      {lint.state === "checking" ? (
        <p className="text-sm text-slate-600">{t.checking}</p>
      ) : lint.state === "failed" ? (
        <p className="text-sm text-red-700">{t.failed}</p>
      ) : lint.result.status !== "checked" ? (
        <p className="text-sm text-slate-600">{lint.result.status === "retired" ? t.retired : t.incomplete}</p>
      ) : lint.result.findings.length === 0 ? (
        <p className="text-sm text-slate-600">{t.none}</p>
      ) : (
        <LintFindings findings={lint.result.findings} testId="question-lint-finding" />
      )}
    </section>
  );
}
