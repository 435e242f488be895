// The security headers every response carries whatever it is: next.config.mjs adds them to
// Next.js's responses, lib/cli/fast-endpoints.ts to the ones it serves itself.
export const FIXED_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};
