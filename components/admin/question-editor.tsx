"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { createQuestionAction, updateQuestionAction } from "@/lib/actions/admin/questions";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { questionViews } from "@/components/questions/types";
import { ErrorText, inputClass } from "@/components/questions/types/editor-parts";
import type { QuestionTypeView } from "@/components/questions/types/view";
import {
  EXPLANATION_MAX,
  fieldsFor,
  formOf,
  PROMPT_MAX,
  QUESTION_POOLS,
  QUESTION_TYPES,
  type FieldErrors,
  type QuestionFields,
  type QuestionForm,
} from "@/lib/admin/question-form";
import type { EditableQuestion } from "@/lib/admin/questions";
import type { QuestionType } from "@/lib/questions/types";
import { messages } from "@/lib/i18n";
import { ConflictChoice } from "./conflict-choice";
import { QuestionLint } from "./question-lint";
import { QuestionPreview } from "./question-preview";
import { useChangeAction } from "./use-change-action";

type Status = "clean" | "dirty" | "saving" | "saved" | "error";

/** The fields of the form's type (components/questions/types). */
function TypeFields({ form, set, errors }: { form: QuestionForm; set: (fields: QuestionFields) => void; errors: FieldErrors }) {
  const { Fields } = questionViews[form.type] as QuestionTypeView<QuestionType>;
  return <Fields fields={form} set={set} errors={errors} />;
}

/**
 * Creates or edits a question of a card: the type (fixed once created), the
 * prompt, the per-type fields, the explanation, the pool and active/retired,
 * with a live preview as an employee sees it and the key. Saving sends the
 * version the editing started from; a question changed meanwhile opens a
 * conflict panel with both versions.
 */
