import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { isTransientDatabaseError } from "@/lib/db/transient-errors";
import { logger } from "@/lib/log/logger";
import { withRequestContext } from "@/lib/log/request-context";
import { findNul, NUL_MESSAGE } from "./nul-characters";
import { stripeFailureFields, stripeOutage } from "@/lib/stripe/stripe-errors";

/** An error a route handler may show to the caller as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
    /** The same request may succeed later (an upstream outage): the UI offers "Try again". */
    readonly retryable = false,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function jsonError(status: number, message: string, field?: string, headers?: Record<string, string>, retryable = false) {
  return NextResponse.json({ error: { message, ...(field ? { field } : {}), ...(retryable && { retryable }) } }, { status, headers });
}

/** Parses input with zod; the first problem becomes a 400 naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new ApiError(400, field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid input"), field);
}

/**
 * The one place errors become HTTP answers: known errors keep their status and message, an
 * unreachable database and a Stripe outage (classified by lib/stripe/stripe-errors.ts, which
 * knows no HTTP) are 503s worth retrying, anything else is a 500 with no internals (the details
 * go to the server log).
 */
export function toErrorResponse(error: unknown): NextResponse {
  if (error instanceof ApiError) return jsonError(error.status, error.message, error.field, error.headers, error.retryable);
  if (isTransientDatabaseError(error)) {
    logger("api").warn({ err: error }, "database unavailable");
    return jsonError(503, "We could not save that just now. Please try again in a moment.", undefined, { "Retry-After": "2" }, true);
  }
  const outage = stripeOutage(error);
  if (outage) {
    logger("api").warn(stripeFailureFields(error), "Stripe unavailable");
    return jsonError(503, outage.message, undefined, { "Retry-After": String(outage.retryAfterSeconds) }, true);
  }
  logger("api").error({ err: error, ...stripeFailureFields(error) }, "unhandled error");
  return jsonError(500, "Something went wrong on our side. Please try again.");
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
  const tooLarge = () => new ApiError(413, `Request body is larger than ${maxBytes} bytes`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const text = await readBodyText(request);
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, "Request body is not valid JSON");
  }
  const nul = findNul(parsed);
  if (nul) throw new ApiError(400, `${nul}: ${NUL_MESSAGE}`, nul);
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
    throw new ApiError(400, "The request body was cut off before it arrived");
  }
}
