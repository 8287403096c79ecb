import { expect, test, type Page } from "@playwright/test";
import { linkAtTestInstitution, signInAsDemo, signInAsNewUser, waitForHydration } from "./fixtures";

const SHOTS = "test-results/pay-by-bank";

async function openAccount(page: Page, name: string) {
  await page.goto("/accounts");
  await page.getByTestId("account-card").filter({ hasText: name }).click();
  await expect(page.getByTestId("payments-card")).toBeVisible();
  await waitForHydration(page);
}

test("a person authorizes debits from their checking account, sees it ready for payments, an admin sees the mandate, and the person revokes it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = await signInAsNewUser(page, "pay-by-bank");
  // Asking for account numbers (payment_method), Stripe's modal offers only accounts it can debit.
  await linkAtTestInstitution(page, ["Checking", "Savings"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 2 accounts.");

  await openAccount(page, "Checking");
  const card = page.getByTestId("payments-card");
  await expect(card.getByRole("region", { name: "Debit authorization" })).toContainText("you authorize Linkwell to debit Checking •••• 6789 at Test Institution");
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/desktop-authorization.png`, fullPage: true });
  // The box must be ticked: the browser holds the form back until it is.
  await card.getByRole("button", { name: "Use for payments" }).click();
  await expect(card.getByText("Ready for payments.")).toHaveCount(0);
  await card.getByLabel("I have read and accept this debit authorization.").check();
  await card.getByRole("button", { name: "Use for payments" }).click();
  await expect(card.getByText("Ready for payments").first()).toBeVisible({ timeout: 30_000 });
  const details = card.getByTestId("mandate-details");
  await expect(details).toContainText(/mandate_\w+/);
  await expect(details).toContainText(/pm_\w+/);
  await expect(details).toContainText("active");
  await page.screenshot({ path: `${SHOTS}/desktop-ready.png`, fullPage: true });

  await page.goto("/accounts");
  await expect(page.getByTestId("account-card").filter({ hasText: "Checking" }).getByTestId("card-payments-ready")).toBeVisible();

  // The admin finds it among accounts with an active mandate, with where it was accepted.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsDemo(admin, "admin");
  await admin.goto(`/admin/accounts?payments=active&q=${encodeURIComponent(email)}`);
  const row = admin.getByRole("row").filter({ hasText: "Checking" });
  await expect(row).toContainText("Ready for payments");
  await expect(admin.getByRole("row").filter({ hasText: "Savings" })).toHaveCount(0);
  await row.getByRole("link").first().click();
  await expect(admin.getByTestId("mandate-details").first()).toContainText("From address");
  await admin.screenshot({ path: `${SHOTS}/admin-account-mandate.png`, fullPage: true });
  await adminContext.close();

  // Revoking: behind a confirmation; afterwards the account can be authorized again.
  await openAccount(page, "Checking");
  await card.getByText("Revoke authorization").click();
  await card.getByRole("button", { name: "Revoke", exact: true }).click();
  // The card turns into its revoked state (the form that answered is gone with it).
  await expect(page.getByTestId("payments-ended")).toHaveText("You revoked the debit authorization.", { timeout: 30_000 });
  await expect(card.getByText("Revoked", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("payments-ended")).toHaveText("You revoked the debit authorization.");
  await expect(page.getByRole("button", { name: "Use for payments" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/desktop-revoked.png`, fullPage: true });
});

test("the authorization reads and works at phone width", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsNewUser(page, "pay-by-bank-phone");
  await linkAtTestInstitution(page, ["Savings"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 1 account.");
  await openAccount(page, "Savings");
  const card = page.getByTestId("payments-card");
  // By keyboard: the box, then the button.
  await card.getByLabel("I have read and accept this debit authorization.").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(card.getByRole("button", { name: "Use for payments" })).toBeFocused();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/phone-authorization.png`, fullPage: true });
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("mandate-details")).toBeVisible({ timeout: 30_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/phone-ready.png`, fullPage: true });
});
