import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, type Browser, type FrameLocator, type Page } from "@playwright/test";

const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
export const PROD_URL = `http://localhost:${APP_PORT + 1}`;

/** Signs in with the development demo buttons, as a person would. */
export async function signInAsDemo(page: Page, as: "user" | "admin") {
  await page.goto("/signin");
  await page.getByRole("button", { name: as === "admin" ? "Demo admin" : "Demo user" }).click();
  await expect(page).toHaveURL(as === "admin" ? /\/admin$/ : /\/accounts$/);
}

/** A unique address per test, so parallel tests never read each other's mail. */
export function uniqueEmail(prefix = "person") {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Opens the newest sign-in link sent to `email`, read from the app's development outbox. */
export async function openMagicLink(page: Page, email: string) {
  await page.goto("/dev/outbox");
  const link = page.locator(`[data-testid="outbox-link"][data-to="${email}"]`).first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toContain("/api/auth/callback/email");
  await page.goto(href!);
}

export type StackInfo = {
  databaseUrl: string;
  emulatorUrl: string;
  appUrl: string;
  /** The production server's settings (besides the inherited environment), for extra instances. */
  prodEnv: Record<string, string>;
};

/** Where the running e2e stack's database and Stripe emulator are (written by scripts/e2e-stack.ts). */
export function stackInfo(): StackInfo {
  return JSON.parse(readFileSync(`.data/e2e-stack-${APP_PORT}.json`, "utf8")) as StackInfo;
}

/** One query against the app's database, for assertions on what the server stored. */
export async function queryDatabase<T extends Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: stackInfo().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Signs in a new person by email (magic link from the outbox); returns their address. */
export async function signInAsNewUser(page: Page, prefix = "person"): Promise<string> {
  const email = uniqueEmail(prefix);
  await page.goto("/signin");
  await signInByEmail(page, email);
  await expect(page).toHaveURL(/\/accounts$/);
  return email;
}

/** On the sign-in page: asks for a link for `email` and opens it from the outbox. */
export async function signInByEmail(page: Page, email: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await openMagicLink(page, email);
}

/**
 * Opens the first account card's detail page by loading the card's address. A client-side
 * click on the card races the list's own re-render when pending refreshes settle, and in CI
 * the development server has answered such a navigation after 18 s and then dropped it; the
 * flows that use this helper are about what the detail page shows, so they load it outright.
 * Clicking a card is covered where nothing else moves: the deactivated one in lifecycle-relink
 * and without JavaScript in no-javascript.
 */
export async function openFirstAccount(page: Page) {
  const href = await page.getByTestId("account-card").first().getAttribute("href");
  expect(href).toMatch(/^\/accounts\/[^/]+$/);
  await page.goto(href!);
  await waitForHydration(page);
}

/**
 * Waits until React has hydrated the page's main content (it tags the DOM nodes it owns).
 * Until then the page's forms work as plain HTML (the flows without JavaScript); tests that
 * drive the scripted flows (the disconnect dialog, "Refreshing…" states) wait for this first.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const heading = document.querySelector("main h1");
    return Boolean(heading && Object.keys(heading).some((key) => key.startsWith("__reactFiber$")));
  });
}

/** The emulator's Stripe.js modal on the page. */
export const modalOf = (page: Page): FrameLocator => page.frameLocator("iframe[data-stripe-emulator]");

/** Opens the linking modal from the page's "Link a bank account" button and agrees to share. */
export async function openModal(page: Page) {
  await page.getByRole("button", { name: "Link a bank account" }).first().click();
  const modal = modalOf(page);
  await modal.getByTestId("consent-agree").click();
  return modal;
}

/** Picks accounts by name in the open modal and links them. */
export async function pickAccounts(modal: FrameLocator, names: string[]) {
  for (const name of names) await modal.getByTestId("account").filter({ hasText: new RegExp(`^${name}`) }).first().click();
  await modal.getByTestId("link-accounts").click();
  await modal.getByTestId("done").click();
}

/** Links the named accounts at the emulator's Test Institution, through the real modal (needs JavaScript). */
export async function linkAtTestInstitution(page: Page, names: string[]) {
  const modal = await openModal(page);
  await modal.locator('[data-institution="test_institution"]').click();
  await pickAccounts(modal, names);
}

/**
 * Creates an API key through the admin page's form, as an admin does (the page is signed in as
 * an admin); returns the key's id (looked up by its shown prefix) and its secret, shown once.
 */
export async function createApiKeyAsAdmin(page: Page, name: string, redirectUris: string[]): Promise<{ id: string; secret: string }> {
  await page.goto("/admin/api-keys");
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^Redirect URIs/).fill(redirectUris.join("\n"));
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent({ timeout: 60_000 }))?.trim() ?? "";
  expect(secret).toMatch(/^lwk_/);
  const [key] = await queryDatabase<{ id: string }>(`SELECT id FROM "ApiKey" WHERE prefix = $1 AND name = $2`, [secret.slice(0, "lwk_".length + 8), name]);
  expect(key, `the key "${name}" the form created`).toBeTruthy();
  return { id: key!.id, secret };
}

/** A new user links Checking (•••• 6789) and Savings at Test Institution through the app's own UI. */
export async function linkAccountsAsNewUser(browser: Browser, prefix = "admin-e2e-owner"): Promise<string> {
  // JavaScript on whatever the test uses: the Stripe modal needs it.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const email = await signInAsNewUser(page, prefix);
  await linkAtTestInstitution(page, ["Checking", "Savings"]);
  await expect(page.getByTestId("link-outcome")).toHaveText("Linked 2 accounts.");
  await context.close();
  return email;
}
