// The admin dashboard in Chromium: an admin finds a user's account by last4, disconnects it
// with a reason, sees the audit entry and exports CSV; non-admins and anonymous visitors
// never see the admin area.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { linkAccountsAsNewUser, queryDatabase, signInAsDemo, signInAsNewUser } from "./fixtures";

const ADMIN_PAGES = [
  "/admin",
  "/admin/accounts",
  "/admin/accounts/some-account",
  "/admin/users",
  "/admin/users/some-user",
  "/admin/relink",
  "/admin/webhooks",
  "/admin/webhooks/some-event",
  "/admin/audit",
  "/admin/health",
];

// The admin area's JSON and CSV reads. Its buttons are server actions: the authorization matrix
// (security-authorization-matrix.spec.ts) calls each as anonymous, non-admins and an admin.
const ADMIN_APIS = ["/api/admin/accounts", "/api/admin/accounts/export"];

// Each test signs in and opens pages that the development server compiles on first use;
// compiling them once up front keeps the tests' own waits about the app, not the compiler.
test.describe.configure({ timeout: 180_000 });
test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  for (const path of ["/signin", "/dev/outbox"]) await request.get(path, { timeout: 120_000 });
  await request.post("/api/dev/demo-sign-in", { form: { as: "admin" }, maxRedirects: 0, timeout: 120_000 });
  for (const path of ["/accounts", "/admin/api-keys", ...ADMIN_PAGES, ...ADMIN_APIS]) await request.get(path, { timeout: 120_000, maxRedirects: 0 });
});

test("an admin finds an account by last4, disconnects it with a reason, sees the audit entry and exports CSV", async ({ browser, page }) => {
  const ownerEmail = await linkAccountsAsNewUser(browser);
  const reason = `Owner asked support to remove it (${Date.now()})`;

  await signInAsDemo(page, "admin");
  await expect(page.getByRole("heading", { name: "Admin overview" })).toBeVisible();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Linked accounts" }).click();
  await expect(page.getByRole("heading", { name: "Linked accounts" })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("6789");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=6789/);
  const row = page.getByRole("row").filter({ hasText: ownerEmail });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("•••• 6789");
  await expect(row).toContainText("Active");
  await row.getByRole("link", { name: /6789/ }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("6789");
  await expect(page.getByText(ownerEmail).first()).toBeVisible();
  await page.getByText("Disconnect…", { exact: true }).click();
  // An empty reason cannot be sent: the browser asks for it, and nothing happens.
  await expect(page.getByLabel("Reason for disconnecting")).toHaveAttribute("required");
  await page.getByRole("button", { name: "Disconnect account" }).click();
  expect(await page.getByLabel("Reason for disconnecting").evaluate((box) => (box as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
  await expect(page.getByText("This account is disconnected.")).toHaveCount(0);
  await page.getByLabel("Reason for disconnecting").fill(reason);
  await page.getByRole("button", { name: "Disconnect account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Account disconnected." })).toBeVisible();
  await expect(page.getByText("This account is disconnected.")).toBeVisible();
  // The confirmation outlives the re-render that shows the new state.
  await expect(page.getByRole("status").filter({ hasText: "Account disconnected." })).toBeVisible();

  const entry = page.getByTestId("audit-entry").filter({ hasText: reason });
  await expect(entry).toContainText("account.disconnect");
  await expect(entry).toContainText("demo-admin@linkwell.test");
  const history = page.getByRole("table", { name: "Status history" }).getByRole("row").filter({ hasText: reason });
  await expect(history).toHaveCount(1);
  await expect(history).toContainText("Admin");
  await expect(history).toContainText("Disconnected");

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  const logged = page.getByTestId("audit-entry").filter({ hasText: reason });
  await expect(logged).toContainText(ownerEmail);
  await expect(logged).toContainText("account.disconnect");

  await page.goto(`/admin/accounts?q=${encodeURIComponent(ownerEmail)}`);
  await expect(page.getByRole("row").filter({ hasText: ownerEmail })).toHaveCount(2);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^linked-accounts-.*\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^account_id,stripe_account_id,user_id,user_email,institution/);
  expect(lines).toHaveLength(3);
  expect(lines.find((l) => l.includes(",6789,"))).toContain(",disconnected,");
  expect(lines.find((l) => l.includes(",4321,"))).toContain(",active,");
});

test("a signed-in non-admin gets 404 on every admin page and API", async ({ page }) => {
  await signInAsDemo(page, "user");
  for (const path of ADMIN_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  }
  for (const path of ADMIN_APIS) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.json()).toEqual({ error: { message: "Not found" } });
  }
});

