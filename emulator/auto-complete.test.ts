// Auto-complete: sessions created while it is on link their accounts at the first retrieve,
// as if the user finished the modal at once (load tests cannot drive the modal).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startTestEmulator, type TestEmulator } from "./test-support.js";

async function newSession(t: TestEmulator, limit?: number): Promise<Stripe.FinancialConnections.Session> {
  const customer = await t.stripe.customers.create({ email: "auto@example.com" });
  return t.stripe.financialConnections.sessions.create({
    account_holder: { type: "customer", customer: customer.id },
    permissions: ["balances", "payment_method"],
    ...(limit && { limits: { accounts: limit } }),
  });
}

describe("autoComplete option", () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ autoComplete: { institution: "test_institution", accounts: ["checking", "savings"] } });
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it("links the chosen accounts at the first retrieve, once", async () => {
    const created = await newSession(t);
    expect(created.accounts.data).toEqual([]);
    const first = await t.stripe.financialConnections.sessions.retrieve(created.id);
    expect(first.accounts.data.map((a) => [a.institution_name, a.subcategory, a.last4])).toEqual([
      ["Test Institution", "checking", "6789"],
      ["Test Institution", "savings", "4321"],
    ]);
    const again = await t.stripe.financialConnections.sessions.retrieve(created.id);
    expect(again.accounts.data.map((a) => a.id)).toEqual(first.accounts.data.map((a) => a.id));
    const events = await t.stripe.events.list({ type: "financial_connections.account.created", limit: 100 });
    const ids = first.accounts.data.map((a) => a.id);
    expect(events.data.filter((e) => ids.includes((e.data.object as Stripe.FinancialConnections.Account).id))).toHaveLength(2);
    const helper = await t.control(`/_emulator/test_helpers/sessions/${created.id}/complete`, {});
    expect(helper.status).toBe(400);
  });

  it("honours the session's account limit", async () => {
    const created = await newSession(t, 1);
    const retrieved = await t.stripe.financialConnections.sessions.retrieve(created.id);
    expect(retrieved.accounts.data.map((a) => a.subcategory)).toEqual(["checking"]);
  });

  it("is reported by GET and restored by reset", async () => {
    await t.control("/_emulator/auto_complete", undefined, "DELETE");
    expect((await t.control("/_emulator/auto_complete", undefined, "GET")).json).toEqual({ auto_complete: null });
    await t.control("/_emulator/reset");
    expect((await t.control("/_emulator/auto_complete", undefined, "GET")).json).toEqual({
      auto_complete: { institution: "test_institution", accounts: ["checking", "savings"] },
    });
  });
});

describe("/_emulator/auto_complete", () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it("is off by default: a retrieved session waits for the modal", async () => {
    expect((await t.control("/_emulator/auto_complete", undefined, "GET")).json).toEqual({ auto_complete: null });
    const created = await newSession(t);
    expect((await t.stripe.financialConnections.sessions.retrieve(created.id)).accounts.data).toEqual([]);
  });

  it("applies to sessions created while it is on, even after it is turned off", async () => {
    const before = await newSession(t);
    const set = await t.control("/_emulator/auto_complete", { institution: "test_institution", accounts: ["joint_checking"], count: 3 });
    expect(set).toEqual({ status: 200, json: { auto_complete: { institution: "test_institution", accounts: ["joint_checking"], count: 3 } } });
    const during = await newSession(t);
    await t.control("/_emulator/auto_complete", undefined, "DELETE");
    const after = await newSession(t);

    expect((await t.stripe.financialConnections.sessions.retrieve(before.id)).accounts.data).toEqual([]);
    expect((await t.stripe.financialConnections.sessions.retrieve(after.id)).accounts.data).toEqual([]);
    const linked = (await t.stripe.financialConnections.sessions.retrieve(during.id)).accounts.data;
    // Repeats of one template stay distinct bank accounts.
    expect(linked.map((a) => a.last4)).toEqual(["1357", "1364", "1371"]);
  });

  it("with distinct, links new bank accounts each session: institutions in turn, own last4s", async () => {
    await t.control("/_emulator/auto_complete", { accounts: ["checking", "savings"], distinct: true });
    const linked = [];
    for (let i = 0; i < 8; i++) linked.push((await t.stripe.financialConnections.sessions.retrieve((await newSession(t)).id)).accounts.data);
    await t.control("/_emulator/auto_complete", undefined, "DELETE");
    expect(linked.map((accounts) => accounts.length)).toEqual(linked.map(() => 2));
    const all = linked.flat();
    // Every account can carry the payment method the sessions ask for.
    expect(all.every((a) => a.supported_payment_method_types.includes("us_bank_account"))).toBe(true);
    expect(new Set(all.map((a) => `${a.institution_name}|${a.subcategory}|${a.last4}`)).size).toBe(all.length);
    expect(new Set(all.map((a) => a.institution_name)).size).toBeGreaterThan(3);
  });

  it.each([
    [{ institution: "down_bank_unscheduled" }, "institution"],
    [{ institution: "nope" }, "institution"],
    [{ accounts: ["brokerage"] }, "accounts"],
    [{ count: 0 }, "count"],
  ])("refuses %j", async (body, param) => {
    const r = await t.control("/_emulator/auto_complete", body);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { type: "invalid_request_error", param } });
    expect((await t.control("/_emulator/auto_complete", undefined, "GET")).json).toEqual({ auto_complete: null });
  });

  it("refuses a bad startEmulator option", async () => {
    await expect(startTestEmulator({ autoComplete: { institution: "nope" } })).rejects.toThrow(/cannot be linked/);
  });
});
