// Per-request security headers only: a fresh CSP nonce for Next.js's own inline
// scripts (it reads the nonce from the request's Content-Security-Policy header)
// and HSTS over HTTPS. No access checks here: every page, action and route handler
// passes the session check itself (lib/access/guard.ts).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env";
import { contentSecurityPolicy, HSTS, servedOverHttps } from "./lib/security-headers";

export function proxy(request: NextRequest) {
  try {
    // Next.js answers a malformed percent-escape in a route parameter with a 500: refuse it here.
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json({ status: "invalid", message: "Malformed URL." }, { status: 400 });
  }
  const issuer = env().OIDC_ISSUER;
  const csp = contentSecurityPolicy(
    Buffer.from(crypto.randomUUID()).toString("base64"),
    process.env.NODE_ENV === "development",
    issuer && new URL(issuer).origin,
  );
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (servedOverHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"))) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: "/((?!_next/static|_next/image|favicon.ico).*)",
};
