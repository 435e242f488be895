import type { ComponentProps } from "react";

/** The look of every text box, select and text area; each adds its text size. */
const control =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500";

/** The ids a field's aria-describedby names: its error's and its hint's. */
const describedBy = (id: string, error?: string, hint?: string) => [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;

/** The hint and the error under a field, under the ids `describedBy` names. */
function FieldNotes({ id, hint, error, className = "" }: { id: string; hint?: string; error?: string; className?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className={`text-xs text-slate-500 ${className}`}>
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className={`text-sm text-red-700 ${className}`}>
          {error}
        </p>
      )}
    </>
  );
}

export function Field({
  label,
  error,
  hint,
  id,
  ...input
}: ComponentProps<"input"> & { label: string; error?: string; hint?: string; id: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${control} text-base`}
        {...input}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  id,
  children,
  ...select
}: ComponentProps<"select"> & { label: string; error?: string; hint?: string; id: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${control} min-w-0 text-base`}
        {...select}
      >
        {children}
      </select>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** A multi-line text field; `monospace` for Markdown and CSV. */
export function TextAreaField({
  label,
  error,
  hint,
  id,
  monospace = false,
  className = "",
  ...textarea
}: ComponentProps<"textarea"> & { label: string; error?: string; hint?: string; id: string; monospace?: boolean }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${control} ${monospace ? "font-mono text-sm" : "text-base"} ${className}`}
        {...textarea}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** Radio buttons with a line of help under each choice. */
export function ChoiceGroup<V extends string>({
  name,
  legend,
  value,
  options,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  value: V;
  options: { value: V; label: string; help: string }[];
  onChange: (value: V) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-2" aria-describedby={describedBy(name, error)}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="flex items-start gap-2 text-sm">
          <input type="radio" name={name} className="mt-1" checked={value === option.value} onChange={() => onChange(option.value)} />
          <span>
            <span className="font-medium text-slate-900">{option.label}</span>
            <span className="block text-slate-600">{option.help}</span>
          </span>
        </label>
      ))}
      <FieldNotes id={name} error={error} />
    </fieldset>
  );
}

/** A checkbox with its label, an optional hint and the field's error. */
export function CheckField({
  id,
  label,
  hint,
  checked,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="flex items-start gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          className="mt-1"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
        />
        <span className="font-medium text-slate-900">{label}</span>
      </label>
      <FieldNotes id={id} hint={hint} error={error} className="pl-6" />
    </div>
  );
}

/** A form's messages that belong to no single field. */
export function FormErrors({ messages: lines }: { messages: string[] | undefined }) {
  if (!lines?.length) return null;
  return (
    <ul className="space-y-1 text-sm text-red-700" role="alert">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
