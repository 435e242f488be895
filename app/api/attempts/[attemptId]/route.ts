import { NextResponse } from "next/server";
import { guardedRoute, problem } from "@/lib/api";
import { takerAttempt } from "@/lib/exams/attempts";

/** The attempt as its taker may see it (no keys): to resume on another device or client. */
export const GET = guardedRoute<{ attemptId: string }>({ ability: "takeExams" }, async (_request, user, { attemptId }) => {
  const attempt = await takerAttempt(user, attemptId);
  if (!attempt) return problem(404, { status: "not-found" });
  return NextResponse.json({ status: "ok", attempt }, { headers: { "Cache-Control": "no-store" } });
});
