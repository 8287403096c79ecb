import "server-only";
import type Stripe from "stripe";
import { stripe } from "@/server/stripe/client";

/** What we keep of Stripe's SetupIntent, its PaymentMethod and mandate (PaymentAuthorization columns). */
export type SetupFacts = {
  stripeSetupIntentId: string;
  setupIntentStatus: string;
  stripePaymentMethodId: string | null;
  paymentMethodAttached: boolean;
  stripeMandateId: string | null;
  mandateStatus: string | null;
  failureCode: string | null;
  failureMessage: string | null;
};

/** Expanded on every SetupIntent we create or read, so one call carries all three objects. */
export const SETUP_EXPAND = ["mandate", "payment_method"];

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/**
 * The facts of a SetupIntent read with SETUP_EXPAND. A PaymentMethod or mandate left as an id
 * (not expanded) says nothing of its state: the caller reads them again rather than guess.
 */
export function setupFacts(si: Stripe.SetupIntent): SetupFacts {
  const pm = typeof si.payment_method === "object" ? si.payment_method : null;
  const mandate = typeof si.mandate === "object" ? si.mandate : null;
  return {
    stripeSetupIntentId: si.id,
    setupIntentStatus: si.status,
    stripePaymentMethodId: idOf(si.payment_method),
    paymentMethodAttached: Boolean(pm?.customer),
    stripeMandateId: idOf(si.mandate),
    mandateStatus: mandate?.status ?? null,
    failureCode: si.last_setup_error?.code ?? null,
    failureMessage: si.last_setup_error?.message ?? null,
  };
}

/** Stripe's current SetupIntent with its PaymentMethod and mandate, and when the read started. */
export async function readSetupFacts(setupIntentId: string): Promise<{ facts: SetupFacts; fetchedAt: Date }> {
  const fetchedAt = new Date();
  const si = await stripe().setupIntents.retrieve(setupIntentId, { expand: SETUP_EXPAND });
  return { facts: setupFacts(si), fetchedAt };
}
