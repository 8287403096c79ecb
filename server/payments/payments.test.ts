// Pay by bank through the app's own code against the emulator: an account becomes a reusable
// us_bank_account PaymentMethod with an active mandate, is revoked, follows its account's
// status and Stripe's events (duplicates and late arrivals included), and refusals are stored
// with Stripe's reason and leave no second authorization behind.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/action-state";
import type { CurrentUser } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { startHarness, type Harness } from "@/test/webhook-harness";
import { authorizePaymentsAction, revokePaymentsAction } from "./actions";
import { authorizeAccountForPayments, confirmAcceptedAuthorization, type Acceptance } from "./authorize-account";
import { reprocessWebhookEvent } from "@/server/webhooks/reprocess-webhook-event";
import { revokePaymentAuthorization } from "./revoke-authorization";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => signedIn.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const ACCEPTANCE: Acceptance = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (test)", at: new Date(), source: "account_page" };

async function linked(accounts: string[]) {
  const { user } = await h.linkAccounts(`pay-${randomUUID()}@example.com`, accounts);
  await h.settle();
  const rows = await prisma.linkedAccount.findMany({ where: { userId: user.id } });
  const byName = Object.fromEntries(rows.map((r) => [r.displayName, r]));
  return { user, byName };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("authorizing an account for payments", () => {
  it("makes a reusable PaymentMethod with an active mandate from the accepted terms, once however often it is pressed", { timeout: 60_000 }, async () => {
    const { user, byName } = await linked(["checking"]);
    const account = byName.Checking!;

    const [first, second] = await Promise.all([
      authorizeAccountForPayments(user.id, account.id, ACCEPTANCE),
      authorizeAccountForPayments(user.id, account.id, ACCEPTANCE),
    ]);
    expect(first.state).toBe("active");
    expect(second.id).toBe(first.id);
    expect(await prisma.paymentAuthorization.count({ where: { linkedAccountId: account.id } })).toBe(1);

    // What Stripe holds: one SetupIntent for the customer, succeeded, with the acceptance given.
    const customer = await prisma.stripeCustomer.findFirstOrThrow({ where: { userId: user.id } });
    const intents = await h.stripeGet<{ data: Stripe.SetupIntent[] }>(`/v1/setup_intents?customer=${customer.stripeCustomerId}`);
    expect(intents.data).toHaveLength(1);
    expect(intents.data[0]!.status).toBe("succeeded");
    const mandate = await h.stripeGet<Stripe.Mandate>(`/v1/mandates/${first.stripeMandateId}`);
    expect(mandate.status).toBe("active");
    expect(mandate.customer_acceptance.online).toEqual({ ip_address: "203.0.113.7", user_agent: "Mozilla/5.0 (test)" });
    const pm = await h.stripeGet<Stripe.PaymentMethod>(`/v1/payment_methods/${first.stripePaymentMethodId}`);
    expect(pm.customer).toBe(customer.stripeCustomerId);
    expect(pm.us_bank_account?.financial_connections_account).toBe(account.stripeAccountId);

    // Stripe's own events about it change nothing more (and are ours, not ignored).
    await h.settle();
    const after = await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: first.id } });
    expect(after).toMatchObject({ state: "active", mandateStatus: "active", paymentMethodAttached: true, acceptedIp: "203.0.113.7" });
    const events = await prisma.webhookEvent.findMany({ where: { type: "setup_intent.succeeded", stripeObjectId: first.stripeSetupIntentId! } });
    expect(events.map((e) => e.state)).toEqual(["processed"]);
    expect(await prisma.auditLog.count({ where: { action: "payments.authorize", targetId: account.id } })).toBe(1);
  });

  it("refuses accounts Stripe cannot debit, saying why, and writes nothing", async () => {
    const { user, byName } = await linked(["checking", "credit_card"]);
    const card = byName["Credit Card"]!;
    await expect(authorizeAccountForPayments(user.id, card.id, ACCEPTANCE)).rejects.toMatchObject({ kind: "conflict", code: "not_a_bank_account" });
    await expect(authorizeAccountForPayments(`not-${user.id}`, byName.Checking!.id, ACCEPTANCE)).rejects.toMatchObject({ kind: "not_found" });
    expect(await prisma.paymentAuthorization.count({ where: { linkedAccount: { userId: user.id } } })).toBe(0);
  });

  it("stores a bank's refusal as failed with its reason, and a new acceptance can try again", { timeout: 60_000 }, async () => {
    const { user, byName } = await linked(["savings"]);
    const savings = byName.Savings!;
    await h.control(`/_emulator/test_helpers/accounts/${savings.stripeAccountId}/fail_next_setup`, { code: "bank_account_unusable" });
    await expect(authorizeAccountForPayments(user.id, savings.id, ACCEPTANCE)).rejects.toMatchObject({ kind: "conflict" });
    const failed = await prisma.paymentAuthorization.findFirstOrThrow({ where: { linkedAccountId: savings.id } });
    expect(failed).toMatchObject({ state: "failed", stateReason: "setup_failed" });
    expect(failed.failureMessage).toBeTruthy();

    await h.settle();
    expect((await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: failed.id } })).state).toBe("failed");
    const retried = await authorizeAccountForPayments(user.id, savings.id, ACCEPTANCE);
    expect(retried.id).not.toBe(failed.id);
    expect(retried.state).toBe("active");
  });

  it("the form action takes the address and browser from the request, and names the box when it was not ticked", async () => {
    const { user, byName } = await linked(["checking"]);
    signedIn.user = { id: user.id, email: user.email, name: null, role: "user" } as CurrentUser;
    request.headers = new Headers({ "x-linkwell-peer-address": "::ffff:198.51.100.4", "user-agent": "Playwright/1.0" });
    const unticked = await authorizePaymentsAction(IDLE, form({ accountId: byName.Checking!.id }));
    expect(unticked).toMatchObject({ status: "error", field: "accept" });
    expect(await prisma.paymentAuthorization.count({ where: { linkedAccountId: byName.Checking!.id } })).toBe(0);

    const done = await authorizePaymentsAction(IDLE, form({ accountId: byName.Checking!.id, accept: "yes" }));
    expect(done).toEqual({ status: "done", message: "Ready for payments." });
    const stored = await prisma.paymentAuthorization.findFirstOrThrow({ where: { linkedAccountId: byName.Checking!.id } });
    expect(stored).toMatchObject({ acceptedIp: "198.51.100.4", acceptedUserAgent: "Playwright/1.0", source: "account_page" });

    const unconfirmed = await revokePaymentsAction(IDLE, form({ accountId: byName.Checking!.id }));
    expect(unconfirmed).toMatchObject({ status: "error", field: "confirm" });
    expect(await revokePaymentsAction(IDLE, form({ accountId: byName.Checking!.id, confirm: "yes" }))).toMatchObject({ status: "done" });
    signedIn.user = null;
  });
});

