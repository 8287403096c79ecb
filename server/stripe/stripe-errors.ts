import "server-only";
import Stripe from "stripe";

/** A Stripe failure worth retrying: what to tell the person, and when to try again. */
export interface StripeOutage {
  message: string;
  retryAfterSeconds: number;
}

/**
 * Classifies a Stripe failure. Outages, rate limits and timeouts are worth retrying (stripe-node
 * already retried them twice): an outage, whose message says that nothing was saved; the HTTP
 * edge (server/http/api-error.ts) answers it with 503 and Retry-After. Anything else is our bug or
 * our configuration: null, and the edge answers a plain 500 and logs it. This module knows no
 * HTTP, so the edge depends on it and never the other way round.
 */
export function stripeOutage(error: unknown): StripeOutage | null {
  if (!(error instanceof Stripe.errors.StripeError)) return null;
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return { message: "Stripe is busy right now. Please try again in a few seconds.", retryAfterSeconds: 5 };
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    (error.statusCode !== undefined && error.statusCode >= 500)
  ) {
    return { message: "We could not reach Stripe just now. Please try again.", retryAfterSeconds: 2 };
  }
  return null;
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
