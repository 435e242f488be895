import type { QuestionPayloadView, ResponseValue } from "@/components/questions/question-input";
import { messages } from "@/lib/i18n";

/** A taker's response in words (for the review after an attempt). */
export function ResponseView({ payload, response }: { payload: QuestionPayloadView; response: ResponseValue }) {
  const t = messages();
  if (response === null) return <p className="italic text-slate-500">{t.exams.noAnswer}</p>;
  const text = (choices: { id: string; text: string }[] | undefined, id: string) => choices?.find((c) => c.id === id)?.text ?? id;
  if ("choice" in response) return <p>{text(payload.options, response.choice)}</p>;
  if ("choices" in response) return <ul className="list-disc pl-5">{response.choices.map((id) => <li key={id}>{text(payload.options, id)}</li>)}</ul>;
  if ("value" in response) return <p>{response.value ? t.study.trueLabel : t.study.falseLabel}</p>;
  if ("order" in response) return <ol className="list-decimal pl-5">{response.order.map((id) => <li key={id}>{text(payload.items, id)}</li>)}</ol>;
  if ("pairs" in response)
    return (
      <ul>
        {Object.entries(response.pairs).map(([left, right]) => (
          <li key={left}>
            {text(payload.left, left)} — {text(payload.right, right)}
          </li>
        ))}
      </ul>
    );
  return <p>{response.text}</p>;
}
