/**
 * Where a person may be sent back to (after sign-in, after the demo sign-in): only a path on
 * this site. Anything else gives `fallback`, never an error, so a hostile value ends in a clean
 * redirect rather than a 500.
 *
 * Checked against what a browser does with a `Location` header, not just the string: it drops
 * tabs and newlines anywhere (`/\t/evil.example` becomes `//evil.example`, another site), trims
 * control characters, and reads a backslash as a slash. So any control character or backslash,
 * raw or percent-encoded (at any depth of encoding, since a later hop may decode once more), is
 * refused, as is an encoded slash that could become `//`. What is left is resolved with the
 * WHATWG URL parser and must stay on this origin.
 */
const MAX_LENGTH = 2000;
const ORIGIN = "https://return-path.invalid";
// C0 controls, space-less DEL, and the backslash: what browsers strip or reinterpret in a URL.
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;
// %2F (slash) and %5C (backslash) can turn into `//host` once something decodes them.
const ENCODED_SEPARATOR = /%(2f|5c)/i;

export function safeReturnPath(candidate: string | null | undefined, fallback = "/accounts"): string {
  if (!candidate || candidate.length > MAX_LENGTH) return fallback;
  if (!decodesSafely(candidate)) return fallback;
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
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(path, ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== ORIGIN) return fallback;
  const result = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return result.startsWith("//") ? fallback : result;
}

/** No unsafe character in the value nor in any of its percent-decodings. */
function decodesSafely(value: string): boolean {
  let current = value;
  for (let depth = 0; depth < 4; depth++) {
    if (UNSAFE_CHARACTER.test(current)) return false;
    if (ENCODED_SEPARATOR.test(pathOf(current))) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

/** The path part of a value (before `?` or `#`): encoded slashes in a query are harmless. */
function pathOf(value: string): string {
  return value.split(/[?#]/, 1)[0] ?? "";
}

/**
 * next-auth's `redirect` callback: the absolute URL on this site to go to, for a callback URL
 * from the browser. Another origin (or anything unparsable) gives the site's root.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  if (!url.startsWith("/")) {
    try {
      if (new URL(url).origin !== base.origin) return base.origin;
    } catch {
      return base.origin;
    }
  }
  return `${base.origin}${safeReturnPath(url, "/")}`;
}
