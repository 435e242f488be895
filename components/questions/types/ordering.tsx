import { messages } from "@/lib/i18n";
import { ChoiceInput, ListField } from "./editor-parts";
import { choiceText, type QuestionTypeView } from "./view";

export const orderingView: QuestionTypeView<"ORDERING"> = {
  Input: ({ payload, value, onChange, disabled }) => {
    const t = messages().study;
    const order = value?.order ?? payload.items.map((item) => item.id);
    const text = (id: string) => choiceText(payload.items, id);
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
  },
  Key: ({ answer }) => <ol className="list-decimal pl-5">{answer.texts.map((text) => <li key={text}>{text}</li>)}</ol>,
  Response: ({ payload, response }) => (
    <ol className="list-decimal pl-5">{response.order.map((id) => <li key={id}>{choiceText(payload.items, id)}</li>)}</ol>
  ),
  Fields: ({ fields, set, errors }) => {
    const t = messages().admin.questions;
    return (
      <ListField
        legend={t.items}
        field="items"
        values={fields.items}
        onChange={(items) => set({ type: "ORDERING", items })}
        label={(item, index) => item || t.item(index + 1)}
        blank=""
        addLabel={t.addItem}
        errors={errors}
      >
        {(item, index, change, error) => (
          <>
            <span className="w-6 text-right text-slate-500">{index + 1}.</span>
            <ChoiceInput id={`question-item-${index}`} label={t.item(index + 1)} value={item} onChange={change} error={error} />
          </>
        )}
      </ListField>
    );
  },
};
