// The question editor's building blocks that every type's fields use.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CHOICE_MAX, type FieldErrors } from "@/lib/admin/question-form";
import { messages } from "@/lib/i18n";

export const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500";
const smallButton = "rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-40";

const move = <T,>(list: T[], index: number, delta: number) => {
  const next = [...list];
  [next[index], next[index + delta]] = [next[index + delta], next[index]];
  return next;
};

export function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

/** One text of a list (an option, an item, a side, a variant). */
export function ChoiceInput({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string }) {
  return (
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

/**
 * A list the editor can reorder, shorten and extend: each entry's own controls come
 * from `children` (with its error, and a function replacing the entry).
 */
export function ListField<V>({
  legend,
  hint,
  field,
  values,
  onChange,
  label,
  blank,
  addLabel,
  errors,
  children,
}: {
  legend: string;
  hint?: string;
  /** The form field, naming its errors ("options", "options.2"). */
  field: string;
  values: V[];
  onChange: (values: V[]) => void;
  label: (value: V, index: number) => string;
  blank: V;
  addLabel: string;
  errors: FieldErrors;
  children: (value: V, index: number, change: (value: V) => void, error: string | undefined) => ReactNode;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <ol className="space-y-2">
        {values.map((value, index) => {
          const error = errors[`${field}.${index}`]?.[0];
          return (
            <ListRow
              key={index}
              index={index}
              count={values.length}
              label={label(value, index)}
              onMove={(delta) => onChange(move(values, index, delta))}
              onRemove={() => onChange(values.filter((_, i) => i !== index))}
              error={error}
              errorId={`question-${field}-${index}-error`}
            >
              {children(value, index, (next) => onChange(values.map((v, i) => (i === index ? next : v))), error)}
            </ListRow>
          );
        })}
      </ol>
      <ErrorText id={`question-${field}-error`} error={errors[field]?.[0]} />
      <Button type="button" variant="secondary" onClick={() => onChange([...values, blank])}>
        {addLabel}
      </Button>
    </fieldset>
  );
}
