// The account lifecycle in a browser, with the emulator's real signed webhooks reaching the
// app: a balance refresh whose result arrives by webhook shows without a reload; the bank
// deactivates the account, the user sees "Needs relink", relinks, and has one active account.
import { expect, test, type Page } from "@playwright/test";
import { openFirstAccount, signInAsNewUser } from "./fixtures";

async function linkChecking(page: Page, button: string) {
  await page.getByRole("button", { name: button }).first().click();
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await modal.getByTestId("consent-agree").click();
  await modal.getByTestId("institution").filter({ hasText: "Test Institution" }).first().click();
  await modal.getByTestId("account").filter({ hasText: /^Checking/ }).first().click();
  await modal.getByTestId("link-accounts").click();
  await modal.getByTestId("done").click();
}

/**
 * The stack's emulator, found the way the browser finds it: the app serves Stripe.js from it.
 * (Read from the page rather than .data/e2e-stack.json, which stacks started in the same
 * folder by others overwrite.)
 */
async function emulatorOrigin(page: Page): Promise<string> {
  const src = await page.locator('script[src$="/v3/stripe.js"]').first().getAttribute("src");
  return new URL(src!).origin;
}

async function emulatorCall<T>(origin: string, path: string, method = "GET"): Promise<T> {
  const response = await fetch(`${origin}${path}`, { method, headers: { authorization: "Bearer sk_test_emulator_local" } });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

// The dev server compiles each route on first use; a cold compile under load can reload a
// page mid-typing. Warm the routes this test walks through first.
test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  for (const path of ["/signin", "/dev/outbox", "/accounts", "/api/health"]) await request.get(path);
  await request.post("/api/webhooks/stripe", { data: "{}" });
});

test("refresh a balance, then deactivation -> needs relink -> relink -> one active account", async ({ page }) => {
  test.setTimeout(180_000);
  const email = await signInAsNewUser(page, "lifecycle");
  await linkChecking(page, "Link a bank account");
  // The empty state's button gives way to the list (and its outcome message with it).
  await expect(page.getByTestId("account-card")).toHaveCount(1);
  // Read while the list's link button has Stripe.js on the page (the detail page of an active account has none).
  const origin = await emulatorOrigin(page);
  await openFirstAccount(page);

  // The prefetched balance arrives by itself (webhook, or the page's polling).
  const balance = page.getByTestId("detail-balance");
  await expect(balance).toHaveText(/^\$[\d,]+\.\d\d$/);
  const before = await balance.textContent();
  await page.getByRole("button", { name: "Refresh balance" }).click();
  await expect(page.getByRole("button", { name: "Refreshing balance…" })).toBeVisible();
  // No reload: the page notices the result and shows the new figure.
  await expect(page.getByRole("button", { name: "Refresh balance" })).toBeVisible();
  await expect(balance).not.toHaveText(before!);
  await expect(balance).toHaveText(/^\$[\d,]+\.\d\d$/);

  // The bank cuts access: the emulator sends financial_connections.account.deactivated to the app.
  const customers = await emulatorCall<{ data: Array<{ id: string }> }>(origin, `/v1/customers?email=${encodeURIComponent(email)}`);
  const accounts = await emulatorCall<{ data: Array<{ id: string }> }>(
    origin,
    `/v1/financial_connections/accounts?account_holder[customer]=${customers.data[0]!.id}`,
  );
  expect(accounts.data).toHaveLength(1);
  await emulatorCall(origin, `/_emulator/test_helpers/accounts/${accounts.data[0]!.id}/deactivate`, "POST");

  // The user comes back to the list (the webhook may take a moment to land).
  const card = page.getByTestId("account-card");
  await expect(async () => {
    await page.goto("/accounts");
    await expect(card).toContainText("Needs relink", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(card).toHaveCount(1);
  await card.click();
  await expect(page.getByRole("heading", { name: "This account needs to be relinked" })).toBeVisible();
  await linkChecking(page, "Relink account");
  await expect(page.getByText("You linked this bank account again")).toBeVisible();

  await page.goto("/accounts");
  await expect(page.getByTestId("account-card")).toHaveCount(1);
  await expect(page.getByTestId("account-card")).toContainText("Active");
  await expect(page.getByTestId("account-card")).not.toContainText("Needs relink");
  // The old link stays as history behind the new one.
  const after = await emulatorCall<{ data: Array<{ id: string; status: string }> }>(
    origin,
    `/v1/financial_connections/accounts?account_holder[customer]=${customers.data[0]!.id}`,
  );
  expect(after.data.map((a) => a.status).sort()).toEqual(["active", "inactive"]);
});
