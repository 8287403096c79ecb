// No "server-only": server/env.ts checks LINK_REDIRECT_URIS with it, and CLI scripts read server/env.ts.

/** Schemes that run code or show content instead of returning to an app: never a redirect target. */
const FORBIDDEN_SCHEMES = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:", "about:", "filesystem:", "ftp:", "ws:", "wss:"]);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type RedirectUriCheck = { ok: true; uri: string } | { ok: false; reason: string };

/**
 * Whether `candidate` may ever be a redirect URI (of an allow-list or a request): an https
 * URL (universal/app link), http only on the loopback interface (development), or an app's
 * custom scheme (`myapp://linked`). No credentials, query or fragment: the outcome's query is
 * ours to add, and exact matching stays exact.
 */
export function checkRedirectUri(candidate: string): RedirectUriCheck {
  if (candidate.length > 2000) return { ok: false, reason: "must be at most 2000 characters" };
  if (candidate !== candidate.trim() || /[\s\\\u0000-\u001f\u007f]/.test(candidate)) {
    return { ok: false, reason: "must not contain spaces, backslashes or control characters" };
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: "must be an absolute URI like myapp://linked or https://app.example.com/linked" };
  }
  const scheme = url.protocol.toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*:$/.test(scheme) || FORBIDDEN_SCHEMES.has(scheme)) {
    return { ok: false, reason: `the ${scheme} scheme is not allowed` };
  }
  if (url.username || url.password) return { ok: false, reason: "must not contain a user name or password" };
  if (url.search || candidate.includes("?")) return { ok: false, reason: "must not contain a query (the outcome is added as one)" };
  if (url.hash || candidate.includes("#")) return { ok: false, reason: "must not contain a fragment" };
  if (scheme === "https:") {
    if (!url.hostname) return { ok: false, reason: "must name a host" };
  } else if (scheme === "http:") {
    if (!LOOPBACK_HOSTS.has(url.hostname)) return { ok: false, reason: "http is allowed only for localhost; use https" };
  } else {
    // Custom schemes: myapp://linked, or the reverse-DNS form com.example.app:/linked.
    const rest = candidate.slice(scheme.length);
    if (rest.replace(/^\/+/, "") === "") return { ok: false, reason: "must name a host or path after the scheme, like myapp://linked" };
  }
  return { ok: true, uri: candidate };
}

/** Exact string match against an allow-list: no prefix, case or trailing-slash leniency. */
export function isAllowedRedirectUri(candidate: string, allowList: readonly string[]): boolean {
  return checkRedirectUri(candidate).ok && allowList.includes(candidate);
}

export type LinkOutcome = "succeeded" | "cancelled" | "failed" | "expired";

/**
 * The address the browser goes back to, built on the server from the stored, allow-listed
 * redirect URI (never from anything the browser sends).
 */
export function outcomeRedirectUrl(
  redirectUri: string,
  outcome: { status: LinkOutcome; linkSessionId: string; state: string | null; error?: string | null },
): string {
  const query = new URLSearchParams({ status: outcome.status, link_session_id: outcome.linkSessionId });
  if (outcome.state !== null) query.set("state", outcome.state);
  if (outcome.error) query.set("error", outcome.error);
  return `${redirectUri}?${query.toString()}`;
}
