// The admin's buttons without JavaScript: each is a plain form posting to its server action, so
// the page that comes back shows the outcome. The owner links accounts with JavaScript (the
// Stripe modal needs it); the admin signs in with the demo button, itself a plain form.
import { expect, test } from "@playwright/test";
import { linkAccountsAsNewUser, queryDatabase, signInAsDemo } from "./fixtures";

test.use({ javaScriptEnabled: false });
test.describe.configure({ timeout: 180_000 });

const SHOTS = "test-results/no-javascript-admin";

// The development server compiles each page and route on first use (many seconds on a loaded
// machine): once up front, so the tests' waits are about the app.
test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  await request.post("/api/dev/demo-sign-in", { form: { as: "admin" }, maxRedirects: 0, timeout: 120_000 });
  for (const path of ["/accounts", "/admin/accounts", "/admin/accounts/warm-up", "/admin/users", "/admin/users/warm-up", "/admin/api-keys"]) {
    await request.get(path, { timeout: 120_000, maxRedirects: 0 });
  }
  await request.post("/api/link-sessions/warm-up/complete", { data: {}, timeout: 120_000 });
});

test("without JavaScript an admin filters accounts, changes a user's role and disconnects an account", async ({ browser, page }) => {
  const ownerEmail = await linkAccountsAsNewUser(browser, "nojs-owner");
  await signInAsDemo(page, "admin");

  // Filters are a GET form: the URL carries them.
  await page.goto("/admin/accounts");
  await page.getByRole("searchbox", { name: "Search" }).fill(ownerEmail);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(ownerEmail).replace(/[.]/g, "\\.")}`));
  await expect(page.getByRole("row").filter({ hasText: ownerEmail })).toHaveCount(2);

  // Role: promote, then demote; each answer is the re-rendered page with the message.
  await page.goto(`/admin/users?q=${encodeURIComponent(ownerEmail)}`);
  await page.getByRole("link", { name: ownerEmail }).click();
  await page.getByRole("button", { name: "Promote to admin" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Promoted to admin." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Demote to user" })).toBeVisible();
  const [promoted] = await queryDatabase<{ role: string }>(`SELECT role FROM "User" WHERE email = $1`, [ownerEmail]);
  expect(promoted!.role).toBe("admin");
  await page.screenshot({ path: `${SHOTS}/role-promoted.png`, fullPage: true });
  await page.getByRole("button", { name: "Demote to user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demoted to user." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Promote to admin" })).toBeVisible();

  // Disconnect: the confirmation step is a <details>, the reason a required field.
  const [account] = await queryDatabase<{ id: string }>(
    `SELECT la.id FROM "LinkedAccount" la JOIN "User" u ON u.id = la."userId" WHERE u.email = $1 AND la.last4 = '6789'`,
    [ownerEmail],
  );
  await page.goto(`/admin/accounts/${account!.id}`);
  await page.getByText("Disconnect…", { exact: true }).click();
  const reason = `No-JS disconnect ${Date.now()}`;
  await page.getByLabel("Reason for disconnecting").fill(reason);
  await page.screenshot({ path: `${SHOTS}/disconnect-open.png`, fullPage: true });
  await page.getByRole("button", { name: "Disconnect account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Account disconnected." })).toBeVisible();
  await expect(page.getByText("This account is disconnected.")).toBeVisible();
  await expect(page.getByTestId("audit-entry").filter({ hasText: reason })).toContainText("account.disconnect");
  await page.screenshot({ path: `${SHOTS}/disconnected.png`, fullPage: true });
  const [stored] = await queryDatabase<{ status: string }>(`SELECT status FROM "LinkedAccount" WHERE id = $1`, [account!.id]);
  expect(stored!.status).toBe("disconnected");

  // A refusal is shown the same way: refreshing a disconnected account is not offered, so ask for
  // a refresh of the owner's other account and see the outcome.
  const [other] = await queryDatabase<{ id: string }>(
    `SELECT la.id FROM "LinkedAccount" la JOIN "User" u ON u.id = la."userId" WHERE u.email = $1 AND la.last4 = '4321'`,
    [ownerEmail],
  );
  await page.goto(`/admin/accounts/${other!.id}`);
  await page.getByRole("button", { name: "Refresh balance" }).click();
  await expect(page.getByRole("status").or(page.getByRole("alert")).filter({ hasText: /refresh/i }).first()).toBeVisible();
});

test("without JavaScript an admin creates an API key, sees its secret once, and revokes it", async ({ page }) => {
  await signInAsDemo(page, "admin");
  await page.goto("/admin/api-keys");
  const name = `No-JS key ${Date.now()}`;
  // A refusal keeps what was typed.
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^Redirect URIs/).fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "redirect_uris" })).toContainText("line 1: javascript:alert(1)");
  await expect(page.getByLabel(/^Name/)).toHaveValue(name);

  await page.getByLabel(/^Redirect URIs/).fill("nojsapp://linked");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^lwk_/);
  await page.screenshot({ path: `${SHOTS}/api-key-created.png`, fullPage: true });
  // Shown once: the page read again does not have it.
  await page.goto("/admin/api-keys");
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  const row = page.locator(`[data-testid="api-key-row"][data-prefix="${secret.slice(0, 12)}"]`);
  await row.getByText("Revoke", { exact: true }).filter({ visible: true }).click();
  await row.getByRole("button", { name: "Revoke key" }).filter({ visible: true }).click();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(row.getByRole("status").filter({ hasText: "Revoked." })).toBeVisible();
  const [key] = await queryDatabase<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "ApiKey" WHERE name = $1`, [name]);
  expect(key!.revokedAt).not.toBeNull();
});
