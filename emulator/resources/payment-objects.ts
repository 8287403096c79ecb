// Wire objects for "pay by bank": SetupIntent, SetupAttempt, PaymentMethod (us_bank_account) and
// Mandate. Like objects.ts, each builder returns the installed stripe package's type, and
// openapi-conformance.test.ts checks the output against Stripe's OpenAPI schemas too.
import type Stripe from "stripe";
import type { MandateRec, PaymentMethodRec, SetupAttemptRec, SetupIntentRec } from "../store/records.js";

const NO_ADDRESS = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

export function paymentMethodObject(pm: PaymentMethodRec): Stripe.PaymentMethod {
  const b = pm.billing_details;
  return {
    id: pm.id,
    object: "payment_method",
    allow_redisplay: pm.allow_redisplay,
    // Stripe returns an address of nulls, not null, when none was given.
    billing_details: { address: { ...NO_ADDRESS, ...(b.address ?? {}) }, email: b.email, name: b.name, phone: b.phone, tax_id: null },
    created: pm.created,
    customer: pm.customer,
    customer_account: null,
    livemode: pm.livemode,
    metadata: { ...pm.metadata },
    type: "us_bank_account",
    us_bank_account: {
      ...pm.us_bank_account,
      networks: { preferred: "ach", supported: ["ach"] },
      status_details: null,
    },
  };
}

export function mandateObject(m: MandateRec): Stripe.Mandate {
  const a = m.customer_acceptance;
  const customer_acceptance: Stripe.Mandate.CustomerAcceptance =
    a.type === "online" ? { accepted_at: a.accepted_at, online: { ...(a.online ?? { ip_address: null, user_agent: null }) }, type: "online" } : { accepted_at: a.accepted_at, offline: {}, type: "offline" };
  return {
    id: m.id,
    object: "mandate",
    customer_acceptance,
    livemode: m.livemode,
    multi_use: {},
    payment_method: m.payment_method,
    // `collection_method: "paper"` is only for mandates collected on paper; online ones have an empty hash.
    payment_method_details: { type: "us_bank_account", us_bank_account: {} },
    status: m.status,
    type: "multi_use",
  };
}

function paymentMethodOptions(si: SetupIntentRec): Stripe.SetupIntent.PaymentMethodOptions {
  const out: Stripe.SetupIntent.PaymentMethodOptions = {};
  if (si.payment_method_types.includes("card")) out.card = { mandate_options: null, network: null, request_three_d_secure: "automatic" };
  const o = si.us_bank_account_options;
  if (si.payment_method_types.includes("us_bank_account"))
    out.us_bank_account = {
      financial_connections: { permissions: [...(o?.permissions ?? ["payment_method"])], prefetch: [...(o?.prefetch ?? [])] },
      mandate_options: {},
      verification_method: o?.verification_method ?? "automatic",
    };
  return out;
}

export function setupIntentObject(si: SetupIntentRec): Stripe.SetupIntent {
  return {
    id: si.id,
    object: "setup_intent",
    allowed_payment_method_types: si.allowed_payment_method_types ? [...si.allowed_payment_method_types] : null,
    application: null,
    automatic_payment_methods: si.automatic_payment_methods ? { ...si.automatic_payment_methods } : null,
    cancellation_reason: si.cancellation_reason,
    client_secret: si.client_secret,
    created: si.created,
    customer: si.customer,
    description: si.description,
    excluded_payment_method_types: si.excluded_payment_method_types ? [...si.excluded_payment_method_types] : null,
    flow_directions: si.flow_directions ? [...si.flow_directions] : null,
    last_setup_error: si.last_setup_error as Stripe.SetupIntent.LastSetupError | null,
    latest_attempt: si.latest_attempt,
    livemode: si.livemode,
    mandate: si.mandate,
    metadata: { ...si.metadata },
    next_action: null,
    on_behalf_of: null,
    payment_method: si.payment_method,
    payment_method_configuration_details: null,
    payment_method_options: paymentMethodOptions(si),
    payment_method_types: [...si.payment_method_types],
    single_use_mandate: null,
    status: si.status,
    usage: si.usage,
  };
}

export function setupAttemptObject(a: SetupAttemptRec): Stripe.SetupAttempt {
  return {
    id: a.id,
    object: "setup_attempt",
    application: null,
    created: a.created,
    customer: a.customer,
    customer_account: null,
    flow_directions: a.flow_directions ? [...a.flow_directions] : null,
    livemode: a.livemode,
    on_behalf_of: null,
    payment_method: a.payment_method,
    payment_method_details: { type: "us_bank_account", us_bank_account: {} },
    setup_error: a.setup_error as Stripe.SetupAttempt.SetupError | null,
    setup_intent: a.setup_intent,
    status: a.status,
    usage: a.usage,
  };
}
