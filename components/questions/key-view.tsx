import type { KeyDescription } from "@/lib/grading/grade";
import { messages } from "@/lib/i18n";

/** The correct answer, shown only after the server has graded a response. */
export function KeyView({ answer }: { answer: KeyDescription }) {
  const t = messages().study;
  switch (answer.type) {
    case "SINGLE":
    case "MULTIPLE":
      return <ul className="list-disc pl-5">{answer.texts.map((text) => <li key={text}>{text}</li>)}</ul>;
    case "ORDERING":
      return <ol className="list-decimal pl-5">{answer.texts.map((text) => <li key={text}>{text}</li>)}</ol>;
    case "TRUE_FALSE":
      return <p>{answer.value ? t.trueLabel : t.falseLabel}</p>;
    case "MATCHING":
      return (
        <ul className="space-y-1">
          {answer.pairs.map(([left, right]) => (
            <li key={left}>{left} — {right}</li>
          ))}
        </ul>
      );
    case "SHORT_TEXT":
      return <p>{answer.accepted.join(" / ")}</p>;
  }
}
