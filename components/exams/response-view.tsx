import type { QuestionPayloadView, ResponseValue } from "@/components/questions/question-input";
import { viewOf } from "@/components/questions/types";
import type { QuestionPayload } from "@/lib/questions/types";
import { messages } from "@/lib/i18n";

/** A taker's response in words (for the review after an attempt). */
export function ResponseView({ type, payload, response }: { type: string; payload: QuestionPayloadView; response: ResponseValue }) {
  const view = viewOf(type);
  if (response === null || !view) return <p className="italic text-slate-500">{messages().exams.noAnswer}</p>;
  return <view.Response payload={payload as QuestionPayload} response={response} />;
}
