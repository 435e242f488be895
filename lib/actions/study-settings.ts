"use server";

import { z } from "zod";
import { getCurrentUser } from "../auth";
import { checkSession } from "../access/guard";
import { studySettingsSchema, updateStudySettings } from "../users/study-settings";

export type SettingsState = { saved?: boolean; fieldErrors?: { retentionPercent?: string; newCardsPerDay?: string } };

export async function saveStudySettings(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const checked = checkSession(await getCurrentUser());
  if (!checked.ok) return {};
  const parsed = studySettingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return { fieldErrors: { retentionPercent: fields.retentionPercent?.[0], newCardsPerDay: fields.newCardsPerDay?.[0] } };
  }
  await updateStudySettings(checked.user.id, parsed.data);
  return { saved: true };
}
