import { z } from "zod";
import { jsonRoute } from "@/lib/api";
import { startAttempt } from "@/lib/exams/attempts";

export const POST = jsonRoute(z.object({}), (user, _body, { examId }: { examId: string }) => startAttempt(user, examId), {
  ability: "takeExams",
});
