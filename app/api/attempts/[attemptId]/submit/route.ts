import { z } from "zod";
import { jsonRoute } from "@/lib/api";
import { submitAttempt } from "@/lib/exams/attempts";

export const POST = jsonRoute(z.object({}), (user, _body, { attemptId }: { attemptId: string }) => submitAttempt(user, attemptId), {
  ability: "takeExams",
});
