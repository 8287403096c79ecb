// What the modal tells the page: the platform's business name (as Stripe's modal shows the
// platform account's), and a bank failure's error code for Stripe.js's `error` event.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./test-support.js";

let named: TestEmulator;
let plain: TestEmulator;

beforeAll(async () => {
  named = await startTestEmulator({ businessName: "Acme Platform" });
  plain = await startTestEmulator();
});
afterAll(async () => {
  await Promise.all([named.emulator.close(), plain.emulator.close()]);
});

async function modal(t: TestEmulator, action: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(`${t.emulator.url}/_emulator/modal/api/${action}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, any>;
}

async function newSession(t: TestEmulator): Promise<string> {
  const customer = await t.stripe.customers.create({ email: "modal@example.com" });
  const session = await t.stripe.financialConnections.sessions.create({ account_holder: { type: "customer", customer: customer.id }, permissions: ["balances"] });
  return session.client_secret!;
}

it("shows the configured business name, and Linkwell by default", async () => {
  expect((await modal(named, "start", { client_secret: await newSession(named) })).session.business_name).toBe("Acme Platform");
  expect((await modal(plain, "start", { client_secret: await newSession(plain) })).session.business_name).toBe("Linkwell");
});

it("Down Bank (Error) fails with institution_unavailable; the unavailable banks say it too", async () => {
  const client_secret = await newSession(plain);
  expect(await modal(plain, "select", { client_secret, institution: "down_bank_error" })).toMatchObject({ step: "needs_login" });
  expect(await modal(plain, "login", { client_secret, username: "a", password: "b" })).toMatchObject({ step: "failed", error_code: "institution_unavailable" });
  expect(await modal(plain, "select", { client_secret, institution: "down_bank_unscheduled" })).toMatchObject({ step: "down", error_code: "institution_unavailable" });
  expect(await modal(plain, "select", { client_secret, institution: "sandbox_bank_non_oauth" })).toMatchObject({ step: "needs_login" });
  expect(await modal(plain, "login", { client_secret, username: "error", password: "x" })).toMatchObject({ step: "failed", error_code: "unexpected_error" });
});
