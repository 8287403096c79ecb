import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startTestEmulator, stripeFor, type TestEmulator } from "./test-support.js";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.emulator.close();
});

describe("customers through stripe-node", () => {
  it("creates, retrieves, updates and deletes a customer", async () => {
    const c = await t.stripe.customers.create({ email: "a@example.com", name: "Ann", metadata: { user_id: "u1", drop: "x" } });
    expect(c.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(c.object).toBe("customer");
    expect(c.livemode).toBe(false);
    expect(c.lastResponse.requestId).toMatch(/^req_/);

    const got = await t.stripe.customers.retrieve(c.id);
    expect(got).toMatchObject({ id: c.id, email: "a@example.com", name: "Ann", metadata: { user_id: "u1", drop: "x" } });

    const upd = await t.stripe.customers.update(c.id, { name: "Ann B", metadata: { drop: "", added: "y" } });
    expect(upd.name).toBe("Ann B");
    expect(upd.metadata).toEqual({ user_id: "u1", added: "y" });

    const del = await t.stripe.customers.del(c.id);
    expect(del).toMatchObject({ id: c.id, object: "customer", deleted: true });
    const after = await t.stripe.customers.retrieve(c.id);
    expect(after.deleted).toBe(true);
    await expect(t.stripe.customers.update(c.id, { name: "x" })).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });

    const events = await t.stripe.events.list({ type: "customer.*", limit: 100 });
    const mine = events.data.filter((e) => (e.data.object as { id?: string }).id === c.id).map((e) => e.type);
    expect(mine).toEqual(["customer.deleted", "customer.updated", "customer.created"]);
    const updated = events.data.find((e) => e.type === "customer.updated" && (e.data.object as { id?: string }).id === c.id);
    expect(updated?.data.previous_attributes).toMatchObject({ name: "Ann" });
    expect(updated?.request?.id).toMatch(/^req_/);
  });

  it("lists with the email filter and cursor pagination", async () => {
    const email = `page-${Date.now()}@example.com`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.stripe.customers.create({ email })).id);
    await t.stripe.customers.create({ email: "other@example.com" });
    const newest = [...ids].reverse();

    const p1 = await t.stripe.customers.list({ email, limit: 2 });
    expect(p1.object).toBe("list");
    expect(p1.url).toBe("/v1/customers");
    expect(p1.data.map((c) => c.id)).toEqual(newest.slice(0, 2));
    expect(p1.has_more).toBe(true);
    const p2 = await t.stripe.customers.list({ email, limit: 2, starting_after: newest[1] });
    expect(p2.data.map((c) => c.id)).toEqual(newest.slice(2, 4));
    const back = await t.stripe.customers.list({ email, limit: 2, ending_before: newest[4] });
    expect(back.data.map((c) => c.id)).toEqual(newest.slice(2, 4));
    expect(back.has_more).toBe(true);
    const all = await t.stripe.customers.list({ email, limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(all.map((c) => c.id)).toEqual(newest);
    await expect(t.stripe.customers.list({ starting_after: "cus_nope" })).rejects.toMatchObject({ statusCode: 400, param: "starting_after" });
  });

  it("answers auth failures with 401 and Stripe's message", async () => {
    const bad = stripeFor(t.emulator.url, "nope_123");
    await expect(bad.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const pk = stripeFor(t.emulator.url, "pk_test_123");
    await expect(pk.customers.list()).rejects.toMatchObject({ statusCode: 401, message: expect.stringContaining("publishable") });
    const res = await fetch(`${t.emulator.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(res.headers.get("request-id")).toMatch(/^req_/);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("authentication_error");
  });

  it("keeps live and test mode apart", async () => {
    const live = stripeFor(t.emulator.url, "sk_live_emulator");
    const c = await live.customers.create({ email: "live@example.com" });
    expect(c.livemode).toBe(true);
    await expect(t.stripe.customers.retrieve(c.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("rejects unknown and malformed parameters naming them", async () => {
    await expect(t.stripe.customers.create({ emial: "x" } as Stripe.CustomerCreateParams)).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      param: "emial",
      message: "Received unknown parameter: emial",
    });
    await expect(t.stripe.customers.create({ metadata: { k: { deep: "x" } } } as unknown as Stripe.CustomerCreateParams)).rejects.toMatchObject({
      param: "metadata[k]",
    });
    await expect(t.stripe.customers.list({ limit: 1000 })).rejects.toMatchObject({ param: "limit" });
    await expect(t.stripe.customers.retrieve("cus_missing")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      message: "No such customer: 'cus_missing'",
      param: "id",
    });
  });

  it("replays an idempotent request and refuses a key reused with other params", async () => {
    const key = `idem-${Date.now()}`;
    const a = await t.stripe.customers.create({ email: "idem@example.com" }, { idempotencyKey: key });
    const b = await t.stripe.customers.create({ email: "idem@example.com" }, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers["idempotent-replayed"]).toBe("true");
    await expect(t.stripe.customers.create({ email: "other@example.com" }, { idempotencyKey: key })).rejects.toMatchObject({
      type: "StripeIdempotencyError",
      statusCode: 400,
    });
    const listed = await t.stripe.customers.list({ email: "idem@example.com" });
    expect(listed.data).toHaveLength(1);
  });

  it("expands nothing that is not expandable", async () => {
    const c = await t.stripe.customers.create({});
    await expect(t.stripe.customers.retrieve(c.id, { expand: ["email"] })).rejects.toMatchObject({ statusCode: 400, param: "expand" });
  });
});
