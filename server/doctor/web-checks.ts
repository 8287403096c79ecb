// The public URL and what browsers get: NEXTAUTH_URL, Secure cookies, HSTS, and the linking
// pages' headers and return_url as Stripe and the bank's OAuth popup need them.
import { returnUrlFor } from "@/server/hosted-link/start-hosted-link";
import { securityHeaders, securitySettingsFromEnv } from "@/server/security/content-security-policy";
import { check, severity, type DeploymentCheck, type DoctorContext, type HeaderFetcher } from "./check";

const SET_URL = "Set NEXTAUTH_URL to the https URL people open the app at, e.g. https://link.example.com.";

function publicUrl(ctx: DoctorContext): URL | null {
  return ctx.env.NEXTAUTH_URL ? new URL(ctx.env.NEXTAUTH_URL) : null;
}

export function checkPublicUrl(ctx: DoctorContext): DeploymentCheck {
  const url = publicUrl(ctx);
  if (!url) return check("web.public_url", "Public URL", severity(ctx), "NEXTAUTH_URL is not set: sign-in links and Stripe's return_url use whatever host a request names.", SET_URL);
  if (url.protocol !== "https:") return check("web.public_url", "Public URL", severity(ctx), `NEXTAUTH_URL is ${url.origin}, not https.`, SET_URL);
  if (ctx.requestHost && ctx.requestHost.toLowerCase() !== url.host) {
    return check(
      "web.public_url",
      "Public URL",
      severity(ctx),
      `This page was requested on ${ctx.requestHost} but NEXTAUTH_URL names ${url.host}: sign-in links and Stripe's return_url lead there.`,
      "Make NEXTAUTH_URL the URL people really use (or send them to it).",
    );
  }
  return check("web.public_url", "Public URL", "pass", `${url.origin}${ctx.requestHost ? ", the host this page was requested on" : ""}.`);
}

export function checkSecureCookies(ctx: DoctorContext): DeploymentCheck {
  // next-auth marks its cookies Secure (and __Secure- prefixed) exactly when NEXTAUTH_URL is https.
  if (publicUrl(ctx)?.protocol === "https:") return check("web.cookies", "Secure cookies", "pass", "Session cookies are Secure and __Secure- prefixed.");
  return check("web.cookies", "Secure cookies", severity(ctx), "Session cookies are not marked Secure: they would travel over plain http.", SET_URL);
}

export function checkHsts(ctx: DoctorContext): DeploymentCheck {
  const headers = securityHeaders(
    securitySettingsFromEnv({ NODE_ENV: ctx.production ? "production" : "development", NEXTAUTH_URL: ctx.env.NEXTAUTH_URL, STRIPE_JS_URL: ctx.env.STRIPE_JS_URL }),
  );
  const hsts = headers["Strict-Transport-Security"];
  if (hsts) return check("web.hsts", "HSTS", "pass", `Strict-Transport-Security: ${hsts}.`);
  return check(
    "web.hsts",
    "HSTS",
    severity(ctx),
    ctx.production ? "Strict-Transport-Security is not sent: NEXTAUTH_URL is not https." : "Not sent in development (only the production server on an https NEXTAUTH_URL sends it).",
    SET_URL,
  );
}

const realFetch: HeaderFetcher = async (url) => {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return { status: response.status, headers: response.headers };
  } catch {
    return null;
  }
};

/**
 * Where the app's own pages are: NEXTAUTH_URL, the origin people and Stripe use. Never the
 * request's Host header, which the client chooses: the server would fetch wherever it named.
 */
function appOrigin(ctx: DoctorContext): string | null {
  return publicUrl(ctx)?.origin ?? null;
}

/**
 * The linking pages as a browser gets them, through any proxy or CDN in front: no
 * Cross-Origin-Opener-Policy: same-origin (the bank's OAuth popup loses its opener and the
 * modal never hears back), and a Referrer-Policy.
 */
export async function checkLinkingPages(ctx: DoctorContext): Promise<DeploymentCheck> {
  const origin = appOrigin(ctx);
  if (!origin) return check("linking.headers", "Linking page headers", "warn", "Not checked: NEXTAUTH_URL is not set.", SET_URL);
  const page = `${origin}/link/doctor-check`;
  const answer = await (ctx.fetchHeaders ?? realFetch)(page);
  if (!answer) {
    return check("linking.headers", "Linking page headers", "warn", `Could not load ${page} to read its headers.`, "Run the check where the app's public URL can be reached, or open /admin/health.");
  }
  const coop = answer.headers.get("cross-origin-opener-policy");
  const referrer = answer.headers.get("referrer-policy");
  if (coop?.trim().toLowerCase() === "same-origin") {
    return check(
      "linking.headers",
      "Linking page headers",
      "fail",
      "/link pages send Cross-Origin-Opener-Policy: same-origin, which breaks the bank's OAuth popup.",
      "Remove that header for /link/* where it is added (proxy, CDN or next.config.mjs).",
    );
  }
  if (!referrer) {
    return check("linking.headers", "Linking page headers", severity(ctx), "/link pages send no Referrer-Policy: the full link URL, a bearer token, may leak to other sites.", "Send Referrer-Policy: strict-origin-when-cross-origin (next.config.mjs does unless a proxy strips it).");
  }
  return check("linking.headers", "Linking page headers", "pass", `No Cross-Origin-Opener-Policy: same-origin; Referrer-Policy: ${referrer}.`);
}

/** The return_url given to Stripe: https, under this app's origin, and served. */
export async function checkReturnUrl(ctx: DoctorContext): Promise<DeploymentCheck> {
  const origin = appOrigin(ctx);
  if (!origin) return check("linking.return_url", "Stripe return_url", severity(ctx), "Unknown: NEXTAUTH_URL is not set, so it follows whatever host a request names.", SET_URL);
  const returnUrl = returnUrlFor(origin, "doctor-check");
  if (!returnUrl.startsWith("https://")) {
    return check("linking.return_url", "Stripe return_url", severity(ctx), `${returnUrl.replace(/doctor-check$/, "…")} is not https: Stripe's live mode refuses it.`, SET_URL);
  }
  const answer = await (ctx.fetchHeaders ?? realFetch)(returnUrl);
  // A warning only: from where the check runs, the app may not be up yet or reachable at its public URL.
  if (!answer || answer.status >= 500) {
    return check("linking.return_url", "Stripe return_url", "warn", `${origin}/link/resume/… did not answer${answer ? ` (status ${answer.status})` : ""}: the bank's OAuth login could not come back.`, "Make sure NEXTAUTH_URL reaches this app, also from outside.");
  }
  return check("linking.return_url", "Stripe return_url", "pass", `${origin}/link/resume/… is https and served by this app.`);
}
