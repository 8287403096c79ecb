// Next 16's middleware, run before every page and route handler (static assets aside):
// 1. security headers that depend on the running deployment (CSP with a per-request nonce, HSTS: server/security),
// 2. cross-site request refusal for every mutation (route handlers and server actions) and a
//    body-format gate for API mutations,
// 3. a cheap first gate: visitors with no session cookie never reach a protected page's
//    rendering. It is not the security check: every page, route handler and server action
//    checks the database session and role itself (server/auth/guards.ts).
// 4. a request id (a well-formed incoming x-request-id, else a new one) handed to the route
//    handlers on the request and returned on the response, so log lines and a client's report meet.
import { NextResponse, type NextRequest } from "next/server";
import { logger } from "@/server/log/logger";
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestId } from "@/server/log/request-context";
import { newNonce, securityHeaders, securitySettingsFromEnv } from "@/server/security/content-security-policy";
import { CROSS_SITE_MESSAGE, checkRequestOrigin } from "@/server/security/origin-check";
import { checkJsonBody } from "@/server/security/request-body";
import { NUL_MESSAGE, urlHasNul } from "@/server/http/nul-characters";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED_PAGES = /^\/(accounts|admin)(\/|$)/;

type PerRequest = { requestId: string; headers: Record<string, string> };

function withHeaders(response: NextResponse, { requestId, headers }: PerRequest): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

function refuse(status: number, message: string, pathname = ""): NextResponse {
  // The integrator API answers every error in its documented shape, these too.
  const error = pathname.startsWith("/api/v1/") ? { type: "invalid_request_error", code: status === 413 ? "body_too_large" : "content_type_invalid", message } : { message };
  return NextResponse.json({ error }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * On to the page or handler, with the request id on the request (route handlers log with it)
 * and the CSP too: Next.js reads the nonce from it and puts it on the page's scripts.
 */
function forward(request: NextRequest, { requestId, headers: security }: PerRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("Content-Security-Policy", security["Content-Security-Policy"]!);
  return NextResponse.next({ request: { headers } });
}

export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const perRequest = { requestId, headers: securityHeaders(securitySettingsFromEnv(), newNonce()) };
  return withHeaders(runWithRequestId(requestId, () => decide(request, perRequest)), perRequest);
}

function decide(request: NextRequest, perRequest: PerRequest): NextResponse {
  const { pathname } = request.nextUrl;
  // No page or route has a use for a NUL, and PostgreSQL cannot hold one: refused before any runs.
  if (urlHasNul(request.url)) return refuse(400, `The address ${NUL_MESSAGE}.`);

  // Route handlers and server actions (which post to page paths) alike: no cross-site mutation.
  const origin = checkRequestOrigin(request, process.env.NEXTAUTH_URL);
  if (!origin.ok) {
    logger("security").warn({ method: request.method, path: pathname, reason: origin.reason }, "refused a cross-site request");
    return refuse(403, CROSS_SITE_MESSAGE);
  }

  if (pathname.startsWith("/api/")) {
    const body = checkJsonBody(request);
    if (!body.ok) return refuse(body.status, body.message, pathname);
    return forward(request, perRequest);
  }

  if (PROTECTED_PAGES.test(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + request.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }
  return forward(request, perRequest);
}

// Everything but Next's hashed static files and image optimizer (they get next.config.mjs's headers).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
