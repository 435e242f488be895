import { messages } from "@/lib/i18n";
import { ErrorText } from "./editor-parts";
import { optionClass, type QuestionTypeView } from "./view";

const label = (value: boolean) => (value ? messages().study.trueLabel : messages().study.falseLabel);

export const trueFalseView: QuestionTypeView<"TRUE_FALSE"> = {
  Input: ({ name, value, onChange, disabled }) => (
    <div className="grid grid-cols-2 gap-2" role="radiogroup">
      {[true, false].map((answer) => (
        <label key={String(answer)} className={optionClass}>
          <input type="radio" name={name} className="mt-1" disabled={disabled}
            checked={value?.value === answer}
            onChange={() => onChange({ value: answer })} />
          <span>{label(answer)}</span>
        </label>
      ))}
    </div>
  ),
  Key: ({ answer }) => <p>{label(answer.value)}</p>,
  Response: ({ response }) => <p>{label(response.value)}</p>,
  Fields: ({ fields, set, errors }) => (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{messages().admin.questions.value}</legend>
      <div className="flex gap-4">
        {[true, false].map((value) => (
          <label key={String(value)} className="flex items-center gap-2">
            <input type="radio" name="question-value" checked={fields.value === value} onChange={() => set({ type: "TRUE_FALSE", value })} />
            {label(value)}
          </label>
        ))}
      </div>
      <ErrorText id="question-value-error" error={errors.value?.[0]} />
    </fieldset>
  ),
};
