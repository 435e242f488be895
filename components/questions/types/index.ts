// Every question type's components, by type (the types' rules: lib/questions/types).
import type { QuestionType } from "@/lib/questions/types";
import { matchingView } from "./matching";
import { multipleView } from "./multiple";
import { orderingView } from "./ordering";
import { shortTextView } from "./short-text";
import { singleView } from "./single";
import { trueFalseView } from "./true-false";
import type { QuestionTypeView } from "./view";

export const questionViews: { [T in QuestionType]: QuestionTypeView<T> } = {
  SINGLE: singleView,
  MULTIPLE: multipleView,
  TRUE_FALSE: trueFalseView,
  ORDERING: orderingView,
  MATCHING: matchingView,
  SHORT_TEXT: shortTextView,
};

/** A type's components with the payload, response and fields types erased (for code that handles every type alike), or null for an unknown type. */
export const viewOf = (type: string) =>
  (Object.hasOwn(questionViews, type) ? questionViews[type as QuestionType] : null) as QuestionTypeView<QuestionType> | null;
