import { z } from "zod";
import { endpointRoute, jsonRoute } from "@/lib/api";
import { flagItem } from "@/lib/exams/attempts";
import { saveItemEndpoint, type ItemParams } from "@/lib/exams/endpoints";

/** Saves a response (autosave); `npm start` serves it before Next.js (lib/cli/fast-endpoints.ts). */
export const PUT = endpointRoute(saveItemEndpoint);

/** Flags or unflags the item for review. */
export const PATCH = jsonRoute(
  z.object({ flagged: z.boolean() }),
  (user, body, { attemptId, itemId }: ItemParams) => flagItem(user, attemptId, itemId, body.flagged),
  { ability: "takeExams" },
);
