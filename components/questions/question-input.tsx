"use client";

// The answer controls for every question type; the value has the shape the
// server's response schema expects (lib/grading/grade.ts).
import { messages } from "@/lib/i18n";

type Choice = { id: string; text: string };
export type QuestionPayloadView = { options?: Choice[]; items?: Choice[]; left?: Choice[]; right?: Choice[] };
export type ResponseValue =
  | { choice: string }
  | { choices: string[] }
  | { value: boolean }
  | { order: string[] }
  | { pairs: Record<string, string> }
  | { text: string }
  | null;

type Props = {
  name: string;
  type: string;
  payload: QuestionPayloadView;
  value: ResponseValue;
  onChange: (value: ResponseValue) => void;
  disabled?: boolean;
};

const optionClass = "flex items-start gap-3 rounded-lg border border-slate-200 p-3 hover:bg-slate-50 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50";

/** The initial value: ordering questions start from the order shown. */
export function initialResponse(type: string, payload: QuestionPayloadView): ResponseValue {
  return type === "ORDERING" ? { order: (payload.items ?? []).map((item) => item.id) } : null;
}

export function QuestionInput({ name, type, payload, value, onChange, disabled }: Props) {
  const t = messages().study;
  switch (type) {
    case "SINGLE":
      return (
        <div className="space-y-2" role="radiogroup">
          {payload.options?.map((option) => (
            <label key={option.id} className={optionClass}>
              <input type="radio" name={name} className="mt-1" disabled={disabled}
                checked={value !== null && "choice" in value && value.choice === option.id}
                onChange={() => onChange({ choice: option.id })} />
              <span>{option.text}</span>
            </label>
          ))}
        </div>
      );
    case "MULTIPLE": {
      const chosen = value !== null && "choices" in value ? value.choices : [];
      return (
        <div className="space-y-2">
          {payload.options?.map((option) => (
            <label key={option.id} className={optionClass}>
              <input type="checkbox" className="mt-1" disabled={disabled} checked={chosen.includes(option.id)}
                onChange={(event) =>
                  onChange({ choices: event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id) })
                } />
              <span>{option.text}</span>
            </label>
          ))}
        </div>
      );
    }
    case "TRUE_FALSE":
      return (
        <div className="grid grid-cols-2 gap-2" role="radiogroup">
          {[true, false].map((answer) => (
            <label key={String(answer)} className={optionClass}>
              <input type="radio" name={name} className="mt-1" disabled={disabled}
                checked={value !== null && "value" in value && value.value === answer}
                onChange={() => onChange({ value: answer })} />
              <span>{answer ? t.trueLabel : t.falseLabel}</span>
            </label>
          ))}
        </div>
      );
    case "ORDERING": {
      const order = value !== null && "order" in value ? value.order : (payload.items ?? []).map((item) => item.id);
      const text = (id: string) => payload.items?.find((item) => item.id === id)?.text ?? id;
      const move = (index: number, delta: number) => {
        const next = [...order];
        [next[index], next[index + delta]] = [next[index + delta], next[index]];
        onChange({ order: next });
      };
      return (
        <ol className="space-y-2">
          {order.map((id, index) => (
            <li key={id} className="flex items-center gap-2 rounded-lg border border-slate-200 p-2">
              <span className="w-6 text-right text-slate-500">{index + 1}.</span>
              <span className="flex-1">{text(id)}</span>
              <button type="button" className="rounded border px-2 py-1 text-sm disabled:opacity-40" aria-label={`${t.moveUp}: ${text(id)}`}
                disabled={disabled || index === 0} onClick={() => move(index, -1)}>↑</button>
              <button type="button" className="rounded border px-2 py-1 text-sm disabled:opacity-40" aria-label={`${t.moveDown}: ${text(id)}`}
                disabled={disabled || index === order.length - 1} onClick={() => move(index, 1)}>↓</button>
            </li>
          ))}
        </ol>
      );
    }
    case "MATCHING": {
      const pairs = value !== null && "pairs" in value ? value.pairs : {};
      return (
        <div className="space-y-2">
          {payload.left?.map((left) => (
            <label key={left.id} className="grid gap-1 rounded-lg border border-slate-200 p-3 sm:grid-cols-2 sm:items-center sm:gap-3">
              <span>{left.text}</span>
              <select className="rounded-lg border border-slate-300 bg-white px-2 py-2" disabled={disabled}
                value={pairs[left.id] ?? ""}
                onChange={(event) => {
                  const next = { ...pairs };
                  if (event.target.value) next[left.id] = event.target.value;
                  else delete next[left.id];
                  onChange({ pairs: next });
                }}>
                <option value="">{t.choose}</option>
                {payload.right?.map((right) => (
                  <option key={right.id} value={right.id}>{right.text}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
      );
    }
    case "SHORT_TEXT":
      return (
        <input type="text" className="w-full rounded-lg border border-slate-300 px-3 py-2" aria-label={t.yourAnswer}
          disabled={disabled} maxLength={500} value={value !== null && "text" in value ? value.text : ""}
          onChange={(event) => onChange({ text: event.target.value })} />
      );
    default:
      return null;
  }
}
