// The headers that depend on the request, set by proxy.ts (and lib/cli/fast-endpoints.ts for the
// responses it serves); the fixed ones are in lib/fixed-security-headers.mjs.

/**
 * Scripts only from the portal and Next.js's own inline scripts, which carry this response's
 * nonce; React's development tooling needs eval. Inline style attributes stay allowed (charts).
 * Forms post to the portal only; the corporate sign-in's post is redirected to the identity
 * provider at `signInOrigin`, and Chromium checks form-action on every redirect after a post.
 */
export function contentSecurityPolicy(nonce: string, development: boolean, signInOrigin?: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${signInOrigin ? ` ${signInOrigin}` : ""}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HSTS only means something over HTTPS: directly, or as the TLS-terminating proxy reports it. */
export function servedOverHttps(protocol: string, forwardedProto: string | null | undefined) {
  return protocol === "https:" || forwardedProto?.split(",")[0].trim() === "https";
}

export const HSTS = "max-age=31536000; includeSubDomains";
