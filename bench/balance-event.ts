// A signed-delivery body for `financial_connections.account.refreshed_balance`, pretty-printed
// like Stripe's deliveries (the signature covers exactly these bytes). Shared by the webhook
// benchmarks.
import Stripe from "stripe";

export function refreshedBalanceEvent(input: { id: string; accountId: string; customerId: string; created: number; lastAttemptedAt: number }): string {
  return JSON.stringify(
    {
      id: input.id,
      object: "event",
      api_version: Stripe.API_VERSION,
      created: input.created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: "financial_connections.account.refreshed_balance",
      data: {
        object: {
          id: input.accountId,
          object: "financial_connections.account",
          account_holder: { type: "customer", customer: input.customerId },
          balance_refresh: { status: "succeeded", last_attempted_at: input.lastAttemptedAt, next_refresh_available_at: null },
          status: "active",
        },
      },
    },
    null,
    2,
  );
}
