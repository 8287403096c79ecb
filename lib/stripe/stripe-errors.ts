import "server-only";
import Stripe from "stripe";
import { ApiError } from "@/lib/http/api-error";

/**
 * Turns a Stripe failure into what the user should see. Outages, rate limits and timeouts are
 * worth retrying (stripe-node already retried them twice), so they become 503 with Retry-After
 * and say that nothing was saved. Anything else is our bug or our configuration: null, and the
 * caller answers a plain 500 and logs it.
 */
export function apiErrorFromStripe(error: unknown): ApiError | null {
  if (!(error instanceof Stripe.errors.StripeError)) return null;
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return retryable("Stripe is busy right now. Nothing was changed; please try again in a few seconds.", 5);
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    (error.statusCode !== undefined && error.statusCode >= 500)
  ) {
    return retryable("We could not reach Stripe just now. Nothing was changed; please try again.", 2);
  }
  return null;
}

function retryable(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(503, message, undefined, { "Retry-After": String(retryAfterSeconds) }, true);
}

/** One secret-free line for the log: type, code, status and Stripe's request id. */
export function describeStripeFailure(error: unknown): string {
  if (!(error instanceof Stripe.errors.StripeError)) return error instanceof Error ? error.message : String(error);
  const parts = [error.type, error.code, error.statusCode, error.requestId].filter((p) => p !== undefined && p !== null);
  return `${parts.join(" ")}: ${error.message}`;
}
