import { OptionsFields, TextsKey } from "./options";
import { choiceText, optionClass, type QuestionTypeView } from "./view";

export const multipleView: QuestionTypeView<"MULTIPLE"> = {
  Input: ({ payload, value, onChange, disabled }) => {
    const chosen = value?.choices ?? [];
    return (
      <div className="space-y-2">
        {payload.options.map((option) => (
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
  },
  Key: TextsKey,
  Response: ({ payload, response }) => (
    <ul className="list-disc pl-5">{response.choices.map((id) => <li key={id}>{choiceText(payload.options, id)}</li>)}</ul>
  ),
  Fields: OptionsFields,
};
