import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { takerAttempt } from "@/lib/exams/attempts";

/** The attempt as its taker may see it (no keys): to resume on another device or client. */
export async function GET(_request: Request, context: RouteContext<"/api/attempts/[attemptId]">) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ status: "unauthenticated" }, { status: 401 });
  const { attemptId } = await context.params;
  const attempt = await takerAttempt(user, attemptId);
  if (!attempt) return NextResponse.json({ status: "not-found" }, { status: 404 });
  return NextResponse.json({ status: "ok", attempt }, { headers: { "Cache-Control": "no-store" } });
}
