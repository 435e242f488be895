// What the single and multiple choice views share: the key as a list, the editor's options with correct marks.
import type { ChoiceOption } from "@/lib/admin/question-form";
import type { QuestionFields } from "@/lib/questions/types";
import { messages } from "@/lib/i18n";
import { ChoiceInput, ListField } from "./editor-parts";
import type { FieldsProps } from "./view";

export function TextsKey({ answer }: { answer: { texts: string[] } }) {
  return <ul className="list-disc pl-5">{answer.texts.map((text) => <li key={text}>{text}</li>)}</ul>;
}

/** Options with their correct marks: one (a radio) for SINGLE, any (checkboxes) for MULTIPLE. */
export function OptionsFields<T extends "SINGLE" | "MULTIPLE">({ fields, set, errors }: FieldsProps<T>) {
  const t = messages().admin.questions;
  const { type, options } = fields;
  const update = (next: ChoiceOption[]) => set({ type, options: next } as QuestionFields<T>);
  return (
    <ListField
      legend={t.options}
      field="options"
      values={options}
      onChange={update}
      label={(option, index) => option.text || t.option(index + 1)}
      blank={{ text: "", correct: false }}
      addLabel={t.addOption}
      errors={errors}
    >
      {(option, index, change, error) => (
        <>
          <label className="flex items-center gap-1 text-sm">
            <input
              type={type === "SINGLE" ? "radio" : "checkbox"}
              name="question-correct"
              aria-label={t.correctOf(index + 1)}
              checked={option.correct}
              onChange={(event) =>
                type === "SINGLE"
                  ? update(options.map((o, i) => ({ ...o, correct: i === index })))
                  : change({ ...option, correct: event.target.checked })
              }
            />
            <span aria-hidden="true">{t.correct}</span>
          </label>
          <ChoiceInput id={`question-option-${index}`} label={t.option(index + 1)} value={option.text} onChange={(text) => change({ ...option, text })} error={error} />
        </>
      )}
    </ListField>
  );
}
