import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, type Page } from "@playwright/test";

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
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await openMagicLink(page, email);
  await expect(page).toHaveURL(/\/accounts$/);
  return email;
}

/**
 * Opens the first account card's detail page. Right after linking, the list re-renders once
 * pending refreshes settle; a click racing that re-render can be dropped, so it is retried.
 * Each try waits long enough for a slow render (seconds on the embedded database under
 * load): a retry that comes too early cancels the navigation it should be waiting for.
 */
export async function openFirstAccount(page: Page) {
  await expect(async () => {
    await page.getByTestId("account-card").first().click();
    await expect(page).toHaveURL(/\/accounts\/[^/]+$/, { timeout: 20_000 });
  }).toPass({ timeout: 60_000 });
}
