import { expect, test } from "@playwright/test";
import { openMagicLink, signInAsDemo, uniqueEmail } from "./fixtures";

test("the landing page says what the app does and leads to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Connect your bank accounts");
  await page.getByRole("link", { name: "Sign in to get started" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Linkwell" })).toBeVisible();
});

test("an anonymous visitor is sent to sign-in and back to the page after", async ({ page }) => {
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccounts/);
  const email = uniqueEmail();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await openMagicLink(page, email);
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("a sign-in link works once", async ({ page, browser }) => {
  const email = uniqueEmail("once");
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await openMagicLink(page, email);
  await expect(page).toHaveURL(/\/accounts$/);

  const other = await browser.newContext();
  const second = await other.newPage();
  await openMagicLink(second, email);
  await expect(second.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  await other.close();
});

test("an invalid email is refused on the page with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter a valid email address" })).toBeVisible();
});

test("ADMIN_EMAILS makes that person an admin when they sign in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill("e2e-admin@linkwell.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await openMagicLink(page, "e2e-admin@linkwell.test");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin overview" })).toBeVisible();
});

test("the demo user signs in, sees the shell, cannot open admin, and signs out", async ({ page }) => {
  await signInAsDemo(page, "user");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const adminResponse = await page.goto("/admin");
  expect(adminResponse?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await page.goto("/accounts");
  await page.locator("summary", { hasText: "Account menu for" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/signin/);
});

test("the demo admin signs in and sees the admin area", async ({ page }) => {
  await signInAsDemo(page, "admin");
  await expect(page.getByRole("heading", { name: "Admin overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
});

test("the demo sign-in names a bad field", async ({ request }) => {
  const response = await request.post("/api/dev/demo-sign-in", { form: { as: "root" }, maxRedirects: 0 });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.error.field).toBe("as");
  expect(body.error.message).toContain("as");
});
