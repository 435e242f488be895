import type { KeyDescription } from "@/lib/questions/types";
import { questionViews } from "./types";
import type { QuestionTypeView } from "./types/view";

/** The correct answer, shown only after the server has graded a response. */
export function KeyView({ answer }: { answer: KeyDescription }) {
  const { Key } = questionViews[answer.type] as QuestionTypeView<typeof answer.type>;
  return <Key answer={answer} />;
}
