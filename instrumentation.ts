// Next.js calls onRequestError for every server error it catches (pages, route handlers, server
// actions, proxy): it goes to the structured log with the id the portal's server gave the request.
import type { Instrumentation } from "next";

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./lib/ops/request-log.mjs");
  logRequestError(error, request.headers, context);
};
