import { z } from "zod";
import { jsonRoute } from "@/lib/api";
import { advanceCursor } from "@/lib/exams/attempts";

/** Sequential navigation: leave the current question for the next one. */
export const POST = jsonRoute(
  z.object({ from: z.number().int().min(0) }),
  (user, body, { attemptId }: { attemptId: string }) => advanceCursor(user, attemptId, body.from),
  { ability: "takeExams" },
);
