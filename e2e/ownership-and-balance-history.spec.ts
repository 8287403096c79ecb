import { expect, test, type Page } from "@playwright/test";
import { linkAtTestInstitution, openFirstAccount, openModal, pickAccounts, signInAsDemo, signInAsNewUser } from "./fixtures";

const SHOTS = "test-results/ownership";

async function linkAtOwnershipAccounts(page: Page, names: string[]) {
  const modal = await openModal(page);
  await modal.locator('[data-institution="ownership_accounts"]').click();
  await pickAccounts(modal, names);
}

/** The account's page once its ownership has been compared (owners arrive after linking, by webhook). */
async function openAccountWithVerdict(page: Page, name: string) {
  await page.goto("/accounts");
  const href = await page.getByTestId("account-card").filter({ hasText: name }).getAttribute("href");
  const verdict = page.getByTestId("ownership-verdict");
  // page.goto waits for the page (a first compile on the development server included), so
  // each try's own wait is only for the verdict.
  await expect(async () => {
    await page.goto(href!);
    await expect(verdict).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  return verdict;
}

test("someone else's account is flagged to the person and in the admin table; a profile fix confirms their own", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const email = await signInAsNewUser(page, "ownership");
  await linkAtOwnershipAccounts(page, ["Other Owner", "Matching Owner"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 2 accounts.");

  // Nothing on file says who this person is yet: neither account is confirmed as theirs.
  const other = await openAccountWithVerdict(page, "Other Owner");
  await expect(other).toHaveAttribute("data-verdict", "unconfirmed");
  await expect(other).toContainText("We could not confirm you own this account");
  await other.getByText("Why").click();
  await expect(other.getByTestId("ownership-fields")).toContainText("No match");
  await page.screenshot({ path: `${SHOTS}/desktop-account-unconfirmed.png`, fullPage: true });
  await expect(await openAccountWithVerdict(page, "Matching Owner")).not.toHaveAttribute("data-verdict", "confirmed");

  // The admin's table filtered to accounts whose ownership is not confirmed.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsDemo(admin, "admin");
  const filtered = `/admin/accounts?ownership=not_confirmed&q=${encodeURIComponent(email)}`;
  await admin.goto(filtered);
  const otherRow = admin.getByRole("row").filter({ hasText: "Other Owner" });
  await expect(otherRow).toContainText("Unconfirmed");
  await expect(admin.getByRole("row").filter({ hasText: "Matching Owner" })).toHaveCount(1);
  await admin.screenshot({ path: `${SHOTS}/admin-accounts-not-confirmed.png`, fullPage: true });
  await otherRow.getByRole("link").first().click();
  await expect(admin.getByTestId("admin-ownership-match")).toContainText("Unconfirmed");
  await expect(admin.getByTestId("admin-ownership-match").getByTestId("ownership-fields")).toContainText("No match");
  await admin.screenshot({ path: `${SHOTS}/admin-account-detail.png`, fullPage: true });

  // The person puts their name as the bank knows it in their profile.
  await page.goto("/profile");
  await page.getByLabel("Full legal name (as your bank knows it)").fill("Jenny Rosen");
  // The browser checks the email's shape itself; the server names what the browser lets through.
  expect(await page.getByLabel("Email").evaluate((input: HTMLInputElement) => input.type)).toBe("email");
  await page.getByLabel("Phone").fill("12");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("must have at least 7 digits")).toBeVisible();
  await expect(page.getByLabel("Full legal name (as your bank knows it)")).toHaveValue("Jenny Rosen");
  await page.getByLabel("Phone").fill("+1 415 555 0123");
  await page.getByLabel("Email").fill("jenny.rosen@example.com");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/desktop-profile-saved.png`, fullPage: true });

  const mine = await openAccountWithVerdict(page, "Matching Owner");
  await expect(mine).toHaveAttribute("data-verdict", "confirmed");
  await expect(mine).toContainText("Ownership confirmed");
  await page.screenshot({ path: `${SHOTS}/desktop-account-confirmed.png`, fullPage: true });
  await expect(await openAccountWithVerdict(page, "Other Owner")).toHaveAttribute("data-verdict", "unconfirmed");

  await admin.goto(filtered);
  await expect(admin.getByRole("row").filter({ hasText: "Other Owner" })).toHaveCount(1);
  await expect(admin.getByRole("row").filter({ hasText: "Matching Owner" })).toHaveCount(0);
  await adminContext.close();
});

test("the balance chart after several refreshes, with its table, at phone width and on a desktop", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsNewUser(page, "balance-history");
  await linkAtTestInstitution(page, ["Checking"]);
  await expect(page.getByTestId("account-card")).toHaveCount(1);
  await openFirstAccount(page);
  const balance = page.getByTestId("detail-balance");
  await expect(balance).toHaveText(/^\$[\d,]+\.\d\d$/);
  // Transactions bring the history before the first refresh (derived from them).
  await expect(page.getByTestId("transactions").locator("tr").first()).toBeVisible({ timeout: 30_000 });

  for (let i = 0; i < 2; i++) {
    const before = await balance.textContent();
    await page.getByRole("button", { name: "Refresh balance" }).click();
    await expect(page.getByRole("button", { name: "Refresh balance" })).toBeVisible({ timeout: 30_000 });
    await expect(balance).not.toHaveText(before!);
  }
  await page.reload();
  const chart = page.getByRole("img", { name: /^Current balance/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("svg path").first()).toBeVisible();
  await page.getByText("Show as a table").click();
  const rows = page.getByTestId("balance-history-table").locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(30);
  // Today's row is the balance the page shows (the newest refresh of the day wins).
  await expect(rows.last()).toContainText((await balance.textContent())!);
  await expect(page.getByTestId("balance-history-table")).toContainText("estimated from transactions");
  await page.screenshot({ path: `${SHOTS}/phone-balance-chart.png`, fullPage: true });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/desktop-balance-chart.png`, fullPage: true });
  await page.goto("/accounts");
  await expect(page.getByTestId("account-card").getByRole("img", { name: /^Balance trend/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/desktop-accounts-trend.png`, fullPage: true });
});
