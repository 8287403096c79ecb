// Hosted linking from a phone: an integrator's backend mints a link with its API key, a
// cookie-less phone browser opens it, links at the emulator's banks and ends on the app's
// custom-scheme redirect. Screenshots of each step at phone width go to SHOTS.
import { mkdirSync } from "node:fs";
import { devices, expect, test, type APIRequestContext, type Browser, type FrameLocator, type Page, type Request } from "@playwright/test";
import { queryDatabase, signInAsDemo, signInAsNewUser } from "./fixtures";

const SHOTS = process.env.HOSTED_LINK_SHOTS ?? "/tmp/hosted-link-shots";
mkdirSync(SHOTS, { recursive: true });

// Phone emulation in Chromium (the only browser here): iPhone 13's screen, touch and user agent.
const { defaultBrowserType: _browserType, ...iPhone } = devices["iPhone 13"];
test.use(iPhone);

const REDIRECT = "myapp://linked";

/** One API key for the file, created by the demo admin through the admin page. */
let apiKey: string | undefined;

async function adminKey(browser: Browser): Promise<string> {
  if (apiKey) return apiKey;
  const context = await browser.newContext({ ...iPhone });
  const page = await context.newPage();
  await signInAsDemo(page, "admin");
  await page.goto("/admin/api-keys");
  await page.getByLabel(/^Name/).fill("Acme Budget");
  await page.getByLabel(/^Redirect URIs/).fill(`${REDIRECT}\nhttps://acme.example.com/linked`);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())?.trim();
  expect(secret).toMatch(/^lwk_/);
  await page.screenshot({ path: `${SHOTS}/0-admin-api-key.png`, fullPage: true });
  await context.close();
  apiKey = secret!;
  return apiKey;
}

async function mint(request: APIRequestContext, key: string, body: Record<string, unknown> = {}) {
  const response = await request.post("/api/link-tokens", {
    headers: { authorization: `Bearer ${key}` },
    data: { redirect_uri: REDIRECT, state: "st-42", user: { external_id: `acme-${Date.now()}-${Math.random()}`, email: `acme-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com` }, ...body },
  });
  return response;
}

async function mintUrl(request: APIRequestContext, key: string) {
  const response = await mint(request, key);
  expect(response.status()).toBe(201);
  return (await response.json()) as { url: string; expires_at: string; link_session_id: string };
}

/**
 * Chromium cannot open `myapp://`, but it does issue (and abort) the navigation, which
 * Playwright reports as a request: the exact address the page sent the browser to.
 */
function appRedirect(page: Page, timeout = 30_000): Promise<Request | null> {
  return page.waitForRequest((r) => r.url().startsWith(`${REDIRECT}?`), { timeout }).catch(() => null);
}

/**
 * Picks and links by keyboard, as a keyboard user would: back from the bank's login (or after a
 * reload) the modal's sticky header can sit over its rows at this width, and a pointer click then
 * waits (over a minute, in CI) for a scroll position where nothing covers them.
 */
async function linkAt(modal: FrameLocator, accounts: string[]) {
  for (const name of accounts) await modal.getByTestId("account").filter({ hasText: new RegExp(`^${name}`) }).first().press("Space");
  await modal.getByTestId("link-accounts").press("Enter");
  await modal.getByTestId("done").press("Enter");
}

async function expectAppRedirect(page: Page, redirected: Promise<Request | null>, linkSessionId: string, status = "succeeded") {
  const expected = `${REDIRECT}?status=${status}&link_session_id=${linkSessionId}&state=st-42`;
  await expect(page.getByTestId("hosted-link-done")).toHaveAttribute("data-status", status);
  const button = page.getByTestId("return-to-app");
  await expect(button).toHaveAttribute("href", expected);
  // Chromium opens an external scheme from script only shortly after the person's last tap;
  // when saving took longer than that, the page's "Return to …" button is the way: tap it.
  const automatic = await Promise.race([redirected, page.waitForTimeout(5_000).then(() => null)]);
  const request = automatic ?? (await Promise.all([appRedirect(page, 10_000), button.click()]))[0];
  expect(request?.url()).toBe(expected);
}

