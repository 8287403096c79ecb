// Pay by bank, the refusals: each error Stripe gives (status, code, param), and that a refused
// request leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { bankPaymentMethodData, linkedAccounts, onlineAcceptance, setUpBankAccount, startTestEmulator, stripeError, type TestEmulator } from "./test-support.js";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.emulator.close();
});

const FCA_PARAM = "payment_method_data[us_bank_account][financial_connections_account]";

async function refusedSetup(customer: string, fca: string): Promise<Stripe.errors.StripeError> {
  const err = await stripeError(setUpBankAccount(t, customer, fca));
  // Checked before anything is made: no SetupIntent, no PaymentMethod.
  expect((await t.stripe.setupIntents.list({ customer })).data).toEqual([]);
  expect((await t.stripe.customers.listPaymentMethods(customer)).data).toEqual([]);
  return err;
}

describe("the Financial Connections account", () => {
  it("without the payment_method permission", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["balances", "transactions"] });
    const err = await refusedSetup(customer.id, accounts[0]?.id ?? "");
    expect(err).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "payment_method_invalid_parameter", param: FCA_PARAM });
    expect(err.message).toContain("`payment_method` permission");
  });

  it.each([
    ["a credit card", "test_institution", "credit_card"],
    ["a mortgage", "test_institution", "mortgage"],
    ["an account without us_bank_account support", "invalid_payment_accounts", "invalid_checking"],
  ])("that is %s", async (_label, institution, key) => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"], institution, accounts: [key] });
    const err = await refusedSetup(customer.id, accounts[0]?.id ?? "");
    expect(err).toMatchObject({ statusCode: 400, code: "financial_connections_account_unavailable_account_numbers", param: FCA_PARAM });
  });

  it.each(["disconnected", "inactive"])("that is %s", async (state) => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const id = accounts[0]?.id ?? "";
    if (state === "disconnected") await t.stripe.financialConnections.accounts.disconnect(id);
    else await t.control(`/_emulator/test_helpers/accounts/${id}/deactivate`);
    const err = await refusedSetup(customer.id, id);
    expect(err).toMatchObject({ statusCode: 400, code: "financial_connections_account_inactive", param: FCA_PARAM });
  });

  it("that belongs to another customer", async () => {
    const { accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const other = await t.stripe.customers.create({ name: "Someone Else" });
    const err = await refusedSetup(other.id, accounts[0]?.id ?? "");
    expect(err).toMatchObject({ statusCode: 400, code: "payment_method_invalid_parameter", param: FCA_PARAM });
  });

  it("that does not exist", async () => {
    const customer = await t.stripe.customers.create({});
    const err = await refusedSetup(customer.id, "fca_missing");
    expect(err).toMatchObject({ statusCode: 400, code: "resource_missing", param: FCA_PARAM });
  });
});

