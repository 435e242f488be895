import "server-only";
import { z } from "zod";
import { db } from "../db";
import { messages } from "../i18n";
import { MAX_RETENTION, MIN_RETENTION } from "../study/scheduler";

const t = messages().settings;

/** The form's fields: retention as a percent, new cards per day. */
export const studySettingsSchema = z.object({
  retentionPercent: z.coerce
    .number({ error: t.retentionRange })
    .int({ error: t.retentionRange })
    .min(MIN_RETENTION * 100, { error: t.retentionRange })
    .max(MAX_RETENTION * 100, { error: t.retentionRange }),
  newCardsPerDay: z.coerce
    .number({ error: t.newPerDayRange })
    .int({ error: t.newPerDayRange })
    .min(1, { error: t.newPerDayRange })
    .max(100, { error: t.newPerDayRange }),
});

export async function updateStudySettings(userId: string, input: z.infer<typeof studySettingsSchema>) {
  await db.user.update({
    where: { id: userId },
    data: { desiredRetention: input.retentionPercent / 100, newCardsPerDay: input.newCardsPerDay },
  });
}
