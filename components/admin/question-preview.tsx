"use client";

import { useMemo } from "react";
import { KeyView } from "@/components/questions/key-view";
import { initialResponse, QuestionInput, type QuestionPayloadView } from "@/components/questions/question-input";
import { draftStored, type QuestionForm } from "@/lib/admin/question-form";
import { describeKey, presentPayload, type KeyDescription } from "@/lib/grading/grade";
import { messages } from "@/lib/i18n";

/** Empty choice texts as a placeholder: a control without a text has no name to be told apart or read out by. */
function withPlaceholders(payload: QuestionPayloadView, placeholder: string): QuestionPayloadView {
  const filled = (value: unknown) =>
    Array.isArray(value)
      ? value.map((choice: { id: string; text: string }) => (choice.text.trim() ? choice : { ...choice, text: placeholder }))
      : value;
  return Object.fromEntries(Object.entries(payload).map(([field, value]) => [field, filled(value)])) as QuestionPayloadView;
}

/** The question as an employee sees it (the answer controls disabled), and its key. */
export function QuestionPreview({ form, testId, details = false }: { form: QuestionForm; testId: string; details?: boolean }) {
  const t = messages().admin.questions;
  const { payload, key } = useMemo(() => {
    const stored = draftStored(form);
    let description: KeyDescription | null = null;
    try {
      description = describeKey(form.type, stored.payload, stored.answerKey);
    } catch {
      description = null;
    }
    return { payload: withPlaceholders(presentPayload(form.type, stored.payload, "preview") as QuestionPayloadView, t.emptyChoice), key: description };
  }, [form, t.emptyChoice]);
  return (
    <div data-testid={testId} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <p className="font-medium text-slate-900">{form.prompt.trim() || <span className="text-slate-500">{t.emptyPrompt}</span>}</p>
      <QuestionInput name={`${testId}-answer`} type={form.type} payload={payload} value={initialResponse(form.type, payload)} onChange={() => {}} disabled />
      {key && (
        <div data-testid={`${testId}-key`} className="space-y-1 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
          <p className="font-semibold">{t.previewKey}</p>
          <KeyView answer={key} />
        </div>
      )}
      {details && (
        <div className="space-y-1 text-sm text-slate-700">
          <p>{form.explanation}</p>
          <p className="text-xs text-slate-500">
            {t.pools[form.pool]} · {form.active ? messages().admin.cards.active : messages().admin.cards.retired}
          </p>
        </div>
      )}
    </div>
  );
}
