// Drives the emulator's Stripe.js stand-in and modal in Chromium through the real `loadStripe`
// from @stripe/stripe-js, independent of the app: an in-memory emulator plus a tiny static page.
import { test, expect, type Page, type FrameLocator } from "@playwright/test";
import { createServer, type Server } from "node:http";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "../emulator/server";

const SHOTS = "/tmp/emulator-shots";
let emulator: RunningEmulator;
let harness: Server;
let harnessUrl: string;
let stripe: Stripe;

const stripeJsModule = readFileSync(join(process.cwd(), "node_modules/@stripe/stripe-js/dist/pure.mjs"), "utf8");

function harnessHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Harness</title>
<script src="${emulator.url}/v3/stripe.js"></script></head>
<body><h1>App page</h1><button id="app-button">An app button</button>
<script type="module">
import { loadStripe } from "/stripe-js/pure.mjs";
window.warnings = [];
const warn = console.warn;
console.warn = (...a) => { window.warnings.push(a.join(" ")); warn(...a); };
window.collect = async (secret, method) => {
  const stripe = await loadStripe("pk_test_emulator");
  return stripe[method || "collectFinancialConnectionsAccounts"]({ clientSecret: secret });
};
const resume = sessionStorage.getItem("fc_secret");
if (resume && location.pathname === "/return") window.resumed = window.collect(resume);
window.harnessReady = true;
</script></body></html>`;
}

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 50 });
  const u = new URL(emulator.url);
  stripe = new Stripe("sk_test_e2e", { host: u.hostname, port: Number(u.port), protocol: "http" });
  harness = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/stripe-js/pure.mjs") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(stripeJsModule);
    } else if (path === "/" || path === "/return") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(harnessHtml());
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  // A different origin from the emulator (localhost vs 127.0.0.1), like the app on :3000.
  await new Promise<void>((r) => harness.listen(0, "localhost", r));
  harnessUrl = `http://localhost:${(harness.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await emulator?.close();
  await new Promise<void>((r) => (harness ? harness.close(() => r()) : r()));
});

type SessionParams = Partial<Stripe.FinancialConnections.SessionCreateParams>;

async function newSession(params: SessionParams = {}): Promise<Stripe.FinancialConnections.Session> {
  const customer = await stripe.customers.create({ email: "e2e@example.com", name: "Jenny Rosen" });
  return stripe.financialConnections.sessions.create({
    account_holder: { type: "customer", customer: customer.id },
    permissions: ["balances", "ownership", "transactions"],
    ...params,
  });
}

interface Flow {
  result: Promise<Record<string, any>>;
  modal: FrameLocator;
}

async function openModal(page: Page, session: Stripe.FinancialConnections.Session, method = "collectFinancialConnectionsAccounts"): Promise<Flow> {
  await page.goto(harnessUrl + "/");
  await page.waitForFunction(() => (window as any).harnessReady === true);
  const secret = session.client_secret as string;
  const result = page.evaluate(([s, m]) => (window as any).collect(s, m), [secret, method] as const);
  // A flow that navigates away (OAuth redirect) never settles here; that must not fail the test.
  result.catch(() => undefined);
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await expect(modal.getByRole("dialog")).toBeVisible();
  return { result, modal };
}

async function toInstitutions(modal: FrameLocator): Promise<void> {
  await modal.getByTestId("consent-agree").click();
  await expect(modal.getByTestId("institution-list")).toBeVisible();
}

async function pickInstitution(modal: FrameLocator, name: string): Promise<void> {
  await modal.getByTestId("institution").filter({ hasText: name }).first().click();
}

async function linkAndFinish(modal: FrameLocator, accounts: string[]): Promise<void> {
  // Anchored: "Valid Checking" must not match "Invalid Checking".
  for (const a of accounts) await modal.getByTestId("account").filter({ hasText: new RegExp(`^${a}`) }).click();
  await modal.getByTestId("link-accounts").click();
  await expect(modal.getByTestId("linked-accounts")).toBeVisible();
  await modal.getByTestId("done").click();
}

