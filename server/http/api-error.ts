import "server-only";
import { NextResponse } from "next/server";
import { isTransientDatabaseError } from "@/server/db/transient-errors";
import { DomainError, type ErrorKind } from "@/server/errors/domain-error";
import { logger } from "@/server/log/logger";
import { withRequestContext } from "@/server/log/request-context";
import { findNul, NUL_MESSAGE } from "./nul-characters";
import { stripeFailureFields, stripeOutage } from "@/server/stripe/stripe-errors";

/** The HTTP status of each kind of domain failure. */
const STATUS: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** The status and headers a domain error is answered with (also for answers shaped otherwise). */
export function httpFormOf(error: DomainError): { status: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (error.challenge === "bearer") headers["WWW-Authenticate"] = 'Bearer realm="linkwell"';
  return { status: STATUS[error.kind], headers };
}

export function jsonError(status: number, message: string, field?: string, headers?: Record<string, string>, retryable = false) {
  return NextResponse.json({ error: { message, ...(field ? { field } : {}), ...(retryable && { retryable }) } }, { status, headers });
}

export type DescribedError = { status: number; message: string; field?: string; headers: Record<string, string>; retryable: boolean };

/**
 * The one place errors become answers (a route's JSON, a server action's form state): domain
 * errors by their kind, with their message; an unreachable database and a Stripe outage
 * (classified by server/stripe/stripe-errors.ts, which knows no HTTP) are 503s worth retrying;
 * anything else is a 500 with no internals (the details go to the server log).
 */
export function describeError(error: unknown): DescribedError {
  if (error instanceof DomainError) {
    const { status, headers } = httpFormOf(error);
    return { status, message: error.message, field: error.field, headers, retryable: error.retryable };
  }
  if (isTransientDatabaseError(error)) {
    logger("api").warn({ err: error }, "database unavailable");
    return { status: 503, message: "We could not save that just now. Please try again in a moment.", headers: { "Retry-After": "2" }, retryable: true };
  }
  const outage = stripeOutage(error);
  if (outage) {
    logger("api").warn(stripeFailureFields(error), "Stripe unavailable");
    return { status: 503, message: outage.message, headers: { "Retry-After": String(outage.retryAfterSeconds) }, retryable: true };
  }
  logger("api").error({ err: error, ...stripeFailureFields(error) }, "unhandled error");
  return { status: 500, message: "Something went wrong on our side. Please try again.", headers: {}, retryable: false };
}

export function toErrorResponse(error: unknown): NextResponse {
  const { status, message, field, headers, retryable } = describeError(error);
  return jsonError(status, message, field, headers, retryable);
}

/** Wraps a route handler so thrown errors become JSON answers, and its log lines carry the request id. */
export function withErrors<Args extends [Request, ...unknown[]]>(handler: (...args: Args) => Promise<Response>) {
  return withRequestContext(async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return toErrorResponse(error);
    }
  });
}

/** Reads a JSON body; broken JSON is the caller's mistake, not a 500. */
export async function readJson(request: Request, maxBytes = 64 * 1024): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw bodyTooLarge(maxBytes);
  return parseJsonBody(await readBodyText(request), maxBytes);
}

const bodyTooLarge = (maxBytes: number) => new DomainError("too_large", `Request body is larger than ${maxBytes} bytes`);

/** A body already read as text, parsed as readJson does (empty is `{}`). */
export function parseJsonBody(text: string, maxBytes = 64 * 1024): unknown {
  if (Buffer.byteLength(text) > maxBytes) throw bodyTooLarge(maxBytes);
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError("invalid_input", "Request body is not valid JSON");
  }
  const nul = findNul(parsed);
  if (nul) throw new DomainError("invalid_input", `${nul}: ${NUL_MESSAGE}`, { field: nul });
  return parsed;
}

/**
 * The raw body. A client that hangs up while sending it (a timed-out webhook sender, a closed
 * tab) is told so, and the log does not mistake the reset for a database failure.
 */
export async function readBodyText(request: Request): Promise<string> {
  try {
    return await request.text();
  } catch {
    throw new DomainError("invalid_input", "The request body was cut off before it arrived");
  }
}
