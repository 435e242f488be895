import { messages } from "@/lib/i18n";
import { ChoiceInput, ListField } from "./editor-parts";
import type { QuestionTypeView } from "./view";

export const shortTextView: QuestionTypeView<"SHORT_TEXT"> = {
  Input: ({ value, onChange, disabled }) => (
    <input type="text" className="w-full rounded-lg border border-slate-300 px-3 py-2" aria-label={messages().study.yourAnswer}
      disabled={disabled} maxLength={500} value={value?.text ?? ""}
      onChange={(event) => onChange({ text: event.target.value })} />
  ),
  Key: ({ answer }) => <p>{answer.accepted.join(" / ")}</p>,
  Response: ({ response }) => <p>{response.text}</p>,
  Fields: ({ fields, set, errors }) => {
    const t = messages().admin.questions;
    return (
      <ListField
        legend={t.accepted}
        hint={t.acceptedHint}
        field="accepted"
        values={fields.accepted}
        onChange={(accepted) => set({ type: "SHORT_TEXT", accepted })}
        label={(variant, index) => variant || t.variant(index + 1)}
        blank=""
        addLabel={t.addVariant}
        errors={errors}
      >
        {(variant, index, change, error) => (
          <ChoiceInput id={`question-variant-${index}`} label={t.variant(index + 1)} value={variant} onChange={change} error={error} />
        )}
      </ListField>
    );
  },
};
