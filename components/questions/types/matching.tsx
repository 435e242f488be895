import { messages } from "@/lib/i18n";
import { ChoiceInput, ListField } from "./editor-parts";
import { choiceText, type QuestionTypeView } from "./view";

export const matchingView: QuestionTypeView<"MATCHING"> = {
  Input: ({ payload, value, onChange, disabled }) => {
    const pairs = value?.pairs ?? {};
    return (
      <div className="space-y-2">
        {payload.left.map((left) => (
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
              <option value="">{messages().study.choose}</option>
              {payload.right.map((right) => (
                <option key={right.id} value={right.id}>{right.text}</option>
              ))}
            </select>
          </label>
        ))}
      </div>
    );
  },
  Key: ({ answer }) => (
    <ul className="space-y-1">
      {answer.pairs.map(([left, right]) => (
        <li key={left}>{left} — {right}</li>
      ))}
    </ul>
  ),
  Response: ({ payload, response }) => (
    <ul>
      {Object.entries(response.pairs).map(([left, right]) => (
        <li key={left}>
          {choiceText(payload.left, left)} — {choiceText(payload.right, right)}
        </li>
      ))}
    </ul>
  ),
  Fields: ({ fields, set, errors }) => {
    const t = messages().admin.questions;
    return (
      <ListField
        legend={t.pairs}
        field="pairs"
        values={fields.pairs}
        onChange={(pairs) => set({ type: "MATCHING", pairs })}
        label={(pair, index) => pair.left || t.left(index + 1)}
        blank={{ left: "", right: "" }}
        addLabel={t.addPair}
        errors={errors}
      >
        {(pair, index, change, error) => (
          <>
            <ChoiceInput id={`question-left-${index}`} label={t.left(index + 1)} value={pair.left} onChange={(left) => change({ ...pair, left })} error={error} />
            <span aria-hidden="true">—</span>
            <ChoiceInput id={`question-right-${index}`} label={t.right(index + 1)} value={pair.right} onChange={(right) => change({ ...pair, right })} error={error} />
          </>
        )}
      </ListField>
    );
  },
};
