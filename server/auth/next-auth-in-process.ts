import "server-only";
import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextRequest, NextResponse } from "next/server";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors/domain-error";
import { authOptions } from "./options";

/** next-auth's routes are matched on the path only; the host is never used. */
const BASE = "http://linkwell.internal";

/**
 * One of next-auth's POST endpoints (sign in by email or with a provider, sign out), called from a
 * server action: the same two requests its browser client makes (GET /api/auth/csrf, then the
 * POST with the token), handled in this process by next-auth's own route handler. next-auth reads
 * the cookies of the request being served, which in a server action include the ones set here,
 * so its double-submit CSRF check passes on a first visit too (no cookie yet). The action itself
 * is guarded against cross-site posts by proxy.ts and Next's own server-action origin check. The
 * cookies next-auth sets or clears (CSRF, OAuth state, session) reach the browser with the
 * action's answer. Resolves to the URL next-auth would send the browser to.
 */
async function postToNextAuth(action: string[], fields: Record<string, string>): Promise<URL | null> {
  const csrf = await callNextAuth(["csrf"], new NextRequest(`${BASE}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  const response = await callNextAuth(
    action,
    new NextRequest(`${BASE}/api/auth/${action.join("/")}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrfToken: csrfToken ?? "", json: "true" }),
    }),
  );
  const { url } = (await response.json().catch(() => ({}))) as { url?: string };
  return url ? new URL(url, BASE) : null;
}

async function callNextAuth(nextauth: string[], request: NextRequest): Promise<Response> {
  const handler = NextAuth as unknown as (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }, options: unknown) => Promise<Response>;
  const response = await handler(request, { params: Promise.resolve({ nextauth }) }, authOptions());
  const jar = await cookies();
  for (const cookie of new NextResponse(null, { headers: response.headers }).cookies.getAll()) jar.set(cookie);
  return response;
}

const unavailable = (what: string) => new DomainError("unavailable", `We could not ${what}. Please try again.`, { retryable: true });

/** Has next-auth mail a sign-in link. */
export async function sendSignInLink(email: string, callbackUrl: string): Promise<void> {
  const next = await postToNextAuth(["signin", "email"], { email, callbackUrl });
  // Success is next-auth's "check your email" step; anything else (a mail failure) its error page.
  if (!next?.pathname.endsWith("/verify-request")) throw unavailable("send the sign-in link");
}

/** Starts an OAuth sign-in; resolves to the provider's authorization URL for the browser. */
export async function startProviderSignIn(provider: "github" | "google", callbackUrl: string): Promise<string> {
  const next = await postToNextAuth(["signin", provider], { callbackUrl });
  // next-auth answers a refused or misconfigured provider with one of its own pages, on this app.
  const own = env().NEXTAUTH_URL;
  if (!next || next.origin === BASE || (own && next.origin === new URL(own).origin)) throw unavailable("start that sign-in");
  return next.toString();
}

/** Ends the session (next-auth deletes it from the database and clears its cookie). */
export async function endSession(): Promise<void> {
  if (!(await postToNextAuth(["signout"], { callbackUrl: "/" }))) throw unavailable("sign you out");
}