test("anonymous visitors are sent to sign-in and the APIs answer 401", async ({ page }) => {
  const response = await page.goto("/admin/accounts?q=6789");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Faccounts%3Fq%3D6789$/);
  for (const path of ADMIN_APIS) expect((await page.request.get(path)).status(), path).toBe(401);
});

test("the admin pages render for an admin, with a working sub-navigation", async ({ page }: { page: Page }) => {
  await signInAsDemo(page, "admin");
  const nav = page.getByRole("navigation", { name: "Admin" });
  for (const [label, heading] of [
    ["Users", "Users"],
    ["Relink queue", "Relink queue"],
    ["Webhook events", "Webhook events"],
    ["Audit log", "Audit log"],
    ["Overview", "Admin overview"],
  ] as const) {
    await nav.getByRole("link", { name: label }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
  }
});

test("an admin promotes and demotes a user; an admin listed in ADMIN_EMAILS is not offered a demotion", async ({ browser, page }) => {
  const configuredEmail = "e2e-admin@linkwell.test";
  const other = await browser.newContext();
  const userEmail = await signInAsNewUser(await other.newPage(), "role-e2e");
  await other.close();
  // The configured admin as their first sign-in leaves them (sign-in.spec.ts signs them in by
  // email; doing that here too could race it for the same address's link in the outbox).
  await queryDatabase(
    `INSERT INTO "User" (id, email, role, "updatedAt") VALUES ($1, $2, 'admin', now()) ON CONFLICT (email) DO UPDATE SET role = 'admin'`,
    [`e2e-configured-${Date.now()}`, configuredEmail],
  );

  await signInAsDemo(page, "admin");
  await page.goto(`/admin/users?q=${encodeURIComponent(userEmail)}`);
  await page.getByRole("link", { name: userEmail }).click();
  await page.getByRole("button", { name: "Promote to admin" }).click();
  await expect(page.getByText("Promoted to admin.")).toBeVisible();
  await page.getByRole("button", { name: "Demote to user" }).click();
  await expect(page.getByText("Demoted to user.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Promote to admin" })).toBeVisible();

  await page.goto(`/admin/users?q=${encodeURIComponent(configuredEmail)}`);
  await page.getByRole("link", { name: configuredEmail }).click();
  await expect(page.getByTestId("configured-admin")).toContainText("ADMIN_EMAILS");
  await expect(page.getByRole("button", { name: "Demote to user" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/admin-configured-admin.png", fullPage: true });
});

test("an admin sees a given-up integrator callback and retries it", async ({ page }) => {
  // Nine hours of refused tries, set up directly: a callback to an endpoint nobody listens on.
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const linkSessionId = `ls_e2e_${suffix}`;
  await queryDatabase(
    `WITH integration AS (
       INSERT INTO "Integration" (id, name, "redirectUris") VALUES ($1, 'Callback e2e app', '{}') RETURNING id),
     key AS (
       INSERT INTO "ApiKey" (id, name, prefix, "secretHash", "integrationId", "webhookUrl")
       SELECT $1, 'Callback e2e app', 'lw_test', $1, integration.id, 'http://127.0.0.1:9/hooks?token=integrator-secret' FROM integration RETURNING id)
     INSERT INTO "IntegratorCallback" (id, "apiKeyId", "linkSessionId", url, body, attempts, "lastError")
     SELECT $2, key.id, $3, 'http://127.0.0.1:9/hooks?token=integrator-secret', '{}', 7, 'answered 503' FROM key`,
    [`key_e2e_${suffix}`, `cb_e2e_${suffix}`, linkSessionId],
  );

  await signInAsDemo(page, "admin");
  await page.goto("/admin/api-keys");
  const row = page.locator(`[data-testid="callback-row"][data-link-session="${linkSessionId}"]`);
  await expect(row).toContainText("Given up");
  await expect(row).toContainText("answered 503");
  await expect(row).toContainText("http://127.0.0.1:9/hooks?…");
  await expect(page.getByText("integrator-secret")).toHaveCount(0);
  await row.getByRole("button", { name: "Retry now" }).click();
  await expect(row.getByRole("alert")).toHaveText(/^Not delivered: /);
  // The page re-renders with the new try's outcome.
  // Coarse on purpose: a closed port, a non-HTTP service and silence read the same.
  await expect(row).toContainText("not delivered: no HTTP answer");
  await expect(row.getByRole("button", { name: "Retry now" })).toBeEnabled();
  await page.screenshot({ path: "test-results/admin-callbacks.png", fullPage: true });
  const [audit] = await queryDatabase<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "targetId" = $1`, [`cb_e2e_${suffix}`]);
  expect(audit?.action).toBe("integrator_callback.retry");
});
