import type { ComponentProps } from "react";
import { TextAreaField } from "@/components/ui/field";
import { CARD_BACK_MAX } from "@/lib/admin/cards.schema";
import { messages } from "@/lib/i18n";

/** The card's back: Markdown typed in a monospaced area, with the format hint and the field's error. */
export function CardBackField(props: { id: string; error?: string } & Omit<ComponentProps<"textarea">, "id" | "name">) {
  const t = messages().admin.cards;
  return <TextAreaField name="back" label={t.back} hint={t.backHint} maxLength={CARD_BACK_MAX} spellCheck monospace {...props} />;
}
