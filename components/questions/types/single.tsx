import { OptionsFields, TextsKey } from "./options";
import { choiceText, optionClass, type QuestionTypeView } from "./view";

export const singleView: QuestionTypeView<"SINGLE"> = {
  Input: ({ name, payload, value, onChange, disabled }) => (
    <div className="space-y-2" role="radiogroup">
      {payload.options.map((option) => (
        <label key={option.id} className={optionClass}>
          <input type="radio" name={name} className="mt-1" disabled={disabled}
            checked={value?.choice === option.id}
            onChange={() => onChange({ choice: option.id })} />
          <span>{option.text}</span>
        </label>
      ))}
    </div>
  ),
  Key: TextsKey,
  Response: ({ payload, response }) => <p>{choiceText(payload.options, response.choice)}</p>,
  Fields: OptionsFields,
};