describe("parameters", () => {
  it("mandate_data is required to confirm, in one call or two", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const one = await stripeError(setUpBankAccount(t, customer.id, accounts[0]?.id ?? "", { mandate_data: undefined }));
    expect(one).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "mandate_data" });
    expect((await t.stripe.setupIntents.list({ customer: customer.id })).data).toEqual([]);
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? "") });
    const two = await stripeError(t.stripe.setupIntents.confirm(si.id));
    expect(two).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "mandate_data" });
    expect((await t.stripe.setupIntents.retrieve(si.id)).status).toBe("requires_confirmation");
    expect(await stripeError(t.stripe.setupIntents.confirm(si.id, { mandate_data: "" }))).toMatchObject({ code: "parameter_missing", param: "mandate_data" });
  });

  it("a confirmation needs a payment method", async () => {
    const customer = await t.stripe.customers.create({});
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"] });
    expect(await stripeError(t.stripe.setupIntents.confirm(si.id, { mandate_data: onlineAcceptance }))).toMatchObject({ statusCode: 400, code: "setup_intent_unexpected_state" });
  });

  it.each<[string, Partial<Stripe.SetupIntentCreateParams>, string, string | undefined]>([
    ["no billing name", { payment_method_data: { type: "us_bank_account", us_bank_account: { financial_connections_account: "FCA" } } }, "payment_method_data[billing_details][name]", "parameter_missing"],
    ["no account", { payment_method_data: { type: "us_bank_account", billing_details: { name: "J" } } }, FCA_PARAM, "parameter_missing"],
    ["a card", { payment_method_data: { type: "card" } as Stripe.SetupIntentCreateParams.PaymentMethodData }, "payment_method_data[type]", undefined],
    ["a type the SetupIntent does not allow", { allowed_payment_method_types: ["card"] }, "payment_method_data[type]", "payment_method_unsupported_type"],
    ["allowed types the account has not turned on", { allowed_payment_method_types: ["bitcoin"] }, "allowed_payment_method_types", "payment_method_unactivated"],
    ["payment_method_types on the current API version", { payment_method_types: ["us_bank_account"] } as Partial<Stripe.SetupIntentCreateParams>, "payment_method_types", "payment_method_types_no_longer_supported"],
    ["allowed types and automatic payment methods", { automatic_payment_methods: { enabled: true } }, "automatic_payment_methods", "parameters_exclusive"],
    ["a bad IP address", { mandate_data: { customer_acceptance: { type: "online", online: { ip_address: "not-an-ip", user_agent: "x" } } } }, "mandate_data[customer_acceptance][online][ip_address]", undefined],
    ["an online acceptance without details", { mandate_data: { customer_acceptance: { type: "online" } } }, "mandate_data[customer_acceptance][online]", "parameter_missing"],
    ["mandate_data without confirm", { confirm: false }, "mandate_data", undefined],
    ["an unknown customer", { customer: "cus_missing" }, "customer", "resource_missing"],
    ["an unknown PaymentMethod", { payment_method_data: undefined, payment_method: "pm_missing" }, "payment_method", "resource_missing"],
    ["FC permissions without payment_method", { payment_method_options: { us_bank_account: { financial_connections: { permissions: ["balances"] } } } }, "payment_method_options[us_bank_account][financial_connections][permissions]", undefined],
    ["an unknown parameter", { bogus: 1 } as Partial<Stripe.SetupIntentCreateParams>, "bogus", undefined],
  ])("refuses %s", async (_label, change, param, code) => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const fca = accounts[0]?.id ?? "";
    const patch = JSON.parse(JSON.stringify(change).replaceAll('"FCA"', JSON.stringify(fca))) as Record<string, unknown>;
    // JSON drops the `undefined` that unsets a default of setUpBankAccount: put it back.
    for (const [k, v] of Object.entries(change)) if (v === undefined) patch[k] = undefined;
    const err = await stripeError(setUpBankAccount(t, customer.id, fca, patch as Partial<Stripe.SetupIntentCreateParams>));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe(param);
    if (code) expect(err.code).toBe(code);
  });
});

describe("unknown ids", () => {
  it("are 404 resource_missing", async () => {
    for (const p of [t.stripe.setupIntents.retrieve("seti_missing"), t.stripe.paymentMethods.retrieve("pm_missing"), t.stripe.mandates.retrieve("mandate_missing"), t.stripe.setupIntents.cancel("seti_missing"), t.stripe.paymentMethods.detach("pm_missing")]) {
      expect(await stripeError(p)).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
    }
    expect(await stripeError(t.stripe.setupIntents.retrieve("seti_missing"))).toMatchObject({ message: "No such setupintent: 'seti_missing'" });
    expect(await stripeError(t.stripe.setupAttempts.list({ setup_intent: "seti_missing" }))).toMatchObject({ statusCode: 400, param: "setup_intent" });
  });

  it("a live key does not see test objects", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const si = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
    const live = new (t.stripe.constructor as typeof Stripe)("sk_live_emulator", { host: new URL(t.emulator.url).hostname, port: t.emulator.port, protocol: "http" });
    expect(await stripeError(live.setupIntents.retrieve(si.id))).toMatchObject({ statusCode: 404 });
    expect(await stripeError(live.mandates.retrieve(si.mandate as string))).toMatchObject({ statusCode: 404 });
  });
});

describe("detach", () => {
  it("refuses a PaymentMethod not attached to a customer", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(accounts[0]?.id ?? "") });
    const err = await stripeError(t.stripe.paymentMethods.detach(si.payment_method as string));
    expect(err).toMatchObject({ statusCode: 400, code: "payment_method_unexpected_state" });
    expect(err.message).toBe("The payment method you provided is not attached to a customer so detachment is impossible.");
  });

  it("a detached PaymentMethod cannot be used again", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const si = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
    await t.stripe.paymentMethods.detach(si.payment_method as string);
    const err = await stripeError(setUpBankAccount(t, customer.id, accounts[0]?.id ?? "", { payment_method_data: undefined, payment_method: si.payment_method as string }));
    expect(err).toMatchObject({ statusCode: 400, code: "payment_method_unexpected_state", param: "payment_method" });
    expect(await stripeError(t.stripe.paymentMethods.detach(si.payment_method as string))).toMatchObject({ code: "payment_method_unexpected_state" });
  });
});