test("API key -> phone opens the link -> Test Institution -> back to myapp://", async ({ browser, request, page, context }) => {
  // The first test of the file also compiles the admin and hosted pages in `next dev`.
  test.slow();
  const key = await adminKey(browser);
  const minted = await mintUrl(request, key);
  expect(minted.url).toMatch(/\/link\/[A-Za-z0-9_-]{43}$/);
  expect(await context.cookies()).toEqual([]);

  const response = await page.goto(minted.url);
  expect(response?.headers()["cross-origin-opener-policy"] ?? "").not.toBe("same-origin");
  expect(response?.headers()["referrer-policy"] ?? "").not.toBe("no-referrer");
  await expect(page.getByTestId("hosted-link-title")).toHaveText("Acme Budget wants to connect your bank account");
  await expect(page.getByTestId("shared-data")).toContainText("Account balances");
  await page.screenshot({ path: `${SHOTS}/1-intro.png`, fullPage: true });

  await page.getByTestId("hosted-link-continue").click();
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await expect(modal.getByTestId("consent-agree")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/2-modal-consent.png` });
  await modal.getByTestId("consent-agree").click();
  await modal.locator('[data-institution="test_institution"]').click();
  await expect(modal.getByTestId("account-list")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/3-modal-accounts.png` });
  const redirected = appRedirect(page);
  await linkAt(modal, ["Checking", "Savings"]);

  await expectAppRedirect(page, redirected, minted.link_session_id);
  await page.screenshot({ path: `${SHOTS}/4-done-redirecting.png`, fullPage: true });

  const rows = await queryDatabase<{ status: string; n: number }>(
    `SELECT ls.status, (SELECT count(*)::int FROM "LinkedAccount" la WHERE la."linkSessionId" = ls.id) AS n FROM "LinkSession" ls WHERE ls.id = $1`,
    [minted.link_session_id],
  );
  expect(rows).toEqual([{ status: "succeeded", n: 2 }]);

  // The integrator's backend reads the outcome with its key; without it, nothing.
  const outcome = await request.get(`/api/link-sessions/${minted.link_session_id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(outcome.status()).toBe(200);
  const body = (await outcome.json()) as { status: string; state: string; accounts: { display_name: string; last4: string }[] };
  expect(body).toMatchObject({ status: "succeeded", state: "st-42" });
  expect(body.accounts.map((a) => a.display_name).sort()).toEqual(["Checking", "Savings"]);
  expect((await request.get(`/api/link-sessions/${minted.link_session_id}`)).status()).toBe(401);

  // Single use: opening the link again shows the finished attempt, with the allow-listed way back.
  await page.goto(minted.url);
  await expect(page.getByRole("heading", { name: "You are all set" })).toBeVisible();
  await expect(page.getByTestId("return-to-app")).toHaveAttribute("href", `${REDIRECT}?status=succeeded&link_session_id=${minted.link_session_id}&state=st-42`);
  await page.screenshot({ path: `${SHOTS}/5-used.png`, fullPage: true });
});

test("Test OAuth Institution: the bank login leaves the page and resumes through return_url", async ({ browser, request, page }) => {
  const key = await adminKey(browser);
  const minted = await mintUrl(request, key);
  await page.goto(minted.url);
  await page.getByTestId("hosted-link-continue").click();
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await modal.getByTestId("consent-agree").click();
  await modal.locator('[data-institution="test_oauth_institution"]').click();
  await modal.getByTestId("oauth-continue").click();
  await page.waitForURL((u) => u.pathname.startsWith("/_emulator/modal/oauth"));
  await page.screenshot({ path: `${SHOTS}/6-oauth-bank.png`, fullPage: true });
  await page.getByTestId("oauth-authorize").click();

  await page.waitForURL((u) => u.pathname.startsWith("/link/resume/"));
  // The way back carries only a signed value: no plain token, session or redirect in the query.
  expect(new URL(page.url()).search).toBe("");
  await expect(modal.getByTestId("account-list")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/7-oauth-resumed.png` });
  const redirected = appRedirect(page);
  await linkAt(modal, ["Joint Checking"]);
  await expectAppRedirect(page, redirected, minted.link_session_id);

  const accounts = await queryDatabase<{ institutionName: string }>(`SELECT "institutionName" FROM "LinkedAccount" WHERE "linkSessionId" = $1`, [minted.link_session_id]);
  expect(accounts).toEqual([{ institutionName: "Test OAuth Institution" }]);
});

