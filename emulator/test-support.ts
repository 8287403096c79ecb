// Shared setup for the emulator's tests: an in-memory emulator on a random port and a stripe-node
// client pointed at it exactly the way the app configures one (host/port/protocol).
import Stripe from "stripe";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "./server.js";

export interface TestEmulator {
  emulator: RunningEmulator;
  stripe: Stripe;
  /** POST to a control endpoint with a JSON body. */
  control(path: string, body?: unknown, method?: string): Promise<{ status: number; json: Record<string, unknown> }>;
}

export function stripeFor(url: string, key = "sk_test_emulator", maxNetworkRetries = 0): Stripe {
  const u = new URL(url);
  return new Stripe(key, { host: u.hostname, port: Number(u.port), protocol: "http", maxNetworkRetries });
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 40, webhookRetryBaseMs: 50, webhookRetryMaxMs: 200, ...options });
  return {
    emulator,
    stripe: stripeFor(emulator.url),
    control: async (path, body, method = "POST") => {
      const res = await fetch(emulator.url + path, {
        method,
        headers: { "content-type": "application/json" },
        body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
  };
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 5000, stepMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Creates a customer and a session, then links accounts through the test helper (no browser). */
export async function linkedAccounts(
  t: TestEmulator,
  opts: { permissions?: Stripe.FinancialConnections.SessionCreateParams.Permission[]; prefetch?: Stripe.FinancialConnections.SessionCreateParams.Prefetch[]; institution?: string; accounts?: string[] } = {},
): Promise<{ customer: Stripe.Customer; session: Stripe.FinancialConnections.Session; accounts: Stripe.FinancialConnections.Account[] }> {
  const customer = await t.stripe.customers.create({ email: "jenny@example.com", name: "Jenny Rosen" });
  const session = await t.stripe.financialConnections.sessions.create({
    account_holder: { type: "customer", customer: customer.id },
    permissions: opts.permissions ?? ["balances", "ownership", "transactions", "payment_method"],
    prefetch: opts.prefetch,
  });
  const r = await t.control(`/_emulator/test_helpers/sessions/${session.id}/complete`, {
    institution: opts.institution ?? "test_institution",
    accounts: opts.accounts ?? ["checking", "savings"],
  });
  if (r.status !== 200) throw new Error(`complete failed: ${JSON.stringify(r.json)}`);
  const s = await t.stripe.financialConnections.sessions.retrieve(session.id);
  return { customer, session: s, accounts: s.accounts.data };
}

// ---- pay by bank (SetupIntents on FC accounts) ----

export const onlineAcceptance = {
  customer_acceptance: { type: "online" as const, online: { ip_address: "203.0.113.7", user_agent: "Mozilla/5.0 (emulator test)" } },
};

export function bankPaymentMethodData(fca: string, name = "Jenny Rosen"): Stripe.SetupIntentCreateParams.PaymentMethodData {
  return { type: "us_bank_account", us_bank_account: { financial_connections_account: fca }, billing_details: { name } };
}

/** Creates and confirms (one call) a SetupIntent for `customer` on FC account `fca`. */
export function setUpBankAccount(t: TestEmulator, customer: string, fca: string, extra: Partial<Stripe.SetupIntentCreateParams> = {}): Promise<Stripe.Response<Stripe.SetupIntent>> {
  return t.stripe.setupIntents.create({
    customer,
    allowed_payment_method_types: ["us_bank_account"],
    payment_method_data: bankPaymentMethodData(fca),
    mandate_data: onlineAcceptance,
    confirm: true,
    ...extra,
  });
}

/** The error a Stripe call rejects with (fails the test if it resolves). */
export async function stripeError(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  return p.then(
    (v) => {
      throw new Error(`expected a Stripe error, got ${JSON.stringify(v).slice(0, 200)}`);
    },
    (e: Stripe.errors.StripeError) => e,
  );
}

/** Types of the events about object `id`, oldest first. */
export async function eventTypesFor(t: TestEmulator, id: string): Promise<string[]> {
  const all = await t.stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 2000 });
  return all
    .filter((e) => (e.data.object as { id?: string }).id === id)
    .reverse()
    .map((e) => e.type);
}
