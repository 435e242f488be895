"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import {
  createQuestionAction,
  lintQuestionDraftAction,
  updateQuestionAction,
} from "@/lib/actions/admin/questions";
import { LintFindings } from "@/components/admin/lint-findings";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { KeyView } from "@/components/questions/key-view";
import { initialResponse, QuestionInput, type QuestionPayloadView } from "@/components/questions/question-input";
import {
  CHOICE_MAX,
  draftStored,
  EXPLANATION_MAX,
  PROMPT_MAX,
  QUESTION_POOLS,
  QUESTION_TYPES,
  type FieldErrors,
  type QuestionFields,
  type QuestionForm,
} from "@/lib/admin/question-form";
import type { EditableQuestion } from "@/lib/admin/questions";
import type { QuestionLintResult } from "@/lib/admin/question-lint";
import type { QuestionType } from "@/lib/content/question-data";
import { describeKey, presentPayload, type KeyDescription } from "@/lib/grading/grade";
import { messages } from "@/lib/i18n";
import { ConflictChoice } from "./conflict-choice";
import { useChangeAction } from "./use-change-action";

type Status = "clean" | "dirty" | "saving" | "saved" | "error";

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500";
const smallButton = "rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-40";

/** Only the form's own fields (a stored question also has an id, key and version). */
function formOf(question: QuestionForm): QuestionForm {
  const { prompt, explanation, pool, active } = question;
  const common = { prompt, explanation, pool, active };
  switch (question.type) {
    case "SINGLE":
    case "MULTIPLE":
      return { ...common, type: question.type, options: question.options.map((o) => ({ text: o.text, correct: o.correct })) };
    case "TRUE_FALSE":
      return { ...common, type: "TRUE_FALSE", value: question.value };
    case "ORDERING":
      return { ...common, type: "ORDERING", items: [...question.items] };
    case "MATCHING":
      return { ...common, type: "MATCHING", pairs: question.pairs.map((p) => ({ left: p.left, right: p.right })) };
    case "SHORT_TEXT":
      return { ...common, type: "SHORT_TEXT", accepted: [...question.accepted] };
  }
}

/** The fields a new type starts with, carrying over what texts fit. */
function fieldsFor(type: QuestionType, from: QuestionForm): QuestionFields {
  const texts =
    from.type === "SINGLE" || from.type === "MULTIPLE"
      ? from.options.map((o) => o.text)
      : from.type === "ORDERING"
        ? from.items
        : from.type === "MATCHING"
          ? from.pairs.map((p) => p.left)
          : from.type === "SHORT_TEXT"
            ? from.accepted
            : [];
  const three = [0, 1, 2].map((index) => texts[index] ?? "");
  switch (type) {
    case "SINGLE":
      return { type, options: three.map((text, index) => ({ text, correct: index === 0 })) };
    case "MULTIPLE":
      return { type, options: three.map((text, index) => ({ text, correct: index < 2 })) };
    case "TRUE_FALSE":
      return { type, value: true };
    case "ORDERING":
      return { type, items: three };
    case "MATCHING":
      return { type, pairs: three.map((left) => ({ left, right: "" })) };
    case "SHORT_TEXT":
      return { type, accepted: [texts[0] ?? ""] };
  }
}

const move = <T,>(list: T[], index: number, delta: number) => {
  const next = [...list];
  [next[index], next[index + delta]] = [next[index + delta], next[index]];
  return next;
};

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

