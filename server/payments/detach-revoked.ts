import "server-only";
import Stripe from "stripe";
import { prisma } from "@/server/db/client";
import type { PaymentAuthorization } from "@/server/db/generated/prisma/client";
import { stripe } from "@/server/stripe/client";
import { applyPaymentChanges } from "./apply-payment-state";
import { readSetupFacts } from "./stripe-setup-facts";

type Ending = Pick<PaymentAuthorization, "id" | "stripeSetupIntentId" | "stripePaymentMethodId">;

/**
 * Ends a revoked authorization at Stripe, from Stripe's current state rather than our copy (a
 * confirmation may have finished since we last looked): an attached PaymentMethod is detached,
 * which makes its mandate inactive; a setup still in progress is canceled where Stripe allows it
 * (one that goes on to succeed is detached when its event arrives). What Stripe then says is
 * stored. Safe to repeat.
 */
export async function detachRevoked(authorization: Ending): Promise<PaymentAuthorization | null> {
  if (!authorization.stripeSetupIntentId) return null;
  const before = await readSetupFacts(authorization.stripeSetupIntentId);
  if (before.facts.stripePaymentMethodId && before.facts.paymentMethodAttached) {
    await detachUnlessDone(before.facts.stripePaymentMethodId);
  } else if (CANCELABLE.has(before.facts.setupIntentStatus)) {
    await stripe().setupIntents.cancel(authorization.stripeSetupIntentId);
  }
  const after = await readSetupFacts(authorization.stripeSetupIntentId);
  return prisma.$transaction((tx) => applyPaymentChanges(tx, authorization.id, after.facts, after.fetchedAt));
}

/** SetupIntent states Stripe lets a caller cancel from. */
const CANCELABLE = new Set(["requires_payment_method", "requires_confirmation", "requires_action"]);

/** Detaches; a PaymentMethod detached meanwhile (by another request, or at Stripe) is what we wanted. */
async function detachUnlessDone(paymentMethodId: string): Promise<void> {
  try {
    await stripe().paymentMethods.detach(paymentMethodId);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    const pm = await stripe().paymentMethods.retrieve(paymentMethodId);
    if (pm.customer) throw error;
  }
}