export function QuestionEditor({
  deckId,
  cardId,
  question,
  initial,
}: {
  deckId: string;
  cardId: string;
  /** null: a new question. */
  question: { id: string; version: number } | null;
  initial: QuestionForm;
}) {
  const t = messages().admin.questions;
  const router = useRouter();
  const [form, setForm] = useState<QuestionForm>(() => formOf(initial));
  const [saved, setSaved] = useState<QuestionForm>(() => formOf(initial));
  const [version, setVersion] = useState(question?.version ?? 0);
  const [status, setStatus] = useState<"clean" | "saved">("clean");
  const saveQuestion = useCallback(
    ({ form: sent, version: baseVersion }: { form: QuestionForm; version: number }) =>
      question
        ? updateQuestionAction({ deckId, cardId, questionId: question.id, version: baseVersion, ...sent })
        : createQuestionAction({ deckId, cardId, ...sent }),
    [cardId, deckId, question],
  );
  const { errors, conflict, pending, run, clear } = useChangeAction(saveQuestion, t.errors);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);

  useEffect(() => {
    root.current?.setAttribute("data-ready", "true");
  }, []);

  function save(baseVersion: number) {
    const sent = form;
    run({ form: sent, version: baseVersion }, (done) => {
      setSaved(sent);
      setVersion(done.version);
      setStatus("saved");
      if (!question) {
        setCreatedId(done.id);
        router.replace(`/admin/decks/${deckId}/cards/${cardId}/questions/${done.id}`);
      }
    });
  }

  function takeCurrent(current: EditableQuestion) {
    const next = formOf(current);
    setForm(next);
    setSaved(next);
    setVersion(current.version);
    clear();
    setStatus("clean");
  }

  const set = (fields: QuestionFields) => setForm((current) => ({ ...current, ...fields }) as QuestionForm);
  const setCommon = (fields: Partial<Pick<QuestionForm, "prompt" | "explanation" | "pool" | "active">>) =>
    setForm((current) => ({ ...current, ...fields }));

  const shown: Status = pending ? "saving" : Object.keys(errors).length > 0 ? "error" : dirty || conflict ? "dirty" : status;
  const errorSummary = errors.form?.[0] ?? t.errors.invalid;
  const statusText = {
    clean: question ? t.version(version) : "",
    dirty: t.unsaved,
    saving: t.saving,
    saved: t.saved,
    error: errorSummary,
  }[shown];

  return (
    <div ref={root} className="space-y-4" data-testid="question-editor">
      <div className="grid gap-6 lg:grid-cols-2">
        <form
          className="space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!pending && !conflict && !createdId) save(version);
          }}
        >
          <div className="space-y-1">
            <label htmlFor="question-type" className="block text-sm font-medium text-slate-700">
              {t.type}
            </label>
            <select
              id="question-type"
              value={form.type}
              disabled={question !== null}
              aria-describedby={question ? "question-type-hint" : undefined}
              onChange={(event) => set(fieldsFor(event.target.value as QuestionType, form))}
              className={inputClass}
            >
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t.types[type]}
                </option>
              ))}
            </select>
            {question && (
              <p id="question-type-hint" className="text-xs text-slate-500">
                {t.typeFixed}
              </p>
            )}
            <ErrorText id="question-type-error" error={errors.type?.[0]} />
          </div>

          <TextAreaField
            id="question-prompt"
            label={t.prompt}
            value={form.prompt}
            rows={3}
            maxLength={PROMPT_MAX}
            onChange={(event) => setCommon({ prompt: event.target.value })}
            error={errors.prompt?.[0]}
          />

          <TypeFields form={form} set={set} errors={errors} />

          <TextAreaField
            id="question-explanation"
            label={t.explanation}
            value={form.explanation}
            rows={3}
            maxLength={EXPLANATION_MAX}
            onChange={(event) => setCommon({ explanation: event.target.value })}
            error={errors.explanation?.[0]}
          />

          <div className="space-y-1">
            <label htmlFor="question-pool" className="block text-sm font-medium text-slate-700">
              {t.pool}
            </label>
            <select
              id="question-pool"
              value={form.pool}
              onChange={(event) => setCommon({ pool: event.target.value as QuestionForm["pool"] })}
              className={inputClass}
            >
              {QUESTION_POOLS.map((pool) => (
                <option key={pool} value={pool}>
                  {t.pools[pool]}
                </option>
              ))}
            </select>
            <ErrorText id="question-pool-error" error={errors.pool?.[0]} />
          </div>

          <div className="space-y-1">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={form.active} onChange={(event) => setCommon({ active: event.target.checked })} />
              {t.active}
            </label>
            {!form.active && <p className="text-xs text-slate-500">{t.retiredNote}</p>}
          </div>

          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={pending || conflict !== null || createdId !== null} aria-busy={pending || undefined} className="w-full sm:w-auto">
              {pending ? t.saving : question ? t.save : t.create}
            </Button>
            <span
              role="status"
              data-testid="question-save-status"
              data-status={shown}
              className={`text-sm ${shown === "error" ? "text-red-700" : "text-slate-600"}`}
            >
              {statusText}
            </span>
          </div>
        </form>

        <div className="space-y-4">
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-700">{t.preview}</p>
            <QuestionPreview form={form} testId="question-preview" />
          </div>
          <QuestionLint deckId={deckId} cardId={cardId} questionId={question?.id ?? null} form={form} />
        </div>
      </div>

      {conflict && (
        <section role="alert" data-testid="question-conflict" className="space-y-4 rounded-xl border border-amber-300 bg-amber-50 p-4">
          <div>
            <h2 className="text-lg font-semibold">{t.conflictTitle}</h2>
            <p className="text-sm text-slate-700">{t.conflictText}</p>
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <section className="space-y-2">
              <h3 className="font-semibold">{t.yours}</h3>
              <QuestionPreview form={form} testId="conflict-yours" details />
            </section>
            <section className="space-y-2">
              <h3 className="font-semibold">{t.theirs(conflict.version)}</h3>
              <QuestionPreview form={formOf(conflict)} testId="conflict-current" details />
            </section>
          </div>
          <ConflictChoice pending={pending} onKeepMine={() => save(conflict.version)} onTakeCurrent={() => takeCurrent(conflict)} />
        </section>
      )}
    </div>
  );
}