/** The question as an employee sees it (the answer controls disabled), and its key. */
function Preview({ form, testId, details = false }: { form: QuestionForm; testId: string; details?: boolean }) {
  const t = messages().admin.questions;
  const { payload, key } = useMemo(() => {
    const stored = draftStored(form);
    let description: KeyDescription | null = null;
    try {
      description = describeKey(form.type, stored.payload, stored.answerKey);
    } catch {
      description = null;
    }
    return { payload: presentPayload(form.type, stored.payload, "preview") as QuestionPayloadView, key: description };
  }, [form]);
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

function ListRow({
  index,
  count,
  label,
  onMove,
  onRemove,
  children,
  error,
  errorId,
}: {
  index: number;
  count: number;
  label: string;
  onMove: (delta: number) => void;
  onRemove: () => void;
  children: ReactNode;
  error?: string;
  errorId: string;
}) {
  const t = messages().admin.questions;
  return (
    <li className="space-y-1 rounded-lg border border-slate-200 p-2">
      <div className="flex flex-wrap items-center gap-2">
        {children}
        <button type="button" className={smallButton} aria-label={t.moveUp(label)} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className={smallButton} aria-label={t.moveDown(label)} disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className={smallButton} aria-label={t.removeOf(label)} onClick={onRemove}>
          ✕
        </button>
      </div>
      <ErrorText id={errorId} error={error} />
    </li>
  );
}

/** The per-type fields: options with correct marks, items in order, pairs, accepted variants, or true/false. */
function TypeFields({ form, set, errors }: { form: QuestionForm; set: (fields: QuestionFields) => void; errors: FieldErrors }) {
  const t = messages().admin.questions;
  const listError = (field: string) => <ErrorText id={`question-${field}-error`} error={errors[field]?.[0]} />;
  const text = (id: string, label: string, value: string, onChange: (value: string) => void, error?: string) => (
    <input
      id={id}
      aria-label={label}
      value={value}
      maxLength={CHOICE_MAX}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={error ? true : undefined}
      className={`${inputClass} min-w-0 flex-1`}
    />
  );
  switch (form.type) {
    case "SINGLE":
    case "MULTIPLE": {
      const { options, type } = form;
      const update = (next: typeof options) => set({ type, options: next });
      return (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t.options}</legend>
          <ol className="space-y-2">
            {options.map((option, index) => (
              <ListRow
                key={index}
                index={index}
                count={options.length}
                label={option.text || t.option(index + 1)}
                onMove={(delta) => update(move(options, index, delta))}
                onRemove={() => update(options.filter((_, i) => i !== index))}
                error={errors[`options.${index}`]?.[0]}
                errorId={`question-options-${index}-error`}
              >
                <label className="flex items-center gap-1 text-sm">
                  <input
                    type={type === "SINGLE" ? "radio" : "checkbox"}
                    name="question-correct"
                    aria-label={t.correctOf(index + 1)}
                    checked={option.correct}
                    onChange={(event) =>
                      update(
                        options.map((o, i) =>
                          type === "SINGLE" ? { ...o, correct: i === index } : i === index ? { ...o, correct: event.target.checked } : o,
                        ),
                      )
                    }
                  />
                  <span aria-hidden="true">{t.correct}</span>
                </label>
                {text(`question-option-${index}`, t.option(index + 1), option.text, (value) =>
                  update(options.map((o, i) => (i === index ? { ...o, text: value } : o))),
                  errors[`options.${index}`]?.[0],
                )}
              </ListRow>
            ))}
          </ol>
          {listError("options")}
          <Button type="button" variant="secondary" onClick={() => update([...options, { text: "", correct: false }])}>
            {t.addOption}
          </Button>
        </fieldset>
      );
    }
    case "TRUE_FALSE":
      return (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t.value}</legend>
          <div className="flex gap-4">
            {[true, false].map((value) => (
              <label key={String(value)} className="flex items-center gap-2">
                <input type="radio" name="question-value" checked={form.value === value} onChange={() => set({ type: "TRUE_FALSE", value })} />
                {value ? messages().study.trueLabel : messages().study.falseLabel}
              </label>
            ))}
          </div>
          {listError("value")}
        </fieldset>
      );
    case "ORDERING": {
      const { items } = form;
      const update = (next: string[]) => set({ type: "ORDERING", items: next });
      return (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t.items}</legend>
          <ol className="space-y-2">
            {items.map((item, index) => (
              <ListRow
                key={index}
                index={index}
                count={items.length}
                label={item || t.item(index + 1)}
                onMove={(delta) => update(move(items, index, delta))}
                onRemove={() => update(items.filter((_, i) => i !== index))}
                error={errors[`items.${index}`]?.[0]}
                errorId={`question-items-${index}-error`}
              >
                <span className="w-6 text-right text-slate-400">{index + 1}.</span>
                {text(`question-item-${index}`, t.item(index + 1), item, (value) => update(items.map((v, i) => (i === index ? value : v))), errors[`items.${index}`]?.[0])}
              </ListRow>
            ))}
          </ol>
          {listError("items")}
          <Button type="button" variant="secondary" onClick={() => update([...items, ""])}>
            {t.addItem}
          </Button>
        </fieldset>
      );
    }
    case "MATCHING": {
      const { pairs } = form;
      const update = (next: typeof pairs) => set({ type: "MATCHING", pairs: next });
      return (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t.pairs}</legend>
          <ol className="space-y-2">
            {pairs.map((pair, index) => (
              <ListRow
                key={index}
                index={index}
                count={pairs.length}
                label={pair.left || t.left(index + 1)}
                onMove={(delta) => update(move(pairs, index, delta))}
                onRemove={() => update(pairs.filter((_, i) => i !== index))}
                error={errors[`pairs.${index}`]?.[0]}
                errorId={`question-pairs-${index}-error`}
              >
                {text(`question-left-${index}`, t.left(index + 1), pair.left, (value) => update(pairs.map((p, i) => (i === index ? { ...p, left: value } : p))), errors[`pairs.${index}`]?.[0])}
                <span aria-hidden="true">—</span>
                {text(`question-right-${index}`, t.right(index + 1), pair.right, (value) => update(pairs.map((p, i) => (i === index ? { ...p, right: value } : p))), errors[`pairs.${index}`]?.[0])}
              </ListRow>
            ))}
          </ol>
          {listError("pairs")}
          <Button type="button" variant="secondary" onClick={() => update([...pairs, { left: "", right: "" }])}>
            {t.addPair}
          </Button>
        </fieldset>
      );
    }
    case "SHORT_TEXT": {
      const { accepted } = form;
      const update = (next: string[]) => set({ type: "SHORT_TEXT", accepted: next });
      return (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t.accepted}</legend>
          <p className="text-xs text-slate-500">{t.acceptedHint}</p>
          <ol className="space-y-2">
            {accepted.map((variant, index) => (
              <ListRow
                key={index}
                index={index}
                count={accepted.length}
                label={variant || t.variant(index + 1)}
                onMove={(delta) => update(move(accepted, index, delta))}
                onRemove={() => update(accepted.filter((_, i) => i !== index))}
                error={errors[`accepted.${index}`]?.[0]}
                errorId={`question-accepted-${index}-error`}
              >
                {text(`question-variant-${index}`, t.variant(index + 1), variant, (value) => update(accepted.map((v, i) => (i === index ? value : v))), errors[`accepted.${index}`]?.[0])}
              </ListRow>
            ))}
          </ol>
          {listError("accepted")}
          <Button type="button" variant="secondary" onClick={() => update([...accepted, ""])}>
            {t.addVariant}
          </Button>
        </fieldset>
      );
    }
  }
}

/** How long the form stays unchanged before it is checked again. */
const LINT_DELAY_MS = 400;

type LintState = { state: "checking" } | { state: "failed" } | { state: "done"; result: Extract<QuestionLintResult, { ok: true }> };

/** The bank linter's findings for the form as typed, checked on the server a moment after each change. */
function QuestionLint({ deckId, cardId, questionId, form }: { deckId: string; cardId: string; questionId: string | null; form: QuestionForm }) {
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
            <Preview form={form} testId="question-preview" />
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
              <Preview form={form} testId="conflict-yours" details />
            </section>
            <section className="space-y-2">
              <h3 className="font-semibold">{t.theirs(conflict.version)}</h3>
              <Preview form={formOf(conflict)} testId="conflict-current" details />
            </section>
          </div>
          <ConflictChoice pending={pending} onKeepMine={() => save(conflict.version)} onTakeCurrent={() => takeCurrent(conflict)} />
        </section>
      )}
    </div>
  );
}
