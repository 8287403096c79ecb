import "server-only";
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors/domain-error";
import { httpFormOf } from "@/lib/http/api-error";
import { clientAddress } from "@/lib/http/client-address";
import { NUL_MESSAGE } from "@/lib/http/nul-characters";
import { consumeRateLimit } from "@/lib/http/rate-limit";

/** The window of both sign-in email limits. */
export const SIGN_IN_EMAIL_WINDOW_SECONDS = 15 * 60;

/** next-auth's own normalisation of the address it mails (so `A@x.com ` and `a@x.com` count as one). */
export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.normalize("NFKC").trim().toLowerCase();
  const [local, domain, ...rest] = trimmed.split("@");
  if (!local || !domain || rest.length) return null;
  return `${local}@${domain.split(",")[0]}`;
}

/**
 * The gate in front of next-auth's "email me a link" (POST /api/auth/signin/email): a limit per
 * client address and one per email address, shared by every instance through the database. Over
 * either, a 429 with Retry-After before anything is mailed. Nothing here looks the address up, so
 * the answer is the same whether or not someone uses it. Null: go on to next-auth.
 */
export async function limitSignInEmail(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/signin/email")) return null;
  const form = await request.clone().formData().catch(() => null);
  const raw = form?.get("email");
  const email = typeof raw === "string" ? raw : "";
  if (email.includes("\u0000")) return refusal(new DomainError("invalid_input", `email: ${NUL_MESSAGE}`, { field: "email" }), request);
  const e = env();
  try {
    await consumeRateLimit("sign-in-email-client", clientAddress(request.headers), e.SIGN_IN_EMAILS_PER_CLIENT, SIGN_IN_EMAIL_WINDOW_SECONDS);
    const address = normalizeEmail(email);
    if (address) await consumeRateLimit("sign-in-email-address", address, e.SIGN_IN_EMAILS_PER_ADDRESS, SIGN_IN_EMAIL_WINDOW_SECONDS);
  } catch (error) {
    if (error instanceof DomainError && error.kind === "rate_limited") return refusal(error, request, "RateLimited");
    throw error;
  }
  return null;
}

/**
 * next-auth's client reads `url` from the answer (its `error` parameter becomes signIn()'s
 * `error`); the rest is this app's usual error body.
 */
function refusal(error: DomainError, request: Request, code = "EmailSignin"): Response {
  const { status, headers } = httpFormOf(error);
  const url = new URL("/signin", request.url);
  url.searchParams.set("error", code);
  return NextResponse.json(
    { url: url.toString(), error: { message: error.message, ...(error.field ? { field: error.field } : {}) } },
    { status, headers: { ...headers, "Cache-Control": "no-store" } },
  );
}
