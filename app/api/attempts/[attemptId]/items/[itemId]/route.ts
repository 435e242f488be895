import { z } from "zod";
import { jsonRoute } from "@/lib/api";
import { flagItem, saveInputSchema, saveResponse } from "@/lib/exams/attempts";

type Params = { attemptId: string; itemId: string };

/** Saves a response (autosave). */
export const PUT = jsonRoute(saveInputSchema, (user, body, { attemptId, itemId }: Params) => saveResponse(user, attemptId, itemId, body), {
  ability: "takeExams",
});

/** Flags or unflags the item for review. */
export const PATCH = jsonRoute(
  z.object({ flagged: z.boolean() }),
  (user, body, { attemptId, itemId }: Params) => flagItem(user, attemptId, itemId, body.flagged),
  { ability: "takeExams" },
);
