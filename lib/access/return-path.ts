// Resolved against a placeholder origin: a value that leaves it (an absolute URL,
// "//host", a backslash or a tab the URL parser drops) is not a path of ours.
const ownOrigin = "http://portal.invalid";

/** A same-site path to return to after login; anything else falls back to "/". */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f]/.test(value)) return "/";
  if (!URL.canParse(value, ownOrigin)) return "/";
  const url = new URL(value, ownOrigin);
  if (url.origin !== ownOrigin) return "/";
  if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/")) return "/";
  return url.pathname + url.search + url.hash;
}

export function loginPath(returnTo: string) {
  const path = safeReturnPath(returnTo);
  return path === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(path)}`;
}
