// The Content-Security-Policy and the other per-deployment security headers. Built per
// request in proxy.ts, not in next.config.mjs: `next start` serves the headers() that were
// baked into .next/routes-manifest.json at build time, while Stripe.js's origin (the
// emulator's port) and NEXTAUTH_URL are only known when the server starts.
// No "server-only" here: proxy.ts imports it.

/** Where real Stripe.js lives and the frames it opens (Stripe's documented CSP list). */
const STRIPE_SCRIPT_ORIGINS = ["https://js.stripe.com", "https://*.js.stripe.com"];
const STRIPE_FRAME_ORIGINS = ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com", "https://connect-js.stripe.com", "https://*.stripe.com"];
const STRIPE_CONNECT_ORIGINS = ["https://api.stripe.com", "https://*.stripe.com", "https://*.stripe.network"];

export type SecuritySettings = {
  /** `next dev`: React's development build needs eval for its error overlays and call stacks. */
  development: boolean;
  /** STRIPE_JS_URL: when set (the emulator), its origin serves Stripe.js and the modal's iframe. */
  stripeJsUrl?: string | undefined;
  /** NEXTAUTH_URL: https turns on HSTS (in production) and upgrade-insecure-requests. */
  publicUrl?: string | undefined;
  /** Configured OAuth providers: their sign-in pages are where a sign-in navigation may end up. */
  oauth?: { github: boolean; google: boolean };
};

/** Reads the settings from the process environment (at request time, so `next start` sees its own). */
export function securitySettingsFromEnv(source: Record<string, string | undefined> = process.env): SecuritySettings {
  return {
    development: source.NODE_ENV !== "production",
    stripeJsUrl: source.STRIPE_JS_URL?.trim() || undefined,
    publicUrl: source.NEXTAUTH_URL?.trim() || undefined,
    oauth: { github: Boolean(source.GITHUB_ID?.trim()), google: Boolean(source.GOOGLE_CLIENT_ID?.trim()) },
  };
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

function isHttps(url: string | undefined): boolean {
  return originOf(url)?.startsWith("https://") ?? false;
}

/** A fresh value for each response's CSP nonce (128 random bits, base64). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The Content-Security-Policy header value for every page (the hosted /link pages included).
 * With a nonce, only scripts carrying it run, plus what those scripts load ('strict-dynamic'):
 * Next.js puts the nonce on its own scripts when it finds it in the request's CSP (proxy.ts),
 * and Stripe.js is loaded by our code. Without one (tests of the static parts), inline scripts
 * are allowed instead.
 */
export function contentSecurityPolicy(settings: SecuritySettings, nonce?: string): string {
  // The emulator's origin is allowed only when STRIPE_JS_URL points at it.
  const stripeJs = originOf(settings.stripeJsUrl);
  const extra = stripeJs && !STRIPE_SCRIPT_ORIGINS.includes(stripeJs) ? [stripeJs] : [];
  const formTargets = [
    ...(settings.oauth?.github ? ["https://github.com"] : []),
    ...(settings.oauth?.google ? ["https://accounts.google.com"] : []),
  ];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // Every page already renders per request (they read the session), so a nonce costs nothing.
    // The origins stay listed for browsers that predate 'strict-dynamic' (CSP3 ignores them).
    [
      "script-src",
      "'self'",
      ...(nonce ? [`'nonce-${nonce}'`, "'strict-dynamic'"] : ["'unsafe-inline'"]),
      ...(settings.development ? ["'unsafe-eval'"] : []),
      ...STRIPE_SCRIPT_ORIGINS,
      ...extra,
    ],
    ["frame-src", "'self'", ...STRIPE_FRAME_ORIGINS, ...extra],
    ["connect-src", "'self'", ...STRIPE_CONNECT_ORIGINS, ...extra],
    ["img-src", "'self'", "data:", "blob:", "https:", ...extra],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["font-src", "'self'", "data:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // Sign-in buttons navigate with JavaScript (next-auth's signIn), but Chromium also checks
    // form-action against redirects, so the configured providers stay allowed.
    ["form-action", "'self'", ...formTargets],
    // Nobody else may frame the app, the hosted /link pages included (clickjacking).
    ["frame-ancestors", "'self'"],
  ];
  if (!settings.development && isHttps(settings.publicUrl)) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Headers that depend on the deployment; the static ones live in next.config.mjs. */
export function securityHeaders(settings: SecuritySettings, nonce?: string): Record<string, string> {
  const headers: Record<string, string> = { "Content-Security-Policy": contentSecurityPolicy(settings, nonce) };
  // HSTS only where the app is really served over https: on http it would be ignored at best,
  // and on localhost it would break every other local http app.
  if (!settings.development && isHttps(settings.publicUrl)) {
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  }
  return headers;
}
