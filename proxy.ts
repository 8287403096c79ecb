// Next 16's middleware, run before every page and route handler (static assets aside):
// 1. security headers that depend on the running deployment (CSP, HSTS: lib/security),
// 2. cross-site request refusal and a body-format gate for API mutations,
// 3. a cheap first gate: visitors with no session cookie never reach a protected page's
//    rendering. It is not the security check: every page, route handler and server action
//    checks the database session and role itself (lib/auth/session.ts).
import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders, securitySettingsFromEnv } from "@/lib/security/content-security-policy";
import { CROSS_SITE_MESSAGE, checkRequestOrigin } from "@/lib/security/origin-check";
import { checkJsonBody } from "@/lib/security/request-body";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED_PAGES = /^\/(accounts|admin)(\/|$)/;

function withHeaders(response: NextResponse): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders(securitySettingsFromEnv()))) response.headers.set(name, value);
  return response;
}

function refuse(status: number, message: string): NextResponse {
  return withHeaders(NextResponse.json({ error: { message } }, { status, headers: { "Cache-Control": "no-store" } }));
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;

  if (pathname.startsWith("/api/")) {
    const origin = checkRequestOrigin(request, process.env.NEXTAUTH_URL);
    if (!origin.ok) {
      console.warn(`[security] refused ${request.method} ${pathname}: ${origin.reason}`);
      return refuse(403, CROSS_SITE_MESSAGE);
    }
    const body = checkJsonBody(request);
    if (!body.ok) return refuse(body.status, body.message);
    return withHeaders(NextResponse.next());
  }

  if (PROTECTED_PAGES.test(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + request.nextUrl.search)}`;
    return withHeaders(NextResponse.redirect(url));
  }
  return withHeaders(NextResponse.next());
}

// Everything but Next's hashed static files and image optimizer (they get next.config.mjs's headers).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
