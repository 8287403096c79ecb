import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { linkedAccounts, startTestEmulator, waitFor, type TestEmulator } from "./test-support.js";

let t: TestEmulator;
let customer: Stripe.Customer;
beforeAll(async () => {
  t = await startTestEmulator();
  customer = await t.stripe.customers.create({ email: "fc@example.com" });
});
afterAll(async () => {
  await t.emulator.close();
});

const holder = () => ({ type: "customer" as const, customer: customer.id });

describe("sessions", () => {
  it("creates and retrieves a session with Stripe's shape", async () => {
    const s = await t.stripe.financialConnections.sessions.create({
      account_holder: holder(),
      permissions: ["balances", "payment_method"],
      prefetch: ["balances"],
      filters: { countries: ["US"], account_subcategories: ["checking", "savings"] } as Stripe.FinancialConnections.SessionCreateParams.Filters,
      limits: { accounts: 2 },
      return_url: "myapp://fc-return",
    });
    expect(s.id).toMatch(/^fcsess_/);
    expect(s.client_secret).toMatch(/^fcsess_client_secret_/);
    expect(s).toMatchObject({
      object: "financial_connections.session",
      account_holder: { type: "customer", customer: customer.id },
      accounts: { object: "list", data: [], has_more: false, url: "/v1/financial_connections/accounts" },
      filters: { account_subcategories: ["checking", "savings"], country: "US" },
      limits: { accounts: 2 },
      permissions: ["balances", "payment_method"],
      prefetch: ["balances"],
      return_url: "myapp://fc-return",
      livemode: false,
    });
    const again = await t.stripe.financialConnections.sessions.retrieve(s.id, { expand: ["accounts"] });
    expect(again.id).toBe(s.id);
    await expect(t.stripe.financialConnections.sessions.retrieve("fcsess_nope")).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it.each([
    [{ account_holder: undefined, permissions: ["balances"] }, "account_holder", "Missing required param: account_holder."],
    [{ account_holder: { type: "customer", customer: "x" } }, "permissions", "Missing required param: permissions."],
    [{ account_holder: { type: "person" }, permissions: ["balances"] }, "account_holder[type]", undefined],
    [{ account_holder: { type: "customer" }, permissions: ["balances"] }, "account_holder[customer]", undefined],
    [{ account_holder: { type: "customer", customer: "cus_missing" }, permissions: ["balances"] }, "account_holder[customer]", "No such customer: 'cus_missing'"],
    [{ permissions: ["balance"] }, "permissions[0]", "Invalid permissions[0]: must be one of balances, ownership, payment_method, or transactions"],
    [{ permissions: ["balances"], prefetch: ["ownership"] }, "prefetch", undefined],
    [{ permissions: ["balances"], limits: { accounts: 0 } }, "limits[accounts]", undefined],
    [{ permissions: ["balances"], limits: { accounts: 101 } }, "limits[accounts]", undefined],
    [{ permissions: ["balances"], return_url: "not a url" }, "return_url", undefined],
    [{ permissions: ["balances"], filters: { account_subcategories: ["brokerage"] } }, "filters[account_subcategories][0]", undefined],
    [{ permissions: ["balances"], bogus: 1 }, "bogus", "Received unknown parameter: bogus"],
  ])("rejects %j on %s", async (params, param, message) => {
    const full = { account_holder: holder(), ...params } as unknown as Stripe.FinancialConnections.SessionCreateParams;
    const err = await t.stripe.financialConnections.sessions.create(full).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err?.statusCode).toBe(400);
    expect(err?.param).toBe(param);
    if (message) expect(err?.message).toBe(message);
  });
});

describe("accounts", () => {
  it("lists by account holder and by session, and retrieves", async () => {
    const { session, accounts, customer: c } = await linkedAccounts(t);
    expect(accounts).toHaveLength(2);
    const [a] = accounts;
    expect(a?.id).toMatch(/^fca_/);
    expect(a).toMatchObject({ object: "financial_connections.account", institution_name: "Test Institution", status: "active", account_holder: { type: "customer", customer: c.id } });
    const byHolder = await t.stripe.financialConnections.accounts.list({ account_holder: { customer: c.id } });
    expect(byHolder.data.map((x) => x.id).sort()).toEqual(accounts.map((x) => x.id).sort());
    const bySession = await t.stripe.financialConnections.accounts.list({ session: session.id, limit: 1 });
    expect(bySession.data).toHaveLength(1);
    expect(bySession.has_more).toBe(true);
    const got = await t.stripe.financialConnections.accounts.retrieve(a?.id ?? "", { expand: ["account_holder.customer"] });
    expect((got.account_holder?.customer as Stripe.Customer).email).toBe("jenny@example.com");
    const created = await t.stripe.events.list({ type: "financial_connections.account.created" });
    expect(created.data.some((e) => (e.data.object as { id: string }).id === a?.id)).toBe(true);
  });

  it("refreshes: pending, then succeeded with data and an event", async () => {
    const { accounts } = await linkedAccounts(t);
    const id = accounts[0]?.id ?? "";
    const r = await t.stripe.financialConnections.accounts.refresh(id, { features: ["balance", "ownership"] });
    expect(r.balance_refresh?.status).toBe("pending");
    expect(r.balance_refresh?.next_refresh_available_at).toBeNull();
    expect(r.ownership_refresh?.status).toBe("pending");
    const done = await waitFor(async () => {
      const x = await t.stripe.financialConnections.accounts.retrieve(id);
      return x.balance_refresh?.status === "succeeded" && x.ownership_refresh?.status === "succeeded" ? x : null;
    });
    expect(done.balance?.type).toBe("cash");
    expect(done.balance?.current.usd).toBeGreaterThan(0);
    expect(done.balance?.cash?.available?.usd).toBeLessThanOrEqual(done.balance?.current.usd ?? 0);
    expect(typeof done.balance_refresh?.next_refresh_available_at).toBe("number");
    expect(done.ownership).toMatch(/^fcaowns_/);
    const owners = await t.stripe.financialConnections.accounts.listOwners(id, { ownership: done.ownership as string });
    expect(owners.data[0]).toMatchObject({ object: "financial_connections.account_owner", name: "Jenny Rosen", ownership: done.ownership });
    const withOwnership = await t.stripe.financialConnections.accounts.retrieve(id, { expand: ["ownership"] });
    expect((withOwnership.ownership as Stripe.FinancialConnections.AccountOwnership).owners.data).toHaveLength(1);
    const ev = await t.stripe.events.list({ types: ["financial_connections.account.refreshed_balance"] });
    expect(ev.data.some((e) => (e.data.object as { id: string }).id === id)).toBe(true);
    // Same account id, same data: the balance is generated from the id and refresh number.
    const again = await t.stripe.financialConnections.accounts.retrieve(id);
    expect(again.balance?.current).toEqual(done.balance?.current);
  });

  it("fails the next refresh on request, and refuses refreshes without permission or when inactive", async () => {
    const { accounts } = await linkedAccounts(t, { permissions: ["balances", "transactions"] });
    const id = accounts[0]?.id ?? "";
    await t.control(`/_emulator/test_helpers/accounts/${id}/fail_next_refresh`, { features: ["balance"] });
    await t.stripe.financialConnections.accounts.refresh(id, { features: ["balance"] });
    const failed = await waitFor(async () => {
      const x = await t.stripe.financialConnections.accounts.retrieve(id);
      return x.balance_refresh?.status === "failed" ? x : null;
    });
    expect(failed.balance).toBeNull();
    await expect(t.stripe.financialConnections.accounts.refresh(id, { features: ["ownership"] })).rejects.toMatchObject({ statusCode: 400, param: "features" });
    await expect(t.stripe.financialConnections.accounts.refresh(id, { features: ["everything" as "balance"] })).rejects.toMatchObject({ param: "features[0]" });
    await t.control(`/_emulator/test_helpers/accounts/${id}/deactivate`);
    await expect(t.stripe.financialConnections.accounts.refresh(id, { features: ["balance"] })).rejects.toMatchObject({ statusCode: 400 });
    await t.control(`/_emulator/test_helpers/accounts/${id}/reactivate`);
    const ok = await t.stripe.financialConnections.accounts.refresh(id, { features: ["balance"] });
    expect(ok.balance_refresh?.status).toBe("pending");
    const types = (await t.stripe.events.list({ type: "financial_connections.account.*", limit: 100 })).data
      .filter((e) => (e.data.object as { id: string }).id === id)
      .map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["financial_connections.account.deactivated", "financial_connections.account.reactivated", "financial_connections.account.refreshed_balance"]));
  });

  it("subscribes to transactions, lists and filters them, and unsubscribes", async () => {
    const { accounts } = await linkedAccounts(t, { permissions: ["transactions"] });
    const id = accounts[0]?.id ?? "";
    const sub = await t.stripe.financialConnections.accounts.subscribe(id, { features: ["transactions"] });
    expect(sub.subscriptions).toEqual(["transactions"]);
    expect(sub.transaction_refresh?.status).toBe("pending");
    expect(sub.transaction_refresh?.id).toMatch(/^fctxnref_/);
    const done = await waitFor(async () => {
      const x = await t.stripe.financialConnections.accounts.retrieve(id);
      return x.transaction_refresh?.status === "succeeded" ? x : null;
    });
    const all = await t.stripe.financialConnections.transactions.list({ account: id, limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(all.length).toBeGreaterThan(30);
    const oldest = Math.min(...all.map((x) => x.transacted_at));
    expect(Date.now() / 1000 - oldest).toBeLessThanOrEqual(90 * 86400);
    expect(Date.now() / 1000 - oldest).toBeGreaterThan(80 * 86400);
    const first = all[0];
    expect(first).toMatchObject({ object: "financial_connections.transaction", account: id, currency: "usd", transaction_refresh: done.transaction_refresh?.id });
    expect((await t.stripe.financialConnections.transactions.retrieve(first?.id ?? "")).id).toBe(first?.id);
    const since = Math.floor(Date.now() / 1000) - 10 * 86400;
    const recent = await t.stripe.financialConnections.transactions.list({ account: id, transacted_at: { gte: since }, limit: 100 });
    expect(recent.data.every((x) => x.transacted_at >= since)).toBe(true);
    expect(recent.data.length).toBeLessThan(all.length);
    const none = await t.stripe.financialConnections.transactions.list({ account: id, transaction_refresh: { after: done.transaction_refresh?.id ?? "" } });
    expect(none.data).toEqual([]);
    await expect(t.stripe.financialConnections.transactions.list({} as Stripe.FinancialConnections.TransactionListParams)).rejects.toMatchObject({ param: "account" });
    const unsub = await t.stripe.financialConnections.accounts.unsubscribe(id, { features: ["transactions"] });
    expect(unsub.subscriptions).toEqual([]);
  });

  it("disconnects an account with an event", async () => {
    const { accounts } = await linkedAccounts(t);
    const id = accounts[1]?.id ?? "";
    const d = await t.stripe.financialConnections.accounts.disconnect(id);
    expect(d.status).toBe("disconnected");
    const ev = await t.stripe.events.list({ type: "financial_connections.account.disconnected" });
    const e = ev.data.find((x) => (x.data.object as { id: string }).id === id);
    expect(e?.request?.id).toBe(d.lastResponse.requestId);
    expect((await t.stripe.events.retrieve(e?.id ?? "")).id).toBe(e?.id);
    await expect(t.stripe.financialConnections.accounts.retrieve("fca_missing")).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("reports an upcoming deactivation in status_details", async () => {
    const { accounts } = await linkedAccounts(t);
    const id = accounts[0]?.id ?? "";
    await t.control(`/_emulator/test_helpers/accounts/${id}/upcoming_deactivation`, { days: 3 });
    const a = await t.stripe.financialConnections.accounts.retrieve(id);
    expect(a.status_details?.active?.action).toBe("relink_required");
    expect(a.status_details?.active?.expected_deactivation_date).toBeGreaterThan(Date.now() / 1000 + 2 * 86400);
  });
});
