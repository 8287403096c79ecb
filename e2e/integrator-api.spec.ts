// The integrator's whole story, from its side: an admin creates the integration, its key and a
// webhook endpoint in the dashboard; the integrator's backend mints a link for payments through
// /api/v1; a phone opens it, links at Test Institution and authorizes debits from the checking
// account; the backend hears about it by signed webhook, reads the accounts and the payment
// method to charge, keeps a transaction mirror with the sync cursor, refreshes, disconnects
// and deletes the user. Every /api/v1 answer is checked against the served OpenAPI document.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { devices, expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { openApiResponses } from "../test/openapi-responses";
import { signInAsDemo } from "./fixtures";

const SHOTS = process.env.INTEGRATOR_SHOTS ?? "/tmp/integrator-shots";
mkdirSync(SHOTS, { recursive: true });
const { defaultBrowserType: _browserType, ...iPhone } = devices["iPhone 13"];
const REDIRECT = "budgetapp://linked";

type Event = { id: string; type: string; data: { account_id?: string; link_session_id?: string; user?: { external_id: string } } };

/** The integrator's webhook receiver: keeps what arrived and whether its signature verified. */
function startReceiver(): Promise<{ server: Server; url: string; events: (Event & { verified: (secret: string) => boolean })[] }> {
  const events: (Event & { verified: (secret: string) => boolean })[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const header = String(request.headers["linkwell-signature"] ?? "");
      const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
      const verified = (secret: string) => {
        const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest();
        const given = Buffer.from(parts.v1 ?? "", "hex");
        return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
      };
      events.push({ ...(JSON.parse(body) as Event), verified });
      response.end("ok");
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, events })));
}

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function expectFitsWidth(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(client);
}

/** The dashboard part: integration, key (shown once), webhook endpoint (its signing secret). */
async function setUpIntegration(page: Page, name: string, hookUrl: string) {
  await signInAsDemo(page, "admin");
  await page.goto("/admin/integrations");
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^Redirect URIs/).fill(REDIRECT);
  await page.getByRole("button", { name: "Create integration" }).click();
  await page.getByTestId("integration-created").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  await page.getByLabel(/^Key name/).fill("Production backend");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("integration-key-secret").textContent())!.trim();
  expect(key).toMatch(/^lwk_/);

  await page.getByLabel(/^URL/).fill(hookUrl);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const signingSecret = (await page.getByTestId("webhook-endpoint-secret").textContent())!.trim();
  expect(signingSecret).toMatch(/^whsec_/);
  await page.screenshot({ path: `${SHOTS}/1-admin-integration.png`, fullPage: true });
  return { key, signingSecret, integrationUrl: page.url() };
}

