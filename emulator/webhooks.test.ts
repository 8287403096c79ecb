import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { linkedAccounts, startTestEmulator, waitFor, type TestEmulator } from "./test-support.js";

const SECRET = "whsec_test_webhooks_secret";
let t: TestEmulator;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ body: string; sig: string }> = [];
/** Status codes the receiver answers with, in order; 200 once exhausted. */
const script: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ body, sig: String(req.headers["stripe-signature"] ?? "") });
      res.writeHead(script.shift() ?? 200);
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  t = await startTestEmulator({ webhookUrls: [receiverUrl], webhookSecret: SECRET, webhookMaxAttempts: 4 });
});
afterAll(async () => {
  await t.emulator.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

function eventsOfType(type: string, id: string): Stripe.Event[] {
  const verifier = new Stripe("sk_test_x");
  return received
    .map((r) => verifier.webhooks.constructEvent(r.body, r.sig, SECRET))
    .filter((e) => e.type === type && (e.data.object as { id?: string }).id === id);
}

describe("webhook delivery", () => {
  it("delivers signed events for the whole flow: customer, account created, refresh", async () => {
    const { customer, accounts } = await linkedAccounts(t);
    const id = accounts[0]?.id ?? "";
    await t.stripe.financialConnections.accounts.refresh(id, { features: ["balance"] });
    await waitFor(async () => eventsOfType("financial_connections.account.refreshed_balance", id).length > 0);
    expect(eventsOfType("customer.created", customer.id)).toHaveLength(1);
    expect(eventsOfType("financial_connections.account.created", id)).toHaveLength(1);
    const [refreshed] = eventsOfType("financial_connections.account.refreshed_balance", id);
    expect(refreshed?.api_version).toBe(Stripe.API_VERSION);
    expect((refreshed?.data.object as Stripe.FinancialConnections.Account).balance_refresh?.status).toBe("succeeded");
    // The delivered event is the same as the one the API serves.
    const fromApi = await t.stripe.events.retrieve(refreshed?.id ?? "");
    expect(fromApi.data).toEqual(refreshed?.data);
    // A tampered body does not verify.
    const last = received[received.length - 1];
    expect(() => new Stripe("sk_test_x").webhooks.constructEvent(`${last?.body} `, last?.sig ?? "", SECRET)).toThrow();
  });

  it("retries with backoff after non-2xx answers until one succeeds", async () => {
    script.push(500, 503);
    const c = await t.stripe.customers.create({ email: "retry@example.com" });
    await waitFor(async () => eventsOfType("customer.created", c.id).length >= 3);
    const r = await t.control(`/_emulator/webhooks/wait`, { timeout_ms: 5000 });
    expect(r.json.idle).toBe(true);
    const ev = (await t.stripe.events.list({ type: "customer.created", limit: 5 })).data.find((e) => (e.data.object as { id: string }).id === c.id);
    const deliveries = await t.control(`/_emulator/webhooks/deliveries?event=${ev?.id}`, undefined, "GET");
    const [d] = deliveries.json.data as Array<{ status: string; attempts: Array<{ status: number; at: number }> }>;
    expect(d?.status).toBe("succeeded");
    expect(d?.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect((await t.stripe.events.retrieve(ev?.id ?? "")).pending_webhooks).toBe(0);
  });

  it("injected delivery failures are retried (at least once) and duplicates are possible", async () => {
    await t.control("/_emulator/webhooks/faults", { action: "fail", count: 2, type: "customer.updated" });
    const c = await t.stripe.customers.create({});
    await t.stripe.customers.update(c.id, { name: "Changed" });
    await waitFor(async () => eventsOfType("customer.updated", c.id).length === 1);
    await t.control("/_emulator/webhooks/faults", { action: "duplicate", count: 1, type: "customer.deleted" });
    await t.stripe.customers.del(c.id);
    await waitFor(async () => eventsOfType("customer.deleted", c.id).length === 2);
    const [a, b] = eventsOfType("customer.deleted", c.id);
    expect(a?.id).toBe(b?.id);
  });

  it("gives up after the configured attempts", async () => {
    script.push(500, 500, 500, 500);
    const c = await t.stripe.customers.create({ email: "giveup@example.com" });
    const ev = (await t.stripe.events.list({ type: "customer.created", limit: 5 })).data.find((e) => (e.data.object as { id: string }).id === c.id);
    const d = await waitFor(async () => {
      const r = await t.control(`/_emulator/webhooks/deliveries?event=${ev?.id}`, undefined, "GET");
      const [x] = r.json.data as Array<{ status: string; attempts: unknown[] }>;
      return x?.status === "failed" ? x : null;
    });
    expect(d.attempts).toHaveLength(4);
    // Listed as not delivered (what a receiver reconciles from), and not among the delivered.
    const undelivered = await t.stripe.events.list({ type: "customer.created", delivery_success: false, limit: 100 });
    expect(undelivered.data.map((e) => e.id)).toContain(ev!.id);
    const delivered = await t.stripe.events.list({ type: "customer.created", delivery_success: true, limit: 100 });
    expect(delivered.data.map((e) => e.id)).not.toContain(ev!.id);
    expect(delivered.data.length).toBeGreaterThan(0);
    for (const e of undelivered.data) expect(delivered.data.map((x) => x.id)).not.toContain(e.id);
    // A cursor naming an event the filter now leaves out (delivered since) still pages on from its place.
    const all = (await t.stripe.events.list({ type: "customer.created", limit: 100 })).data.map((e) => e.id);
    const cursor = delivered.data[0]!.id;
    const olderUndelivered = all.slice(all.indexOf(cursor) + 1).filter((id) => undelivered.data.some((e) => e.id === id));
    const after = await t.stripe.events.list({ type: "customer.created", delivery_success: false, starting_after: cursor, limit: 100 });
    expect(after.data.map((e) => e.id)).toEqual(olderUndelivered);
  });
});

describe("a receiver that answers its headers and then stalls", () => {
  it("times the attempt out instead of leaving the delivery pending", async () => {
    const stalled = new Set<import("node:http").ServerResponse>();
    const stalling = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{"); // ...and the rest never comes
        stalled.add(res);
      });
    });
    await new Promise<void>((r) => stalling.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/webhooks`;
    const slow = await startTestEmulator({ webhookUrls: [url], webhookSecret: SECRET, webhookMaxAttempts: 1, webhookTimeoutMs: 300 });
    try {
      const c = await slow.stripe.customers.create({ email: "stall@example.com" });
      const ev = (await slow.stripe.events.list({ type: "customer.created", limit: 5 })).data.find((e) => (e.data.object as { id: string }).id === c.id);
      const d = await waitFor(async () => {
        const r = await slow.control(`/_emulator/webhooks/deliveries?event=${ev?.id}`, undefined, "GET");
        const [x] = r.json.data as Array<{ status: string; attempts: Array<{ error: string | null }> }>;
        return x?.status === "failed" ? x : null;
      }, 3000);
      expect(d.attempts).toEqual([expect.objectContaining({ error: "timeout" })]);
    } finally {
      await slow.emulator.close();
      for (const res of stalled) res.destroy();
      await new Promise<void>((r) => stalling.close(() => r()));
    }
  });
});
