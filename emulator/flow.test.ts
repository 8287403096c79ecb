// The whole flow with stripe-node as the client and the modal's own JSON API in place of the
// browser: customer -> session -> modal result -> accounts -> refresh -> events -> webhook.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startTestEmulator, waitFor, type TestEmulator } from "./test-support.js";

const SECRET = "whsec_flow_secret";
let t: TestEmulator;
let receiver: Server;
const events: Stripe.Event[] = [];

beforeAll(async () => {
  const verifier = new Stripe("sk_test_x");
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      try {
        events.push(verifier.webhooks.constructEvent(body, String(req.headers["stripe-signature"]), SECRET));
        res.writeHead(200);
      } catch {
        res.writeHead(400);
      }
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  t = await startTestEmulator({ webhookUrls: [`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`], webhookSecret: SECRET });
});
afterAll(async () => {
  await t.emulator.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function modal(action: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(`${t.emulator.url}/_emulator/modal/api/${action}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(json.error?.message);
  return json;
}

it("customer -> session -> modal result -> accounts -> refresh -> events -> webhooks", async () => {
  const customer = await t.stripe.customers.create({ email: "flow@example.com", name: "Flow" });
  const session = await t.stripe.financialConnections.sessions.create({
    account_holder: { type: "customer", customer: customer.id },
    permissions: ["balances", "transactions", "payment_method"],
    filters: { account_subcategories: ["checking"] },
    limits: { accounts: 1 },
  });
  const client_secret = session.client_secret;
  const start = await modal("start", { client_secret });
  expect(start.institutions.map((i: { name: string }) => i.name)).toContain("Down Bank (Error)");
  const picked = await modal("select", { client_secret, institution: "test_institution" });
  expect(picked.accounts.map((a: { key: string }) => a.key)).toEqual(["checking", "joint_checking"]);
  await expect(modal("link", { client_secret, accounts: ["checking", "joint_checking"] })).rejects.toThrow(/at most 1/);
  const done = await modal("link", { client_secret, accounts: ["checking"] });
  const result = done.result.financialConnectionsSession;
  expect(Array.isArray(result.accounts)).toBe(true);
  expect(result.accounts).toHaveLength(1);
  await expect(modal("start", { client_secret })).rejects.toThrow(/already been completed/);

  const accountId = result.accounts[0].id as string;
  const listed = await t.stripe.financialConnections.accounts.list({ account_holder: { customer: customer.id } });
  expect(listed.data.map((a) => a.id)).toEqual([accountId]);
  await t.stripe.financialConnections.accounts.refresh(accountId, { features: ["balance", "transactions"] });
  await waitFor(async () => events.some((e) => e.type === "financial_connections.account.refreshed_transactions" && (e.data.object as { id: string }).id === accountId));
  const txns = await t.stripe.financialConnections.transactions.list({ account: accountId, limit: 5 });
  expect(txns.data.length).toBeGreaterThan(0);
  const apiTypes = (await t.stripe.events.list({ limit: 100 })).data.map((e) => e.type);
  for (const type of ["customer.created", "financial_connections.account.created", "financial_connections.account.refreshed_balance", "financial_connections.account.refreshed_transactions"]) {
    expect(apiTypes).toContain(type);
    await waitFor(async () => events.some((e) => e.type === type));
  }
});
