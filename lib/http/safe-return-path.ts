/**
 * Only same-site paths may be returned to after sign-in: an absolute or protocol-relative
 * URL would make the sign-in page an open redirect.
 */
export function safeReturnPath(candidate: string | null | undefined, fallback = "/accounts"): string {
  if (!candidate) return fallback;
  let path = candidate;
  // next-auth hands us absolute callback URLs for this site; keep only their path.
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
