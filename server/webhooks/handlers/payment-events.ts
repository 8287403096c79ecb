import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/server/db/client";
import { applyPaymentChanges } from "@/server/payments/apply-payment-state";
import { detachRevoked } from "@/server/payments/detach-revoked";
import { readSetupFacts } from "@/server/payments/stripe-setup-facts";
import type { HandlerContext, HandlerResult } from "@/server/webhooks/types";

/** Stripe's events about pay-by-bank objects that change an authorization's state. */
export const PAYMENT_EVENT_TYPES = [
  "setup_intent.succeeded",
  "setup_intent.setup_failed",
  "setup_intent.canceled",
  "setup_intent.requires_action",
  "mandate.updated",
  "payment_method.detached",
] as const;

/**
 * Every payment event is handled the same way: find our authorization by the object's id (a
 * SetupIntent we have not stored yet by the authorization id in its metadata), read the
 * SetupIntent with its mandate and PaymentMethod from Stripe now, and store that. The read is
 * Stripe's newest state and applyPaymentChanges never lets an older read win, so duplicates
 * and any arrival order end in the same row. Objects that are not ours are ignored.
 */
export async function handlePaymentEvent({ event }: HandlerContext): Promise<HandlerResult> {
  const authorization = await findAuthorization(event);
  if (!authorization) return { state: "ignored", note: "not one of our payment authorizations" };
  const setupIntentId = authorization.stripeSetupIntentId ?? (event.type.startsWith("setup_intent.") ? (event.data.object as Stripe.SetupIntent).id : null);
  if (!setupIntentId) return { state: "ignored", note: "the authorization has no SetupIntent yet" };
  const { facts, fetchedAt } = await readSetupFacts(setupIntentId);
  if (authorization.revokedAt && facts.paymentMethodAttached) {
    // Revoked while its setup was still running: what the setup attached is detached now.
    await detachRevoked({ id: authorization.id, stripeSetupIntentId: setupIntentId, stripePaymentMethodId: facts.stripePaymentMethodId });
    return { state: "processed", note: "revoked meanwhile: detached" };
  }
  return { state: "processed", apply: (tx) => applyPaymentChanges(tx, authorization.id, { ...facts, stripeSetupIntentId: setupIntentId }, fetchedAt) };
}

function findAuthorization(event: Stripe.Event) {
  const select = { id: true, stripeSetupIntentId: true, revokedAt: true };
  if (event.type.startsWith("setup_intent.")) {
    const si = event.data.object as Stripe.SetupIntent;
    const ours = si.metadata?.linkwell_payment_authorization_id;
    return prisma.paymentAuthorization.findFirst({ where: { OR: [{ stripeSetupIntentId: si.id }, ...(ours ? [{ id: ours, stripeSetupIntentId: null }] : [])] }, select });
  }
  if (event.type === "mandate.updated") {
    const mandate = event.data.object as Stripe.Mandate;
    const pm = typeof mandate.payment_method === "string" ? mandate.payment_method : mandate.payment_method.id;
    return prisma.paymentAuthorization.findFirst({ where: { OR: [{ stripeMandateId: mandate.id }, { stripePaymentMethodId: pm }] }, select });
  }
  const pm = event.data.object as Stripe.PaymentMethod;
  return prisma.paymentAuthorization.findFirst({ where: { stripePaymentMethodId: pm.id }, select });
}