test("an integrator links a user through the hosted page, gets a payment method to debit, and reads, syncs, refreshes, disconnects and deletes through the API", async ({ browser, request }) => {
  test.slow();
  const receiver = await startReceiver();
  const admin = await browser.newContext();
  const appName = `Budget ${randomUUID().slice(0, 6)}`;
  const { key, signingSecret, integrationUrl } = await setUpIntegration(await admin.newPage(), appName, receiver.url);

  const document = (await (await request.get("/api/v1/openapi.json")).json()) as Parameters<typeof openApiResponses>[0];
  const problemsWith = openApiResponses(document);
  /** One call of the integrator's backend, checked against the document. */
  async function api(api: APIRequestContext, method: "GET" | "POST" | "DELETE", path: string, documented: string, data?: unknown) {
    // As an integrator's client should: a reset connection is retried, safe for GETs and for POSTs
    // with their Idempotency-Key (a DELETE's retry would answer 404 for the work it did).
    const response = await api.fetch(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "idempotency-key": randomUUID() },
      maxRetries: method === "DELETE" ? 0 : 2,
      ...(data !== undefined && { data }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(problemsWith(method, documented, response.status(), body)).toEqual([]);
    // One id for the request: the one the logs carry.
    expect(response.headers()["request-id"]).toBe(response.headers()["x-request-id"]);
    return { status: response.status(), body };
  }
  const eventsOf = (type: string) => receiver.events.filter((e) => e.type === type);
  const waitForEvent = (type: string, count = 1) => expect.poll(() => eventsOf(type).length, { timeout: 60_000, message: `webhook ${type}` }).toBeGreaterThanOrEqual(count);

  // The backend mints a link for its user, to be paid by bank.
  const externalId = `budget-user-${randomUUID().slice(0, 8)}`;
  const minted = await api(request, "POST", "/link_tokens", "/link_tokens", {
    redirect_uri: REDIRECT,
    state: "st-1",
    user: { external_id: externalId, email: `${externalId}@example.com` },
    purpose: "payments",
  });
  expect(minted.status).toBe(201);
  expect(minted.body.purpose).toBe("payments");

  // The phone opens it, links Checking and Savings, authorizes debits from Checking, and is sent back to the app.
  const phone = await browser.newContext({ ...iPhone });
  const page = await phone.newPage();
  await page.goto(minted.body.url as string);
  await page.getByTestId("hosted-link-continue").click();
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await modal.getByTestId("consent-agree").click();
  await modal.locator('[data-institution="test_institution"]').click();
  for (const name of ["Checking", "Savings"]) await modal.getByTestId("account").filter({ hasText: new RegExp(`^${name}`) }).first().click();
  await modal.getByTestId("link-accounts").click();
  await modal.getByTestId("done").click();
  const step = page.getByTestId("hosted-payments-step");
  await expect(step.getByRole("heading", { level: 1 })).toHaveText(`Pay ${appName} from your bank account`);
  await expect(step.getByRole("heading", { level: 1 })).toBeFocused();
  // Both can be debited: the person picks the account, and reads what they accept for it.
  await step.getByRole("radio", { name: /^Checking/ }).check();
  await expect(step.getByLabel("Debit authorization", { exact: true })).toContainText(`you authorize ${appName} to debit Checking •••• 6789 at Test Institution`);
  await expectFitsWidth(page);
  await page.screenshot({ path: `${SHOTS}/2-phone-authorize-debits.png`, fullPage: true });
  // By keyboard: the box, then the button.
  await step.getByLabel("I have read and accept this debit authorization.").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(step.getByRole("button", { name: "Authorize debits" })).toBeFocused();
  await page.keyboard.press("Enter");
  const ready = step.getByTestId("hosted-payments-ready");
  await expect(ready).toContainText("Checking •••• 6789", { timeout: 30_000 });
  await expect(ready).toContainText("Ready for payments");
  // Savings is still offered; the person goes back without it.
  await expect(step.getByLabel("Debit authorization", { exact: true })).toContainText("Savings •••• 4321");
  await page.screenshot({ path: `${SHOTS}/3-phone-checking-ready.png`, fullPage: true });
  await step.getByRole("button", { name: `Continue to ${appName}` }).click();
  await expect(page.getByTestId("hosted-link-done")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("hosted-link-done")).toContainText(`Checking •••• 6789 is set up for payments to ${appName}.`);
  await expect(page.getByTestId("return-to-app")).toHaveAttribute("href", new RegExp(`^${REDIRECT}\\?status=succeeded&`));
  await page.screenshot({ path: `${SHOTS}/4-phone-linked.png`, fullPage: true });
  await phone.close();

  // Signed webhooks say so; the backend reads the state through the API.
  await waitForEvent("link_session.succeeded");
  await waitForEvent("account.linked", 2);
  expect(receiver.events.every((e) => e.verified(signingSecret))).toBe(true);
  expect(receiver.events.some((e) => e.verified(`${signingSecret}x`))).toBe(false);
  expect(eventsOf("link_session.succeeded")[0]!.data).toMatchObject({ link_session_id: minted.body.link_session_id, user: { external_id: externalId } });

  const session = await api(request, "GET", `/link_sessions/${minted.body.link_session_id as string}`, "/link_sessions/{id}");
  expect(session.body).toMatchObject({ status: "succeeded", state: "st-1" });
  const list = await api(request, "GET", `/users/${externalId}/accounts`, "/users/{external_id}/accounts");
  const accounts = list.body.data as { id: string; display_name: string; balance: unknown }[];
  expect(accounts.map((a) => a.display_name).sort()).toEqual(["Checking", "Savings"]);
  const checking = accounts.find((a) => a.display_name === "Checking")!;
  expect(eventsOf("account.linked").map((e) => e.data.account_id).sort()).toEqual(accounts.map((a) => a.id).sort());

  // Pay by bank: the person authorized debits from Checking on the hosted page; the backend reads what to charge.
  await waitForEvent("account.payment_method_ready");
  expect(eventsOf("account.payment_method_ready").map((e) => e.data.account_id)).toEqual([checking.id]);
  const pm = await api(request, "POST", `/accounts/${checking.id}/payment_method`, "/accounts/{id}/payment_method");
  expect(pm.status).toBe(200);
  expect(pm.body).toMatchObject({
    object: "payment_method",
    account: checking.id,
    status: "active",
    payment_method: expect.stringMatching(/^pm_/),
    mandate: expect.stringMatching(/^mandate_/),
    mandate_status: "active",
    customer: expect.stringMatching(/^cus_/),
  });
  expect((await api(request, "GET", `/accounts/${checking.id}`, "/accounts/{id}")).body.payment_method).toMatchObject({ status: "active", payment_method: pm.body.payment_method, mandate: pm.body.mandate });
  const savingsId = accounts.find((a) => a.display_name === "Savings")!.id;
  const notAuthorized = await api(request, "POST", `/accounts/${savingsId}/payment_method`, "/accounts/{id}/payment_method");
  expect(notAuthorized.status).toBe(409);
  expect(notAuthorized.body.error).toMatchObject({ code: "authorization_required" });

  // A transaction mirror: page through the sync until nothing more, once transactions arrived.
  const mirror = new Map<string, { amount: number }>();
  let cursor: string | undefined;
  await expect
    .poll(
      async () => {
        for (;;) {
          const page = await api(request, "GET", `/accounts/${checking.id}/transactions/sync?count=5${cursor ? `&cursor=${cursor}` : ""}`, "/accounts/{id}/transactions/sync");
          for (const t of [...(page.body.added as { id: string; amount: number }[]), ...(page.body.modified as { id: string; amount: number }[])]) mirror.set(t.id, t);
          for (const t of page.body.removed as { id: string }[]) mirror.delete(t.id);
          cursor = page.body.next_cursor as string;
          if (!page.body.has_more) return mirror.size;
        }
      },
      { timeout: 60_000, message: "transactions reach the sync" },
    )
    .toBeGreaterThan(0);
  const again = await api(request, "GET", `/accounts/${checking.id}/transactions/sync?cursor=${cursor!}`, "/accounts/{id}/transactions/sync");
  expect(again.body).toMatchObject({ added: [], modified: [], removed: [], has_more: false });

  // Refresh the balance: pending at once, then a webhook when it lands on the account.
  const balancesBefore = eventsOf("account.balance_updated").length;
  const refresh = await api(request, "POST", `/accounts/${checking.id}/refresh`, "/accounts/{id}/refresh", { features: ["balance"] });
  expect(refresh.status).toBe(202);
  await waitForEvent("account.balance_updated", balancesBefore + 1);
  const read = await api(request, "GET", `/accounts/${checking.id}`, "/accounts/{id}");
  expect(read.body).toMatchObject({ refreshes: { balance: { status: "succeeded" } }, balance: { currency: "usd", as_of: expect.any(String) } });

  // Disconnect one account, then delete the user: every account let go at Stripe, data erased.
  const disconnected = await api(request, "POST", `/accounts/${checking.id}/disconnect`, "/accounts/{id}/disconnect", {});
  expect(disconnected.body).toMatchObject({ status: "disconnected", payment_method: { status: "inactive" } });
  await waitForEvent("account.disconnected");
  // A disconnected account cannot be debited any more: the backend is told to stop charging it.
  await waitForEvent("account.payment_method_inactive");
  expect(eventsOf("account.payment_method_inactive")[0]!.data).toMatchObject({ account_id: checking.id, user: { external_id: externalId } });
  const deleted = await api(request, "DELETE", `/users/${externalId}`, "/users/{external_id}");
  expect(deleted.body).toEqual({ object: "user", external_id: externalId, deleted: true, accounts_disconnected: 1 });
  await waitForEvent("user.deleted");
  expect((await api(request, "GET", `/accounts/${checking.id}`, "/accounts/{id}")).status).toBe(404);
  expect(receiver.events.every((e) => e.verified(signingSecret))).toBe(true);

  // The admin sees the deliveries, delivered.
  const adminPage = admin.pages()[0]!;
  await adminPage.goto(integrationUrl);
  await expect(adminPage.locator('[data-testid="webhook-delivery-row"][data-type="user.deleted"]')).toHaveAttribute("data-state", "delivered");
  await adminPage.screenshot({ path: `${SHOTS}/5-admin-deliveries.png`, fullPage: true });
  await admin.close();
  await new Promise((resolve) => receiver.server.close(resolve));
});