async function expectClosedWithoutAccounts(page: Page, flow: Flow, sessionId: string): Promise<void> {
  const r = await flow.result;
  expect(r.error).toBeUndefined();
  expect(r.financialConnectionsSession.accounts).toEqual([]);
  await expect(page.locator("iframe[data-stripe-emulator]")).toHaveCount(0);
  expect((await stripe.financialConnections.sessions.retrieve(sessionId)).accounts.data).toEqual([]);
}

test("Test Institution: consent, search, pick two accounts, success (desktop screenshots)", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const session = await newSession({ permissions: ["balances", "ownership", "payment_method", "transactions"], prefetch: ["balances"] });
  const flow = await openModal(page, session);
  const { modal } = flow;
  await expect(modal.getByTestId("consent-data")).toContainText("Account balances");
  await expect(modal.getByTestId("consent-data")).toContainText("Account and routing numbers");
  await expect(modal.getByTestId("consent-data").locator("li")).toHaveCount(4);
  // The app's own page is inert while the modal is open: focus cannot leave the modal.
  expect(await page.locator("#app-button").evaluate((b) => (b as HTMLElement).inert)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/desktop-1-consent.png` });
  await toInstitutions(modal);
  await modal.getByTestId("institution-search").fill("test inst");
  await expect(modal.getByTestId("institution")).toHaveCount(1);
  await modal.getByTestId("institution-search").fill("");
  await page.screenshot({ path: `${SHOTS}/desktop-2-institutions.png` });
  await pickInstitution(modal, "Test Institution");
  await expect(modal.getByTestId("account").filter({ hasText: "Credit Card" })).toHaveAttribute("aria-disabled", "true");
  await modal.getByTestId("account").filter({ hasText: "Checking" }).first().click();
  await modal.getByTestId("account").filter({ hasText: "Savings" }).click();
  await page.screenshot({ path: `${SHOTS}/desktop-3-picker.png` });
  await modal.getByTestId("link-accounts").click();
  await expect(modal.getByTestId("linked-accounts").locator("li")).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/desktop-4-success.png` });
  await modal.getByTestId("done").click();
  const r = await flow.result;
  expect(r.error).toBeUndefined();
  const s = r.financialConnectionsSession;
  expect(s.id).toBe(session.id);
  expect(Array.isArray(s.accounts)).toBe(true);
  expect(s.accounts.map((a: any) => a.display_name).sort()).toEqual(["Checking", "Savings"]);
  expect(s.accounts[0].id).toMatch(/^fca_/);
  expect(await page.evaluate(() => (window as any).warnings)).toEqual([]);
  await expect(page.locator("iframe[data-stripe-emulator]")).toHaveCount(0);
  const server = await stripe.financialConnections.sessions.retrieve(session.id);
  expect(server.accounts.data.map((a) => a.id).sort()).toEqual(s.accounts.map((a: any) => a.id).sort());
  // A completed session cannot be reused.
  const again = await page.evaluate((secret) => (window as any).collect(secret), session.client_secret as string);
  expect(again.error.type).toBe("invalid_request_error");
});

