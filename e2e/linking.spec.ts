import { expect, test } from "@playwright/test";
import { linkAtTestInstitution, modalOf, openFirstAccount, openModal, pickAccounts, queryDatabase, signInAsNewUser, stackInfo, waitForHydration } from "./fixtures";

test("link two accounts at Test Institution; both listed with balances, still there after reload", async ({ page }) => {
  await signInAsNewUser(page, "link-two");
  await expect(page.getByRole("heading", { name: "No bank accounts linked yet" })).toBeVisible();
  await linkAtTestInstitution(page, ["Checking", "Savings"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 2 accounts.");
  const cards = page.getByTestId("account-card");
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: "Checking" })).toContainText("•••• 6789");
  await expect(cards.filter({ hasText: "Savings" })).toContainText("•••• 4321");
  // One balance per card (an empty list would otherwise pass): waits until both have arrived.
  await expect(page.getByTestId("balance-current")).toHaveText([/^\$[\d,]+\.\d\d$/, /^\$[\d,]+\.\d\d$/]);

  await page.reload();
  await expect(page.getByTestId("account-card")).toHaveCount(2);
});

test("closing the modal midway links nothing and says so", async ({ page }) => {
  const email = await signInAsNewUser(page, "close-midway");
  const modal = await openModal(page);
  await modal.locator('[data-institution="test_institution"]').click();
  await expect(modal.getByTestId("account-list")).toBeVisible();
  await modal.getByTestId("close").click();
  await expect(page.getByTestId("link-outcome")).toHaveText(/No accounts were linked/);
  await expect(page.getByTestId("link-outcome")).toHaveAttribute("role", "status");
  await expect(page.getByTestId("account-card")).toHaveCount(0);
  const sessions = await queryDatabase<{ status: string }>(
    `SELECT ls.status FROM "LinkSession" ls JOIN "User" u ON u.id = ls."userId" WHERE u.email = $1`,
    [email],
  );
  expect(sessions).toEqual([{ status: "cancelled" }]);
});

test("Escape closes the modal too, and the button works again after", async ({ page }) => {
  await signInAsNewUser(page, "escape");
  const modal = await openModal(page);
  await expect(modal.getByTestId("institution-list")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("link-outcome")).toHaveText(/No accounts were linked/);
  await linkAtTestInstitution(page, ["Checking"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 1 account.");
});

test("Down Bank shows its error and links nothing", async ({ page }) => {
  await signInAsNewUser(page, "down-bank");
  const modal = await openModal(page);
  await modal.locator('[data-institution="down_bank_unscheduled"]').click();
  await expect(modal.getByTestId("banner")).toContainText("currently unavailable");
  await modal.getByTestId("close").click();
  await expect(page.getByTestId("link-outcome")).toHaveText(/No accounts were linked/);
  await expect(page.getByTestId("account-card")).toHaveCount(0);
});

test("Test OAuth Institution links through the popup", async ({ page, context }) => {
  await signInAsNewUser(page, "oauth");
  const modal = await openModal(page);
  const popupPromise = context.waitForEvent("page");
  await modal.locator('[data-institution="test_oauth_institution"]').click();
  const popup = await popupPromise;
  await popup.getByTestId("oauth-authorize").click();
  await pickAccounts(modal, ["Joint Checking"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 1 account.");
  await expect(page.getByTestId("account-card")).toContainText("Test OAuth Institution");
});

test("relinking the same bank account updates it instead of adding a copy", async ({ page }) => {
  await signInAsNewUser(page, "relink");
  await linkAtTestInstitution(page, ["Checking"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 1 account.");
  await linkAtTestInstitution(page, ["Checking"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Updated 1 you had already linked.");
  await expect(page.getByTestId("account-card")).toHaveCount(1);
});

test("another user gets 404 for someone else's account, on the page and its state API", async ({ page, browser }) => {
  await signInAsNewUser(page, "owner");
  await linkAtTestInstitution(page, ["Savings"]);
  await openFirstAccount(page);
  const accountUrl = page.url();
  const accountId = accountUrl.split("/").pop()!;

  const other = await browser.newContext();
  const intruder = await other.newPage();
  await signInAsNewUser(intruder, "intruder");
  expect((await intruder.goto(accountUrl))?.status()).toBe(404);
  expect((await intruder.request.get(`/api/accounts/${accountId}`)).status()).toBe(404);
  // Refresh and disconnect are server actions: server/accounts/refresh-account.test.ts and the authorization matrix try them as another user.
  await other.close();
});

test("double-clicking the button makes one customer and one session", async ({ page }) => {
  const email = await signInAsNewUser(page, "double-click");
  await page.getByRole("button", { name: "Link a bank account" }).first().dblclick();
  const modal = modalOf(page);
  await expect(modal.getByTestId("consent-agree")).toBeVisible();
  await expect(page.locator("iframe[data-stripe-emulator]")).toHaveCount(1);
  await modal.getByTestId("close").click();
  await expect(page.getByTestId("link-outcome")).toBeVisible();

  const sessions = await queryDatabase(`SELECT ls.id FROM "LinkSession" ls JOIN "User" u ON u.id = ls."userId" WHERE u.email = $1`, [email]);
  expect(sessions).toHaveLength(1);
  const customers = await fetch(`${stackInfo().emulatorUrl}/v1/customers?email=${encodeURIComponent(email)}`, {
    headers: { authorization: "Bearer sk_test_emulator_local" },
  }).then((r) => r.json() as Promise<{ data: unknown[] }>);
  expect(customers.data).toHaveLength(1);
});

test("account detail: balance, owners, transactions with a status filter, and disconnect", async ({ page }) => {
  await signInAsNewUser(page, "detail");
  await linkAtTestInstitution(page, ["Checking"]);
  await openFirstAccount(page);
  await expect(page.getByTestId("detail-balance")).toHaveText(/^\$[\d,]+\.\d\d$/);
  // Ownership and transactions were requested at linking; the page settles when they arrive.
  await expect(page.getByTestId("owners")).toContainText("Jenny Rosen", { timeout: 20_000 });
  await expect(page.getByTestId("transactions").locator("tr").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("owners")).toContainText("•••");

  // Posted: the 90-day history always holds some (a day may have no pending ones), so the
  // check below runs on real rows, never on an empty table.
  await page.getByLabel("Status").selectOption("posted");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=posted/);
  const statuses = page.getByTestId("transactions").locator("td:nth-child(3)");
  await expect(statuses.first()).toBeVisible();
  const shown = (await statuses.allTextContents()).map((s) => s.toLowerCase());
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual(shown.map(() => "posted"));

  // The filter loaded the page again: the dialog exists once React runs (the in-page confirm
  // step without JavaScript is no-javascript.spec's).
  await waitForHydration(page);
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Disconnected", { exact: true }).first()).toBeVisible();
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { name: "Disconnected" })).toBeVisible();
});
