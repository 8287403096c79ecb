import { expect, type Page } from "@playwright/test";

export const PROD_URL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

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
