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
    return retryable("Stripe is busy right now. Please try again in a few seconds.", 5);
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    (error.statusCode !== undefined && error.statusCode >= 500)
  ) {
    return retryable("We could not reach Stripe just now. Please try again.", 2);
  }
  return null;
}

function retryable(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(503, message, undefined, { "Retry-After": String(retryAfterSeconds) }, true);
}

/**
 * A Stripe failure as fields of a log line: type, code, status and Stripe's request id (how
 * Stripe support finds the call). Empty for other errors. Never a key or a client_secret.
 */
export function stripeFailureFields(error: unknown): Record<string, string | number> {
  if (!(error instanceof Stripe.errors.StripeError)) return {};
  const fields = {
    stripe_error_type: error.type,
    stripe_error_code: error.code,
    stripe_status: error.statusCode,
    stripe_request_id: error.requestId,
    stripe_message: error.message,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string | number>;
}
