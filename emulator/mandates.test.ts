// Pay by bank after setup: mandates lapsing (detach, FC disconnect, test helper) and setups that
// fail (test helper, account gone inactive), each with the events Stripe sends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { bankPaymentMethodData, eventTypesFor, linkedAccounts, onlineAcceptance, setUpBankAccount, startTestEmulator, stripeError, type TestEmulator } from "./test-support.js";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.emulator.close();
});

async function setUp(): Promise<{ customer: Stripe.Customer; accounts: Stripe.FinancialConnections.Account[]; si: Stripe.SetupIntent }> {
  const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"], accounts: ["checking", "savings"] });
  const si = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
  return { customer, accounts, si };
}

async function mandateUpdates(id: string): Promise<Stripe.Event[]> {
  const events = await t.stripe.events.list({ type: "mandate.updated", limit: 100 });
  return events.data.filter((e) => (e.data.object as Stripe.Mandate).id === id);
}

describe("mandates lapse", () => {
  it("when their PaymentMethod is detached", async () => {
    const { customer, si } = await setUp();
    const pmId = si.payment_method as string;
    const detached = await t.stripe.paymentMethods.detach(pmId);
    expect(detached).toMatchObject({ id: pmId, customer: null });
    expect((await t.stripe.mandates.retrieve(si.mandate as string)).status).toBe("inactive");
    const [update] = await mandateUpdates(si.mandate as string);
    expect(update?.data).toMatchObject({ object: { status: "inactive" }, previous_attributes: { status: "active" } });
    expect(update?.request?.id).toBe(detached.lastResponse.requestId);
    const detachedEvent = (await t.stripe.events.list({ type: "payment_method.detached" })).data.find((e) => (e.data.object as Stripe.PaymentMethod).id === pmId);
    expect(detachedEvent?.data.previous_attributes).toEqual({ customer: customer.id });
    expect((await t.stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
  });

  it("when their Financial Connections account is disconnected, and only theirs", async () => {
    const { customer, accounts, si } = await setUp();
    const other = await setUpBankAccount(t, customer.id, accounts[1]?.id ?? "");
    const res = await t.stripe.financialConnections.accounts.disconnect(accounts[0]?.id ?? "");
    expect((await t.stripe.mandates.retrieve(si.mandate as string)).status).toBe("inactive");
    expect((await t.stripe.mandates.retrieve(other.mandate as string)).status).toBe("active");
    const updates = await mandateUpdates(si.mandate as string);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.request?.id).toBe(res.lastResponse.requestId);
    // Disconnecting again changes nothing and sends nothing.
    await t.stripe.financialConnections.accounts.disconnect(accounts[0]?.id ?? "");
    expect(await mandateUpdates(si.mandate as string)).toHaveLength(1);
    // The PaymentMethod stays attached (Stripe does not detach it), but it cannot be set up again.
    expect((await t.stripe.paymentMethods.retrieve(si.payment_method as string)).customer).toBe(customer.id);
  });

  it("through the deactivate test helper", async () => {
    const { si } = await setUp();
    const r = await t.control(`/_emulator/test_helpers/mandates/${si.mandate}/deactivate`);
    expect(r).toMatchObject({ status: 200, json: { id: si.mandate, object: "mandate", status: "inactive" } });
    await t.control(`/_emulator/test_helpers/mandates/${si.mandate}/deactivate`);
    expect(await mandateUpdates(si.mandate as string)).toHaveLength(1);
    expect(await t.control("/_emulator/test_helpers/mandates/mandate_missing/deactivate")).toMatchObject({ status: 404, json: { error: { code: "resource_missing" } } });
  });
});

describe("setups fail", () => {
  it("when the test helper says so: requires_payment_method, last_setup_error, setup_intent.setup_failed; once", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const fca = accounts[0]?.id ?? "";
    const flag = await t.control(`/_emulator/test_helpers/accounts/${fca}/fail_next_setup`, { code: "account_closed" });
    expect(flag.status).toBe(200);
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(fca) });
    const pmId = si.payment_method as string;
    const err = await stripeError(t.stripe.setupIntents.confirm(si.id, { mandate_data: onlineAcceptance }));
    expect(err).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "account_closed" });
    expect(err.setup_intent).toMatchObject({ id: si.id, status: "requires_payment_method", payment_method: null });
    expect(err.payment_method?.id).toBe(pmId);

    const after = await t.stripe.setupIntents.retrieve(si.id, { expand: ["latest_attempt"] });
    expect(after).toMatchObject({ status: "requires_payment_method", payment_method: null, mandate: null, last_setup_error: { code: "account_closed", type: "invalid_request_error" } });
    expect(after.last_setup_error?.payment_method?.id).toBe(pmId);
    expect(after.latest_attempt as Stripe.SetupAttempt).toMatchObject({ status: "failed", setup_error: { code: "account_closed" } });
    expect(await eventTypesFor(t, si.id)).toEqual(["setup_intent.created", "setup_intent.setup_failed"]);
    expect((await t.stripe.paymentMethods.retrieve(pmId)).customer).toBeNull();

    // The flag is used up: confirming again with the account succeeds, and clears the error.
    const ok = await t.stripe.setupIntents.confirm(si.id, { payment_method_data: bankPaymentMethodData(fca), mandate_data: onlineAcceptance });
    expect(ok).toMatchObject({ status: "succeeded", last_setup_error: null });
    expect((await t.stripe.setupAttempts.list({ setup_intent: si.id })).data.map((a) => a.status)).toEqual(["succeeded", "failed"]);
  });

  it("in a create with confirm=true: the SetupIntent exists, failed", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const fca = accounts[0]?.id ?? "";
    await t.control(`/_emulator/test_helpers/accounts/${fca}/fail_next_setup`);
    const err = await stripeError(setUpBankAccount(t, customer.id, fca, {}));
    expect(err.code).toBe("bank_account_unusable");
    const id = (err.setup_intent as Stripe.SetupIntent).id;
    expect(await eventTypesFor(t, id)).toEqual(["setup_intent.created", "setup_intent.setup_failed"]);
    expect(await t.control(`/_emulator/test_helpers/accounts/${fca}/fail_next_setup`, { code: "Not A Code" })).toMatchObject({ status: 400 });
  });

  it("when the account was disconnected between create and confirm", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const fca = accounts[0]?.id ?? "";
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(fca) });
    await t.stripe.financialConnections.accounts.disconnect(fca);
    const err = await stripeError(t.stripe.setupIntents.confirm(si.id, { mandate_data: onlineAcceptance }));
    expect(err).toMatchObject({ statusCode: 400, code: "financial_connections_account_inactive" });
    expect((await t.stripe.setupIntents.retrieve(si.id)).status).toBe("requires_payment_method");
  });

  it("a failed confirmation replays under its idempotency key without failing twice", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const fca = accounts[0]?.id ?? "";
    await t.control(`/_emulator/test_helpers/accounts/${fca}/fail_next_setup`);
    const si = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(fca) });
    const key = `fail-${si.id}`;
    const a = await stripeError(t.stripe.setupIntents.confirm(si.id, { mandate_data: onlineAcceptance }, { idempotencyKey: key }));
    const b = await stripeError(t.stripe.setupIntents.confirm(si.id, { mandate_data: onlineAcceptance }, { idempotencyKey: key }));
    expect(b.code).toBe(a.code);
    expect(b.headers?.["idempotent-replayed"]).toBe("true");
    expect(await eventTypesFor(t, si.id)).toEqual(["setup_intent.created", "setup_intent.setup_failed"]);
  });
});

describe("webhooks", () => {
  it("deliver the pay-by-bank events signed like the others", async () => {
    const received: Stripe.Event[] = [];
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push(t.stripe.webhooks.constructEvent(body, String(req.headers["stripe-signature"]), t.emulator.webhookSecret));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    await t.control("/_emulator/webhooks/endpoints", { url });
    try {
      const { si } = await setUp();
      await t.stripe.paymentMethods.detach(si.payment_method as string);
      await t.control("/_emulator/webhooks/wait", { timeout_ms: 5000 });
      const types = received.filter((e) => [si.id, si.payment_method, si.mandate].includes((e.data.object as { id: string }).id)).map((e) => e.type);
      expect(types.sort()).toEqual(["mandate.updated", "payment_method.attached", "payment_method.detached", "setup_intent.created", "setup_intent.succeeded"]);
    } finally {
      await t.control("/_emulator/webhooks/endpoints", {}, "DELETE");
      await new Promise((r) => server.close(r));
    }
  });
});