describe("an authorization's life", () => {
  it("revoking detaches the PaymentMethod and the mandate goes inactive; late and repeated events keep it revoked", { timeout: 60_000 }, async () => {
    const { user, byName } = await linked(["checking"]);
    const authorization = await authorizeAccountForPayments(user.id, byName.Checking!.id, ACCEPTANCE);
    await h.settle();
    const succeeded = await h.eventsOf("setup_intent.succeeded", authorization.stripeSetupIntentId!);

    const revoked = await revokePaymentAuthorization({ kind: "user", userId: user.id }, byName.Checking!.id);
    expect(revoked).toMatchObject({ state: "revoked", paymentMethodAttached: false, mandateStatus: "inactive" });
    expect((await h.stripeGet<Stripe.PaymentMethod>(`/v1/payment_methods/${authorization.stripePaymentMethodId}`)).customer).toBeNull();
    await expect(revokePaymentAuthorization({ kind: "user", userId: user.id }, byName.Checking!.id)).rejects.toMatchObject({ kind: "not_found" });

    // Stripe's events of the revocation, then the old success delivered again: still revoked.
    await h.settle();
    const answer = await h.deliver(await h.stripeEvent(succeeded[0]!.id));
    expect(answer.status).toBe(200);
    await h.settle();
    expect((await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: authorization.id } })).state).toBe("revoked");
  });

  it("follows the mandate and the account: inactive when either stops, ready again when the account comes back", { timeout: 60_000 }, async () => {
    const { user, byName } = await linked(["checking", "savings"]);
    const checking = await authorizeAccountForPayments(user.id, byName.Checking!.id, ACCEPTANCE);
    const savings = await authorizeAccountForPayments(user.id, byName.Savings!.id, ACCEPTANCE);
    const state = async (id: string) => prisma.paymentAuthorization.findUniqueOrThrow({ where: { id }, select: { state: true, stateReason: true } });

    await h.control(`/_emulator/test_helpers/mandates/${checking.stripeMandateId}/deactivate`);
    await h.settle();
    expect(await state(checking.id)).toEqual({ state: "inactive", stateReason: "mandate_inactive" });

    await h.control(`/_emulator/test_helpers/accounts/${byName.Savings!.stripeAccountId}/deactivate`);
    await h.settle();
    expect(await state(savings.id)).toEqual({ state: "inactive", stateReason: "account_inactive" });
    await h.control(`/_emulator/test_helpers/accounts/${byName.Savings!.stripeAccountId}/reactivate`);
    await h.settle();
    expect(await state(savings.id)).toEqual({ state: "active", stateReason: null });
  });

  it("ignores events about SetupIntents that are not ours", async () => {
    const { user } = await linked(["checking"]);
    const customer = await prisma.stripeCustomer.findFirstOrThrow({ where: { userId: user.id } });
    const response = await fetch(`${h.emulator.url}/v1/setup_intents`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_webhook_harness", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ customer: customer.stripeCustomerId, "allowed_payment_method_types[]": "us_bank_account" }),
    });
    const si = (await response.json()) as Stripe.SetupIntent;
    await fetch(`${h.emulator.url}/v1/setup_intents/${si.id}/cancel`, { method: "POST", headers: { authorization: "Bearer sk_test_webhook_harness" } });
    await h.settle();
    const events = await prisma.webhookEvent.findMany({ where: { type: "setup_intent.canceled", stripeObjectId: si.id } });
    expect(events.map((e) => [e.state, e.error])).toEqual([["ignored", "not one of our payment authorizations"]]);
  });

  it("a setup that finishes after the person revoked is detached when Stripe's event arrives", { timeout: 60_000 }, async () => {
    const { user, byName } = await linked(["checking"]);
    const authorization = await authorizeAccountForPayments(user.id, byName.Checking!.id, ACCEPTANCE);
    await h.settle();
    // As if the revocation had landed while Stripe was still confirming: revoked here, attached there.
    await prisma.paymentAuthorization.update({ where: { id: authorization.id }, data: { revokedAt: new Date(), state: "revoked" } });
    // Its setup_intent.succeeded, handled (again) now.
    const stored = await prisma.webhookEvent.findFirstOrThrow({ where: { type: "setup_intent.succeeded", stripeObjectId: authorization.stripeSetupIntentId! } });
    expect(await reprocessWebhookEvent(stored.id)).toMatchObject({ state: "processed" });
    await h.settle();
    expect((await h.stripeGet<Stripe.PaymentMethod>(`/v1/payment_methods/${authorization.stripePaymentMethodId}`)).customer).toBeNull();
    expect(await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: authorization.id } })).toMatchObject({ state: "revoked", paymentMethodAttached: false, mandateStatus: "inactive" });
  });

  it("a pending authorization whose SetupIntent is known is read back, never created twice", { timeout: 60_000 }, async () => {
    const { user, byName } = await linked(["checking"]);
    const authorization = await authorizeAccountForPayments(user.id, byName.Checking!.id, ACCEPTANCE);
    await h.settle();
    // Our copy fell behind Stripe (the answer was lost): pending here, succeeded there.
    await prisma.paymentAuthorization.update({ where: { id: authorization.id }, data: { state: "pending", setupIntentStatus: "processing", syncedAt: new Date(0) } });
    const again = await confirmAcceptedAuthorization(byName.Checking!.id);
    expect(again).toMatchObject({ id: authorization.id, state: "active", stripeSetupIntentId: authorization.stripeSetupIntentId });
    const customer = await prisma.stripeCustomer.findFirstOrThrow({ where: { userId: user.id } });
    expect((await h.stripeGet<{ data: Stripe.SetupIntent[] }>(`/v1/setup_intents?customer=${customer.stripeCustomerId}`)).data).toHaveLength(1);
  });

  it("revoking ends every authorization that could still debit the account", { timeout: 60_000 }, async () => {
    const { user, byName } = await linked(["checking"]);
    const first = await authorizeAccountForPayments(user.id, byName.Checking!.id, ACCEPTANCE);
    // An older authorization left attached (its state says otherwise): revoke must not miss it.
    await prisma.paymentAuthorization.update({ where: { id: first.id }, data: { state: "failed", createdAt: new Date(Date.now() - 60_000) } });
    const second = await authorizeAccountForPayments(user.id, byName.Checking!.id, ACCEPTANCE);
    expect(second.id).not.toBe(first.id);
    await revokePaymentAuthorization({ kind: "user", userId: user.id }, byName.Checking!.id);
    for (const a of [first, second]) {
      expect((await h.stripeGet<Stripe.PaymentMethod>(`/v1/payment_methods/${a.stripePaymentMethodId}`)).customer).toBeNull();
      expect((await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: a.id } })).state).toBe("revoked");
    }
    const audit = await prisma.auditLog.findMany({ where: { action: "payments.revoke", targetId: byName.Checking!.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.metadata).toMatchObject({ authorization_ids: [second.id, first.id], by: "user" });
  });
});
