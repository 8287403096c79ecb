// POST /api/v1/accounts/:id/payment_method - the PaymentMethod and mandate to charge the account with (pay by bank)
import { parseInput } from "@/server/errors/parse-input";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";
import { integrationPaymentMethod } from "@/server/integrations/payment-methods";

// A POST: an authorization Stripe had not confirmed yet is confirmed now (safe to retry, with or without an Idempotency-Key).
export const POST = v1Route<{ id: string }>("link", async ({ key, params, body }) => {
  const { id } = parseInput(operations.getPaymentMethod.params, params);
  parseInput(operations.getPaymentMethod.body, body);
  return { body: await integrationPaymentMethod(key.integrationId, id) };
});
