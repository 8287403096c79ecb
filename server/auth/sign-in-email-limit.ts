import "server-only";
import { NextResponse } from "next/server";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors/domain-error";
import { httpFormOf } from "@/server/http/api-error";
import { clientAddress } from "@/server/http/client-address";
import { NUL_MESSAGE } from "@/server/http/nul-characters";
import { consumeRateLimit } from "@/server/http/rate-limit";

/** What a person is told over either limit: the same whether or not the address has an account. */
export const SIGN_IN_RATE_LIMITED = "Too many sign-in links were asked for. Please wait a few minutes, then try again.";

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
  try {
    await countSignInEmail(email, clientAddress(request.headers));
  } catch (error) {
    if (error instanceof DomainError && error.kind === "rate_limited") return refusal(error, request, "RateLimited");
    throw error;
  }
  return null;
}

/**
 * Counts one sign-in email against both limits (the client's and the address's); over either,
 * a "rate_limited" error. Also used by the sign-in form's server action, which asks next-auth
 * for the link itself rather than through the route above.
 */
export async function countSignInEmail(email: string, client: string): Promise<void> {
  const e = env();
  await consumeRateLimit("sign-in-email-client", client, e.SIGN_IN_EMAILS_PER_CLIENT, SIGN_IN_EMAIL_WINDOW_SECONDS);
  const address = normalizeEmail(email);
  if (address) await consumeRateLimit("sign-in-email-address", address, e.SIGN_IN_EMAILS_PER_ADDRESS, SIGN_IN_EMAIL_WINDOW_SECONDS);
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
