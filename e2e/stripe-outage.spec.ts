// Stripe failing right after the user finished with their bank: they are told to try again,
// and "Try again" saves the accounts they picked without sending them back to the bank.
import { expect, test } from "@playwright/test";
import { queryDatabase, signInAsNewUser, stackInfo } from "./fixtures";

test("a Stripe outage while saving is retryable, and the retry saves without reopening the bank", async ({ page }) => {
  const email = await signInAsNewUser(page, "outage");
  await page.getByRole("button", { name: "Link a bank account" }).first().click();
  const modal = page.frameLocator("iframe[data-stripe-emulator]");
  await modal.getByTestId("consent-agree").click();
  await modal.locator('[data-institution="test_institution"]').click();
  await modal.getByTestId("account").filter({ hasText: /^Checking/ }).first().click();
  await modal.getByTestId("link-accounts").click();

  // Stripe answers 500 to every read of this session (stripe-node tries each call three times)
  // until the test lifts the rule; the account.created webhook may read it too.
  const [session] = await queryDatabase<{ stripeSessionId: string }>(
    `SELECT ls."stripeSessionId" FROM "LinkSession" ls JOIN "User" u ON u.id = ls."userId" WHERE u.email = $1`,
    [email],
  );
  const faults = `${stackInfo().emulatorUrl}/_emulator/faults`;
  const fault = await fetch(faults, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: `/v1/financial_connections/sessions/${session!.stripeSessionId}`, method: "GET", action: "500", count: 1000 }),
  });
  expect(fault.ok).toBe(true);
  const { id: faultId } = (await fault.json()) as { id: string };
  await modal.getByTestId("done").click();

  const outcome = page.getByTestId("link-outcome");
  await expect(outcome).toContainText("Your bank is connected, but your accounts are not saved yet. We could not reach Stripe just now.");
  await expect(outcome).toHaveAttribute("role", "alert");
  await expect(page.getByTestId("account-card")).toHaveCount(0);

  expect((await fetch(`${faults}/${faultId}`, { method: "DELETE" })).ok).toBe(true);
  await outcome.getByRole("button", { name: "Try again" }).click();
  await expect(outcome).toHaveText("Linked 1 account.");
  await expect(page.locator("iframe[data-stripe-emulator]")).toHaveCount(0);
  await expect(page.getByTestId("account-card")).toHaveCount(1);
  const stored = await queryDatabase<{ count: string }>(
    `SELECT count(*) FROM "LinkedAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1`,
    [email],
  );
  expect(stored[0]!.count).toBe("1");
});