test("forged resume state, expired and unknown links: friendly pages, no redirect", async ({ browser, request, page }) => {
  const key = await adminKey(browser);
  const minted = await mintUrl(request, key);
  await page.goto(minted.url);
  await page.getByTestId("hosted-link-continue").click();
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await modal.getByTestId("consent-agree").click();
  await modal.locator('[data-institution="test_oauth_institution"]').click();
  await modal.getByTestId("oauth-continue").click();
  await page.waitForURL((u) => u.pathname.startsWith("/_emulator/modal/oauth"));
  await page.getByTestId("oauth-authorize").click();
  await page.waitForURL((u) => u.pathname.startsWith("/link/resume/"));
  const signed = new URL(page.url()).pathname.split("/").pop()!;

  // Swap the session id inside the signed value: the signature no longer matches.
  const [body, signature] = signed.split(".") as [string, string];
  const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { s: string };
  payload.s = "cforgedsession000000000000";
  const forged = `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
  for (const value of [forged, `${body}.${"A".repeat(signature.length)}`, "nonsense"]) {
    await page.goto(`/link/resume/${value}`);
    await expect(page.getByRole("heading", { name: "This page cannot continue" })).toBeVisible();
    await expect(page.getByTestId("return-to-app")).toHaveCount(0);
  }
  await page.screenshot({ path: `${SHOTS}/8-forged-state.png`, fullPage: true });
  const complete = await request.post("/api/link-tokens/complete", { data: { resume: forged } });
  expect(complete.status()).toBe(403);

  const expiring = await mintUrl(request, key);
  await queryDatabase(`UPDATE "LinkToken" SET "expiresAt" = now() - interval '1 minute' WHERE "linkSessionId" = $1`, [expiring.link_session_id]);
  await page.goto(expiring.url);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(page.getByTestId("return-to-app")).toHaveAttribute(
    "href",
    `${REDIRECT}?status=expired&link_session_id=${expiring.link_session_id}&state=st-42&error=link_expired`,
  );
  await page.screenshot({ path: `${SHOTS}/9-expired.png`, fullPage: true });
  const start = await request.post("/api/link-tokens/start", { data: { token: expiring.url.split("/").pop() } });
  expect(start.status()).toBe(410);

  await page.goto(`/link/${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  await expect(page.getByTestId("return-to-app")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/10-unknown.png`, fullPage: true });
});

test("minting: disallowed redirect URIs are a 400, bad keys a 401", async ({ browser, request }) => {
  const key = await adminKey(browser);
  for (const redirectUri of ["otherapp://linked", "myapp://linked/", "javascript:alert(1)", "https://evil.example.com/linked", "myapp://linked?next=https://evil.example.com"]) {
    const response = await mint(request, key, { redirect_uri: redirectUri });
    expect(response.status(), redirectUri).toBe(400);
    expect(((await response.json()) as { error: { field?: string } }).error.field).toBe("redirect_uri");
  }
  expect((await mint(request, "lwk_not-a-real-key")).status()).toBe(401);
  expect((await request.post("/api/link-tokens", { data: { redirect_uri: REDIRECT } })).status()).toBe(401);
});

test("a signed-in user mints only for themself", async ({ page }) => {
  const email = await signInAsNewUser(page, "hosted-self");
  const other = await queryDatabase<{ id: string }>(`SELECT id FROM "User" WHERE email <> $1 LIMIT 1`, [email]);
  for (const data of [
    { redirect_uri: "linkwell-e2e://linked", user: { external_id: "x", email: "someone@example.com" } },
    { redirect_uri: "linkwell-e2e://linked", user_id: other[0]?.id ?? "x" },
  ]) {
    const refused = await page.request.post("/api/link-tokens", { data });
    expect(refused.status()).toBe(400);
  }
  // LINK_REDIRECT_URIS of the e2e stack allows linkwell-e2e://linked for signed-in users.
  const response = await page.request.post("/api/link-tokens", { data: { redirect_uri: "linkwell-e2e://linked", state: "mine" } });
  expect(response.status(), await response.text()).toBe(201);
  const minted = (await response.json()) as { link_session_id: string };
  const rows = await queryDatabase<{ email: string; apiKeyId: string | null }>(
    `SELECT u.email, t."apiKeyId" FROM "LinkToken" t JOIN "User" u ON u.id = t."userId" WHERE t."linkSessionId" = $1`,
    [minted.link_session_id],
  );
  expect(rows).toEqual([{ email, apiKeyId: null }]);
  expect((await page.request.post("/api/link-tokens", { data: { redirect_uri: REDIRECT } })).status()).toBe(400);
});
