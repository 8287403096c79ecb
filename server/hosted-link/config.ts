import "server-only";
import { env } from "@/server/env";

/** How long a minted link may wait to be opened. */
export const LINK_TOKEN_TTL_MS = 15 * 60 * 1000;
/**
 * How long after a token's expiry its OAuth return and completion still work: a slow bank login
 * (with a second factor) started just before the link expired. The resume value hands out the
 * session's live client secret, so this is kept to what that round trip needs. An opened
 * attempt's lifetime ends here too: the sweeper then ends it as expired.
 */
export const RESUME_GRACE_MS = 30 * 60 * 1000;
/** Link tokens one signed-in user may mint per minute (API keys carry their own limit). */
export const LINK_TOKENS_PER_MINUTE = 60;
/** An API key's mint limit unless the admin sets another one on the key. */
export const DEFAULT_KEY_MINTS_PER_MINUTE = 60;

/** When an opened attempt of this token stops: the same instant its resume value expires. */
export function attemptEndsAt(token: { expiresAt: Date }): Date {
  return new Date(token.expiresAt.getTime() + RESUME_GRACE_MS);
}

/** The redirect URIs a signed-in user's link may return to (LINK_REDIRECT_URIS, checked at start). */
export function cookieCallerRedirectUris(): string[] {
  return env().LINK_REDIRECT_URIS;
}

/**
 * This app's public origin, for the URLs it hands out (the link, Stripe's return_url):
 * NEXTAUTH_URL when set (it is in every deployment), else the origin the request came to.
 */
export function appOrigin(request: Request): string {
  return configuredOrigin() ?? new URL(request.url).origin;
}

/** The same for a page (no Request at hand): NEXTAUTH_URL, else the Host it was asked for. */
export function appOriginOfPage(headers: Headers): string {
  return configuredOrigin() ?? `${headers.get("x-forwarded-proto") ?? "http"}://${headers.get("host") ?? "localhost:3000"}`;
}

function configuredOrigin(): string | null {
  const configured = env().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : null;
}
