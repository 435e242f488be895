"use client";

import { useActionState } from "react";
import { saveStudySettings, type SettingsState } from "@/lib/actions/study-settings";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";

export function StudySettingsForm({ retentionPercent, newCardsPerDay }: { retentionPercent: number; newCardsPerDay: number }) {
  const t = messages().settings;
  const [state, formAction, pending] = useActionState<SettingsState, FormData>(saveStudySettings, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.saved && <Notice tone="info">{t.saved}</Notice>}
      <Field id="retentionPercent" name="retentionPercent" type="number" min={80} max={97} label={t.retention}
        defaultValue={retentionPercent} error={state.fieldErrors?.retentionPercent} />
      <p className="-mt-3 text-xs text-slate-500">{t.retentionHint}</p>
      <Field id="newCardsPerDay" name="newCardsPerDay" type="number" min={1} max={100} label={t.newPerDay}
        defaultValue={newCardsPerDay} error={state.fieldErrors?.newCardsPerDay} />
      <p className="-mt-3 text-xs text-slate-500">{t.newPerDayHint}</p>
      <Button type="submit" disabled={pending}>{t.save}</Button>
    </form>
  );
}
