/** A same-site path to return to after login; anything else falls back to "/". */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string") return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/login") || value.startsWith("/api/")) return "/";
  return value;
}

export function loginPath(returnTo: string) {
  const path = safeReturnPath(returnTo);
  return path === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(path)}`;
}