test("phone layout (390px): Ownership Accounts with owners prefetched", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const session = await newSession({ permissions: ["ownership"], prefetch: ["ownership"] });
  const flow = await openModal(page, session);
  await page.screenshot({ path: `${SHOTS}/phone-1-consent.png` });
  await toInstitutions(flow.modal);
  await page.screenshot({ path: `${SHOTS}/phone-2-institutions.png` });
  await pickInstitution(flow.modal, "Ownership Accounts");
  await expect(flow.modal.getByTestId("account")).toHaveCount(6);
  await flow.modal.getByTestId("account").filter({ hasText: "Matching Owner" }).click();
  await flow.modal.getByTestId("account").filter({ hasText: "Unknown Owner" }).click();
  await page.screenshot({ path: `${SHOTS}/phone-3-picker.png` });
  await flow.modal.getByTestId("link-accounts").click();
  await expect(flow.modal.getByTestId("done")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/phone-4-success.png` });
  await flow.modal.getByTestId("done").click();
  const r = await flow.result;
  const byName = Object.fromEntries(r.financialConnectionsSession.accounts.map((a: any) => [a.display_name, a.id]));
  const matching = await expect.poll(async () => (await stripe.financialConnections.accounts.retrieve(byName["Matching Owner"])).ownership).toMatch(/^fcaowns_/).then(() => stripe.financialConnections.accounts.retrieve(byName["Matching Owner"]));
  const owners = await stripe.financialConnections.accounts.listOwners(matching.id, { ownership: matching.ownership as string });
  expect(owners.data.map((o) => o.name)).toEqual(["Jenny Rosen"]);
  await expect.poll(async () => (await stripe.financialConnections.accounts.retrieve(byName["Unknown Owner"])).ownership_refresh?.status).toBe("succeeded");
  const unknown = await stripe.financialConnections.accounts.retrieve(byName["Unknown Owner"]);
  expect((await stripe.financialConnections.accounts.listOwners(unknown.id, { ownership: unknown.ownership as string })).data).toEqual([]);
});

test("Test OAuth Institution: authorize in a popup", async ({ page, context }) => {
  const session = await newSession();
  const flow = await openModal(page, session);
  await toInstitutions(flow.modal);
  const popupP = context.waitForEvent("page");
  await pickInstitution(flow.modal, "Test OAuth Institution");
  const popup = await popupP;
  await popup.getByTestId("oauth-authorize").click();
  await expect(flow.modal.getByTestId("account-list")).toBeVisible();
  await linkAndFinish(flow.modal, ["Joint Checking"]);
  const r = await flow.result;
  expect(r.financialConnectionsSession.accounts.map((a: any) => a.institution_name)).toEqual(["Test OAuth Institution"]);
});

test("Test OAuth Institution with return_url: full-page redirect out and back", async ({ page }) => {
  await page.goto(harnessUrl + "/");
  const session = await newSession({ return_url: `${harnessUrl}/return` });
  await page.evaluate((s) => sessionStorage.setItem("fc_secret", s), session.client_secret as string);
  const flow = await openModal(page, session);
  await toInstitutions(flow.modal);
  await pickInstitution(flow.modal, "Test OAuth Institution");
  await flow.modal.getByTestId("oauth-continue").click();
  await page.waitForURL((u) => u.href.startsWith(emulator.url + "/_emulator/modal/oauth"));
  await page.getByTestId("oauth-authorize").click();
  await page.waitForURL(`${harnessUrl}/return`);
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await expect(modal.getByTestId("account-list")).toBeVisible();
  await linkAndFinish(modal, ["Savings"]);
  const r = await page.evaluate(() => (window as any).resumed);
  expect(r.financialConnectionsSession.accounts.map((a: any) => a.display_name)).toEqual(["Savings"]);
});

test("Invalid Payment Accounts: unusable for payments when payment_method is asked; collectBankAccountToken", async ({ page }) => {
  const session = await newSession({ permissions: ["payment_method"], limits: { accounts: 1 } });
  const flow = await openModal(page, session, "collectBankAccountToken");
  await toInstitutions(flow.modal);
  await pickInstitution(flow.modal, "Invalid Payment Accounts");
  await expect(flow.modal.getByTestId("account").filter({ hasText: "Invalid Checking" })).toHaveAttribute("aria-disabled", "true");
  await expect(flow.modal.getByTestId("account").filter({ hasText: "Invalid Checking" })).toContainText("can't be used for payments");
  await flow.modal.getByTestId("account").filter({ hasText: "Invalid Checking" }).click({ force: true });
  await expect(flow.modal.getByTestId("link-accounts")).toBeDisabled();
  await linkAndFinish(flow.modal, ["Valid Checking"]);
  const r = await flow.result;
  expect(r.error).toBeUndefined();
  expect(r.token.id).toMatch(/^btok_/);
  expect(r.token.bank_account.last4).toBe("0004");
  expect(r.financialConnectionsSession.accounts).toHaveLength(1);
});

test("Down Bank (Scheduled) and (Unscheduled) cannot be used; Down Bank (Error) fails at login", async ({ page }) => {
  const session = await newSession();
  const flow = await openModal(page, session);
  await toInstitutions(flow.modal);
  for (const [name, text] of [["Down Bank (Scheduled)", "scheduled maintenance"], ["Down Bank (Unscheduled)", "currently unavailable"]] as const) {
    await pickInstitution(flow.modal, name);
    await expect(flow.modal.getByTestId("banner")).toContainText(text);
    await flow.modal.getByTestId("choose-another").click();
  }
  await pickInstitution(flow.modal, "Down Bank (Error)");
  await flow.modal.getByTestId("username").fill("user");
  await flow.modal.getByTestId("password").fill("pass");
  await flow.modal.getByTestId("login-submit").click();
  await expect(flow.modal.getByTestId("banner")).toContainText("Down Bank (Error)");
  await flow.modal.getByTestId("error-close").click();
  await expectClosedWithoutAccounts(page, flow, session.id);
});

for (const [input, steps] of [
  ["mfa", ["mfa"]],
  ["security_question", ["security_question"]],
  ["options", ["options", "mfa"]],
] as const) {
  test(`Sandbox Bank (Non-OAuth): ${input}`, async ({ page }) => {
    const session = await newSession();
    const flow = await openModal(page, session);
    await toInstitutions(flow.modal);
    await pickInstitution(flow.modal, "Sandbox Bank (Non-OAuth)");
    await flow.modal.getByTestId("username").fill(input);
    await flow.modal.getByTestId("password").fill("password");
    await flow.modal.getByTestId("login-submit").click();
    for (const step of steps) {
      if (step === "options") await flow.modal.getByTestId("option").first().click();
      else {
        await flow.modal.getByTestId("prompt-input").fill("123456");
        await flow.modal.getByTestId("prompt-submit").click();
      }
    }
    await linkAndFinish(flow.modal, ["Checking"]);
    const r = await flow.result;
    expect(r.financialConnectionsSession.accounts[0].institution_name).toBe("Sandbox Bank (Non-OAuth)");
  });
}

test("Sandbox Bank (Non-OAuth): incorrect retries, error ends the login", async ({ page }) => {
  const session = await newSession();
  const flow = await openModal(page, session);
  await toInstitutions(flow.modal);
  await pickInstitution(flow.modal, "Sandbox Bank (Non-OAuth)");
  await flow.modal.getByTestId("username").fill("incorrect");
  await flow.modal.getByTestId("password").fill("x");
  await flow.modal.getByTestId("login-submit").click();
  await expect(flow.modal.getByTestId("banner")).toContainText("incorrect");
  await flow.modal.getByTestId("username").fill("error");
  await flow.modal.getByTestId("password").fill("x");
  await flow.modal.getByTestId("login-submit").click();
  await expect(flow.modal.getByTestId("banner")).toContainText("could not connect");
  await flow.modal.getByTestId("choose-another").click();
  await pickInstitution(flow.modal, "Sandbox Bank (Non-OAuth)");
  await flow.modal.getByTestId("username").fill("user");
  await flow.modal.getByTestId("password").fill("pass");
  await flow.modal.getByTestId("login-submit").click();
  await linkAndFinish(flow.modal, ["Savings"]);
  expect((await flow.result).financialConnectionsSession.accounts).toHaveLength(1);
});

test("closing at the consent screen (close button) resolves with no accounts and no error", async ({ page }) => {
  const session = await newSession();
  const flow = await openModal(page, session);
  await flow.modal.getByTestId("close").click();
  await expectClosedWithoutAccounts(page, flow, session.id);
});

test("Escape at the institution list and at the account picker cancels", async ({ page }) => {
  const s1 = await newSession();
  const f1 = await openModal(page, s1);
  await toInstitutions(f1.modal);
  await page.keyboard.press("Escape");
  await expectClosedWithoutAccounts(page, f1, s1.id);
  expect(await page.evaluate(() => (window as any).warnings)).toEqual([]);

  const s2 = await newSession();
  const f2 = await openModal(page, s2);
  await toInstitutions(f2.modal);
  await pickInstitution(f2.modal, "Test Institution");
  await f2.modal.getByTestId("account").first().click();
  await page.keyboard.press("Escape");
  await expectClosedWithoutAccounts(page, f2, s2.id);
});

test("keyboard focus stays inside the modal", async ({ page }) => {
  const session = await newSession();
  const flow = await openModal(page, session);
  await expect(flow.modal.getByTestId("consent-agree")).toBeVisible();
  // The page hands focus to the modal when it opens.
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("IFRAME");
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("IFRAME");
  }
  const inner = page.frames().find((f) => f.url().includes("/_emulator/modal"));
  expect(await inner?.evaluate(() => Boolean(document.activeElement?.closest(".dialog")))).toBe(true);
  await flow.modal.getByTestId("close").click();
  await flow.result;
});

test("limits[accounts]=1 and filters[account_subcategories] shape the picker", async ({ page }) => {
  const session = await newSession({ limits: { accounts: 1 }, filters: { account_subcategories: ["savings", "checking"] } });
  const flow = await openModal(page, session);
  await toInstitutions(flow.modal);
  await pickInstitution(flow.modal, "Test Institution");
  await expect(flow.modal.getByTestId("account")).toHaveCount(3);
  await expect(flow.modal.getByTestId("account").filter({ hasText: "Credit Card" })).toHaveCount(0);
  await expect(flow.modal.getByTestId("picker-hint")).toContainText("one account");
  await flow.modal.getByTestId("account").filter({ hasText: "Savings" }).click();
  await flow.modal.getByTestId("account").filter({ hasText: "Joint Checking" }).click();
  await expect(flow.modal.locator("[data-testid=account][aria-checked=true]")).toHaveCount(1);
  await flow.modal.getByTestId("link-accounts").click();
  await flow.modal.getByTestId("done").click();
  const r = await flow.result;
  expect(r.financialConnectionsSession.accounts.map((a: any) => a.display_name)).toEqual(["Joint Checking"]);
});

test("limits[accounts]=2 caps a multi-select picker", async ({ page }) => {
  const session = await newSession({ limits: { accounts: 2 } });
  const flow = await openModal(page, session);
  await toInstitutions(flow.modal);
  await pickInstitution(flow.modal, "Test Institution");
  for (const n of ["Savings", "Joint Checking", "Mortgage"]) await flow.modal.getByTestId("account").filter({ hasText: n }).click();
  await expect(flow.modal.locator("[data-testid=account][aria-checked=true]")).toHaveCount(2);
  await flow.modal.getByTestId("link-accounts").click();
  await flow.modal.getByTestId("done").click();
  expect((await flow.result).financialConnectionsSession.accounts).toHaveLength(2);
});

test("an unknown client secret resolves with an error", async ({ page }) => {
  await page.goto(harnessUrl + "/");
  await page.waitForFunction(() => (window as any).harnessReady === true);
  const r = await page.evaluate(() => (window as any).collect("fcsess_client_secret_nope"));
  expect(r.financialConnectionsSession).toBeUndefined();
  expect(r.error.type).toBe("invalid_request_error");
  await expect(page.locator("iframe[data-stripe-emulator]")).toHaveCount(0);
});
