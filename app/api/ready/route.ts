import { ready } from "@/lib/ops/health";

/** Readiness: the database answers and its migrations are current (public). */
export const GET = ready;
