// The autosave endpoint, served by lib/cli/fast-endpoints.ts under `npm start` and by its
// route handler (app/api/attempts/[attemptId]/items/[itemId]) under `npm run dev`.
import "server-only";
import { jsonEndpoint } from "../json-endpoint";
import { saveInputSchema, saveResponse } from "./attempts";

export type ItemParams = { attemptId: string; itemId: string };

/** Saves a response (autosave). */
export const saveItemEndpoint = jsonEndpoint(
  saveInputSchema,
  (user, body, { attemptId, itemId }: ItemParams) => saveResponse(user, attemptId, itemId, body),
  { ability: "takeExams" },
);
