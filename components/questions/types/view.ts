import type { ReactNode } from "react";
import type { FieldErrors } from "@/lib/admin/result";
import type { KeyDescription, QuestionFields, QuestionPayload, QuestionResponse, QuestionType } from "@/lib/questions/types";

export type InputProps<T extends QuestionType> = {
  name: string;
  payload: QuestionPayload<T>;
  value: QuestionResponse<T> | null;
  onChange: (value: QuestionResponse<T>) => void;
  disabled?: boolean;
};

export type FieldsProps<T extends QuestionType> = {
  fields: QuestionFields<T>;
  set: (fields: QuestionFields<T>) => void;
  errors: FieldErrors;
};

/** A question type's components (its rules are lib/questions/types'). */
export type QuestionTypeView<T extends QuestionType> = {
  /** The taker's answer controls; the value has the shape the type's response schema expects. */
  Input: (props: InputProps<T>) => ReactNode;
  /** The correct answer, shown only after the server has graded a response. */
  Key: (props: { answer: KeyDescription<T> }) => ReactNode;
  /** A taker's response in words (the review after an attempt). */
  Response: (props: { payload: QuestionPayload<T>; response: QuestionResponse<T> }) => ReactNode;
  /** The question editor's fields of the type. */
  Fields: (props: FieldsProps<T>) => ReactNode;
};

export const optionClass =
  "flex items-start gap-3 rounded-lg border border-slate-200 p-3 hover:bg-slate-50 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50";

/** The text of a choice by id (the id itself for one the payload lacks). */
export const choiceText = (choices: { id: string; text: string }[], id: string) => choices.find((choice) => choice.id === id)?.text ?? id;
