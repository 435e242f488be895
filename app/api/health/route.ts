import { live } from "@/lib/ops/health";

/** Liveness: the process answers (public, no database). */
export const GET = live;
