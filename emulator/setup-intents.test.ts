// Pay by bank, the happy paths: SetupIntents on Financial Connections accounts through stripe-node.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import {
  bankPaymentMethodData,
  eventTypesFor,
  linkedAccounts,
  onlineAcceptance,
  setUpBankAccount,
  startTestEmulator,
  stripeError,
  type TestEmulator,
} from "./test-support.js";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.emulator.close();
});

const link = () => linkedAccounts(t, { permissions: ["payment_method", "balances"], accounts: ["checking", "savings"] });

describe("create and confirm", () => {
  it("in one call: succeeded, with an attached us_bank_account PaymentMethod and an active mandate", async () => {
    const { customer, accounts } = await link();
    const fca = accounts[0]?.id ?? "";
    const si = await setUpBankAccount(t, customer.id, fca, { metadata: { order: "42" } });
    expect(si.id).toMatch(/^seti_/);
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_[A-Za-z0-9]+$`));
    expect(si).toMatchObject({
      object: "setup_intent",
      status: "succeeded",
      customer: customer.id,
      usage: "off_session",
      payment_method_types: ["us_bank_account"],
      allowed_payment_method_types: ["us_bank_account"],
      automatic_payment_methods: null,
      next_action: null,
      last_setup_error: null,
      cancellation_reason: null,
      livemode: false,
      metadata: { order: "42" },
      payment_method_options: { us_bank_account: { verification_method: "automatic", financial_connections: { permissions: ["payment_method"], prefetch: [] } } },
    });
    expect(si.payment_method).toMatch(/^pm_/);
    expect(si.mandate).toMatch(/^mandate_/);
    expect(si.latest_attempt).toMatch(/^setatt_/);

    const pm = await t.stripe.paymentMethods.retrieve(si.payment_method as string);
    expect(pm).toMatchObject({
      object: "payment_method",
      type: "us_bank_account",
      customer: customer.id,
      livemode: false,
      billing_details: { name: "Jenny Rosen", email: null, phone: null, address: { line1: null, country: null }, tax_id: null },
      us_bank_account: {
        account_holder_type: "individual",
        account_type: "checking",
        bank_name: "TEST INSTITUTION",
        financial_connections_account: fca,
        last4: accounts[0]?.last4,
        routing_number: "110000000",
        networks: { preferred: "ach", supported: ["ach"] },
        status_details: null,
      },
    });
    expect(pm.us_bank_account?.fingerprint).toMatch(/^[\w-]{16}$/);

    const mandate = await t.stripe.mandates.retrieve(si.mandate as string);
    expect(mandate).toMatchObject({
      object: "mandate",
      type: "multi_use",
      status: "active",
      payment_method: pm.id,
      multi_use: {},
      payment_method_details: { type: "us_bank_account", us_bank_account: {} },
      customer_acceptance: { type: "online", online: onlineAcceptance.customer_acceptance.online },
    });
    expect(Math.abs((mandate.customer_acceptance.accepted_at ?? 0) - Date.now() / 1000)).toBeLessThan(60);

    expect(await eventTypesFor(t, si.id)).toEqual(["setup_intent.created", "setup_intent.succeeded"]);
    expect(await eventTypesFor(t, pm.id)).toEqual(["payment_method.attached"]);
    const created = (await t.stripe.events.list({ type: "setup_intent.created", limit: 100 })).data.find((e) => (e.data.object as Stripe.SetupIntent).id === si.id);
    expect(created?.request?.id).toBe(si.lastResponse.requestId);
  });

  it("in two calls: requires_confirmation with an unattached PaymentMethod, then succeeded", async () => {
    const { customer, accounts } = await link();
    const savings = accounts[1]?.id ?? "";
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(savings) });
    expect(si.status).toBe("requires_confirmation");
    expect(si.mandate).toBeNull();
    expect(si.latest_attempt).toBeNull();
    const before = await t.stripe.paymentMethods.retrieve(si.payment_method as string);
    expect(before.customer).toBeNull();
    expect(before.us_bank_account?.account_type).toBe("savings");

    const accepted_at = Math.floor(Date.now() / 1000) - 30;
    const done = await t.stripe.setupIntents.confirm(si.id, { mandate_data: { customer_acceptance: { ...onlineAcceptance.customer_acceptance, accepted_at } } });
    expect(done).toMatchObject({ id: si.id, status: "succeeded", payment_method: before.id });
    expect((await t.stripe.paymentMethods.retrieve(before.id)).customer).toBe(customer.id);
    expect((await t.stripe.mandates.retrieve(done.mandate as string)).customer_acceptance.accepted_at).toBe(accepted_at);
  });

  it("from requires_payment_method, confirming with payment_method_data; automatic payment methods by default", async () => {
    const { customer, accounts } = await link();
    const si = await t.stripe.setupIntents.create({ customer: customer.id });
    expect(si).toMatchObject({
      status: "requires_payment_method",
      payment_method: null,
      automatic_payment_methods: { enabled: true, allow_redirects: "always" },
      allowed_payment_method_types: null,
      payment_method_types: ["card", "us_bank_account"],
    });
    const done = await t.stripe.setupIntents.confirm(si.id, { payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? ""), mandate_data: onlineAcceptance });
    expect(done.status).toBe("succeeded");
  });

  it("narrows allowed_payment_method_types to what the account has on; excluded types leave the rest", async () => {
    const { customer } = await link();
    const narrowed = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account", "sepa_debit"] });
    expect(narrowed).toMatchObject({ payment_method_types: ["us_bank_account"], allowed_payment_method_types: ["us_bank_account", "sepa_debit"], automatic_payment_methods: null });
    const excluded = await t.stripe.setupIntents.create({ customer: customer.id, excluded_payment_method_types: ["card"] });
    expect(excluded).toMatchObject({ payment_method_types: ["us_bank_account"], excluded_payment_method_types: ["card"], automatic_payment_methods: { enabled: true } });
  });

  it("takes payment_method_types on API versions before 2026-09-30.endive, as the 2023 spec has it", async () => {
    const { customer, accounts } = await link();
    const old = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: t.emulator.port, protocol: "http", apiVersion: "2025-03-31.basil" as Stripe.LatestApiVersion });
    const params = {
      customer: customer.id,
      payment_method_types: ["us_bank_account"],
      payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? ""),
      mandate_data: onlineAcceptance,
      confirm: true,
    } as unknown as Stripe.SetupIntentCreateParams;
    const si = await old.setupIntents.create(params);
    expect(si).toMatchObject({ status: "succeeded", payment_method_types: ["us_bank_account"], allowed_payment_method_types: null, automatic_payment_methods: null });
    expect(si.lastResponse.headers["stripe-version"]).toBe("2025-03-31.basil");
    const unknown = await stripeError(old.setupIntents.create({ ...params, payment_method_types: ["us_bank_account", "bitcoin"] } as Stripe.SetupIntentCreateParams));
    expect(unknown).toMatchObject({ statusCode: 400, code: "payment_method_unactivated", param: "payment_method_types[1]" });
    // The current version refuses the parameter, as Stripe does since 2026-09-30.endive.
    const refused = await stripeError(t.stripe.setupIntents.create(params));
    expect(refused).toMatchObject({ statusCode: 400, code: "payment_method_types_no_longer_supported", param: "payment_method_types" });
  });

  it("accepts an offline acceptance and a company account holder", async () => {
    const { customer, accounts } = await link();
    const si = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "", {
      payment_method_data: { ...bankPaymentMethodData(accounts[0]?.id ?? "", "Rosen LLC"), us_bank_account: { financial_connections_account: accounts[0]?.id ?? "", account_holder_type: "company" } },
      mandate_data: { customer_acceptance: { type: "offline" } },
    });
    const mandate = await t.stripe.mandates.retrieve(si.mandate as string, { expand: ["payment_method"] });
    expect(mandate.customer_acceptance).toMatchObject({ type: "offline", offline: {} });
    expect((mandate.payment_method as Stripe.PaymentMethod).us_bank_account?.account_holder_type).toBe("company");
  });
});

describe("retrieve, expand and list", () => {
  it("expands mandate, payment_method, latest_attempt and customer; lists attempts", async () => {
    const { customer, accounts } = await link();
    const si = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
    const got = await t.stripe.setupIntents.retrieve(si.id, { expand: ["mandate", "payment_method", "latest_attempt", "customer"] });
    expect((got.mandate as Stripe.Mandate).object).toBe("mandate");
    expect((got.payment_method as Stripe.PaymentMethod).us_bank_account?.financial_connections_account).toBe(accounts[0]?.id);
    expect(got.latest_attempt as Stripe.SetupAttempt).toMatchObject({ object: "setup_attempt", status: "succeeded", setup_intent: si.id, payment_method: si.payment_method, setup_error: null });
    expect((got.customer as Stripe.Customer).email).toBe("jenny@example.com");
    const nested = await t.stripe.setupIntents.retrieve(si.id, { expand: ["mandate.payment_method"] });
    expect(((nested.mandate as Stripe.Mandate).payment_method as Stripe.PaymentMethod).object).toBe("payment_method");
    const attempts = await t.stripe.setupAttempts.list({ setup_intent: si.id });
    expect(attempts.data.map((a) => a.id)).toEqual([si.latest_attempt]);
    const listed = await t.stripe.setupIntents.list({ customer: customer.id, expand: ["data.payment_method"] });
    expect(listed.data.map((x) => x.id)).toEqual([si.id]);
    expect((listed.data[0]?.payment_method as Stripe.PaymentMethod).id).toBe(si.payment_method);
    const err = await stripeError(t.stripe.setupIntents.retrieve(si.id, { expand: ["usage"] }));
    expect(err).toMatchObject({ statusCode: 400, param: "expand" });
  });

  it("lists a customer's PaymentMethods both ways, by type", async () => {
    const { customer, accounts } = await link();
    const a = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
    const b = await setUpBankAccount(t, customer.id, accounts[1]?.id ?? "");
    const ids = [b.payment_method, a.payment_method];
    const viaCustomer = await t.stripe.customers.listPaymentMethods(customer.id, { type: "us_bank_account" });
    expect(viaCustomer.data.map((pm) => pm.id)).toEqual(ids);
    expect(viaCustomer.url).toBe(`/v1/customers/${customer.id}/payment_methods`);
    const viaList = await t.stripe.paymentMethods.list({ customer: customer.id, type: "us_bank_account" });
    expect(viaList.data.map((pm) => pm.id)).toEqual(ids);
    expect((await t.stripe.customers.listPaymentMethods(customer.id, { type: "card" })).data).toEqual([]);
    const page = await t.stripe.customers.listPaymentMethods(customer.id, { limit: 1 });
    expect(page.has_more).toBe(true);
    const one = await t.stripe.customers.retrievePaymentMethod(customer.id, a.payment_method as string);
    expect(one.id).toBe(a.payment_method);
    const other = await t.stripe.customers.create({ email: "other@example.com" });
    expect(await stripeError(t.stripe.customers.retrievePaymentMethod(other.id, a.payment_method as string))).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(await stripeError(t.stripe.customers.listPaymentMethods("cus_missing"))).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("cancel", () => {
  it("cancels from requires_payment_method and requires_confirmation, not from canceled or succeeded", async () => {
    const { customer, accounts } = await link();
    const open = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"] });
    const canceled = await t.stripe.setupIntents.cancel(open.id, { cancellation_reason: "abandoned" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    expect(await eventTypesFor(t, open.id)).toEqual(["setup_intent.created", "setup_intent.canceled"]);
    expect(await stripeError(t.stripe.setupIntents.cancel(open.id))).toMatchObject({ statusCode: 400, code: "setup_intent_unexpected_state" });
    const confirmErr = await stripeError(t.stripe.setupIntents.confirm(open.id, { payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? ""), mandate_data: onlineAcceptance }));
    expect(confirmErr).toMatchObject({ statusCode: 400, code: "setup_intent_unexpected_state" });

    const pending = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? "") });
    expect((await t.stripe.setupIntents.cancel(pending.id)).cancellation_reason).toBeNull();

    const done = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
    const err = await stripeError(t.stripe.setupIntents.cancel(done.id));
    expect(err).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "setup_intent_unexpected_state" });
    expect(err.message).toContain("status of succeeded");
    expect(await stripeError(t.stripe.setupIntents.confirm(done.id, { mandate_data: onlineAcceptance }))).toMatchObject({ code: "setup_intent_unexpected_state" });
  });
});

describe("idempotency", () => {
  it("replays a create with the same key, refuses the key with other parameters", async () => {
    const { customer, accounts } = await link();
    const params: Stripe.SetupIntentCreateParams = {
      customer: customer.id,
      allowed_payment_method_types: ["us_bank_account"],
      payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? ""),
      mandate_data: onlineAcceptance,
      confirm: true,
    };
    const idempotencyKey = `seti-${Date.now()}`;
    const first = await t.stripe.setupIntents.create(params, { idempotencyKey });
    const again = await t.stripe.setupIntents.create(params, { idempotencyKey });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(await eventTypesFor(t, first.id)).toEqual(["setup_intent.created", "setup_intent.succeeded"]);
    expect((await t.stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1);
    const err = await stripeError(t.stripe.setupIntents.create({ ...params, metadata: { x: "1" } }, { idempotencyKey }));
    expect(err).toMatchObject({ statusCode: 400, type: "StripeIdempotencyError" });
    const created = (await t.stripe.events.list({ type: "setup_intent.created", limit: 100 })).data.find((e) => (e.data.object as Stripe.SetupIntent).id === first.id);
    expect(created?.request?.idempotency_key).toBe(idempotencyKey);
  });

  it("replays a confirm and a detach without doing them twice", async () => {
    const { customer, accounts } = await link();
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? "") });
    const key = `confirm-${si.id}`;
    const a = await t.stripe.setupIntents.confirm(si.id, { mandate_data: onlineAcceptance }, { idempotencyKey: key });
    const b = await t.stripe.setupIntents.confirm(si.id, { mandate_data: onlineAcceptance }, { idempotencyKey: key });
    expect(b.mandate).toBe(a.mandate);
    const pm = a.payment_method as string;
    await t.stripe.paymentMethods.detach(pm, {}, { idempotencyKey: `detach-${pm}` });
    const replay = await t.stripe.paymentMethods.detach(pm, {}, { idempotencyKey: `detach-${pm}` });
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(await eventTypesFor(t, pm)).toEqual(["payment_method.attached", "payment_method.detached"]);
  });
});
