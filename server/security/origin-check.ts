// Cross-site request protection for state-changing requests (route handlers and server actions), applied in proxy.ts.
// The same rules as Go's net/http CrossOriginProtection: browsers say where a request comes
// from (Sec-Fetch-Site, Origin); a request that says neither is not from a browser, and a
// non-browser client cannot ride on a victim's cookies, so it is let through (its own
// credentials, if any, are checked by the route).
// No "server-only" here: proxy.ts imports it.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** Routes that never rely on the browser's cookies for a mutation. */
const EXEMPT_PATHS = [
  // Stripe's deliveries: authenticated by the signature over the raw body.
  "/api/webhooks/stripe",
];

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

type RequestLike = { method: string; url: string; headers: Headers };

function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Decides whether a request may change state. `publicUrl` is NEXTAUTH_URL: behind a proxy
 * the request's own URL may say http://internal-host while the browser says https://app.
 */
export function checkRequestOrigin(request: RequestLike, publicUrl?: string): OriginVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const url = new URL(request.url);
  if (EXEMPT_PATHS.includes(url.pathname)) return { ok: true };
  // API-key callers (integrators' backends) authenticate with the header; a browser can only
  // send one cross-site after a CORS preflight this app never grants.
  if (/^bearer\s+\S/i.test(request.headers.get("authorization") ?? "")) return { ok: true };

  const trusted = new Set([url.origin, originOf(publicUrl)].filter((o): o is string => Boolean(o)));
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  const originTrusted =
    origin !== null && origin !== "null" && (trusted.has(origin) || (host !== null && originOf(origin) !== null && new URL(origin).host === host));

  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    // "none": the person typed it or used a bookmark, which a page cannot trigger.
    if (site === "same-origin" || site === "none") return { ok: true };
    if (originTrusted) return { ok: true };
    return { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  }
  if (origin === null) return { ok: true };
  if (originTrusted) return { ok: true };
  return { ok: false, reason: `Origin ${origin} is not this app` };
}

export const CROSS_SITE_MESSAGE = "Cross-site request refused";
