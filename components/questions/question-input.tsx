"use client";

// The answer controls for any question type (each type's own: components/questions/types);
// the value has the shape the server's response schema expects (lib/questions/types).
import { definitionOf, type QuestionPayload, type QuestionResponse, type QuestionType } from "@/lib/questions/types";
import { viewOf } from "./types";

type Choice = { id: string; text: string };
export type QuestionPayloadView = { options?: Choice[]; items?: Choice[]; left?: Choice[]; right?: Choice[] };
export type ResponseValue = QuestionResponse | null;

type Props = {
  name: string;
  type: string;
  payload: QuestionPayloadView;
  value: ResponseValue;
  onChange: (value: ResponseValue) => void;
  disabled?: boolean;
};

/** The initial value: ordering questions start from the order shown. */
export function initialResponse(type: string, payload: QuestionPayloadView): ResponseValue {
  return viewOf(type) ? (definitionOf(type as QuestionType).initialResponse(payload) as ResponseValue) : null;
}

export function QuestionInput({ type, payload, ...props }: Props) {
  const view = viewOf(type);
  return view ? <view.Input payload={payload as QuestionPayload} {...props} /> : null;
}
