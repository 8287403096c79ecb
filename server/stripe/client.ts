import "server-only";
import Stripe from "stripe";
import { env, fromEnv } from "@/server/env";
import { DomainError } from "@/server/errors/domain-error";
import { logger } from "@/server/log/logger";

/** Where stripe-node connects: STRIPE_API_BASE (the emulator), else api.stripe.com. */
export function stripeConnection(apiBase: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!apiBase) return {};
  const base = new URL(apiBase);
  return { host: base.hostname, port: Number(base.port || (base.protocol === "https:" ? 443 : 80)), protocol: base.protocol === "https:" ? "https" : "http" };
}

/**
 * The one stripe-node client. STRIPE_API_BASE points it at another server speaking
 * Stripe's API (the emulator); unset, it talks to api.stripe.com. Nothing else differs.
 */
export function stripe(): Stripe {
  const built = client();
  if (!built) throw new DomainError("unavailable", "Bank linking is not configured on this server (STRIPE_SECRET_KEY is unset).");
  return built;
}

const client = fromEnv(({ STRIPE_SECRET_KEY, STRIPE_API_BASE, STRIPE_TIMEOUT_MS }): Stripe | null => {
  if (!STRIPE_SECRET_KEY) return null;
  const built = new Stripe(STRIPE_SECRET_KEY, {
    // Retries reuse the idempotency key stripe-node sends on every POST, so a retried create
    // never makes a second object. Three tries of 8 s keep a stuck request under half a minute.
    maxNetworkRetries: 2,
    timeout: STRIPE_TIMEOUT_MS,
    appInfo: { name: "Linkwell", version: "0.1.0" },
    ...stripeConnection(STRIPE_API_BASE),
  });
  built.on("response", logStripeResponse);
  return built;
});

/**
 * One line per Stripe API call (retries included). stripe-node emits this inside the calling
 * request's async context, so the line carries our request_id next to Stripe's. The path loses
 * its query string: list calls filter by email.
 */
function logStripeResponse(event: Stripe.ResponseEvent): void {
  const fields = {
    stripe_request_id: event.request_id,
    method: event.method,
    path: event.path.split("?")[0],
    status: event.status,
    elapsed_ms: event.elapsed,
  };
  if (event.status < 300) logger("stripe").debug(fields, "Stripe API call");
  else logger("stripe").info(fields, "Stripe API call failed");
}

/** Test or live: which Stripe world a key (sk_live_…, pk_test_…, rk_live_…) belongs to. */
export function keyMode(key: string | undefined): "test" | "live" {
  return key?.includes("_live_") ? "live" : "test";
}

/** Test or live: which Stripe world the configured key belongs to. */
export function stripeMode(): "test" | "live" {
  return keyMode(env().STRIPE_SECRET_KEY);
}
