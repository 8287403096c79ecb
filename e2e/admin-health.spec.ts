// The deployment self-check page: an admin sees every check with its status and remedy, passing
// ones (database, Stripe through the emulator, linking page headers) and failing ones (a callback
// URL the SSRF rule refuses, set up directly as a key registered before the rule).
import { expect, test } from "@playwright/test";
import { queryDatabase, signInAsDemo } from "./fixtures";

test("an admin sees passing and failing deployment checks with their remedies", async ({ page }) => {
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await queryDatabase(
    `WITH integration AS (INSERT INTO "Integration" (id, name, "redirectUris") VALUES ($1, 'Metadata probe', '{}') RETURNING id)
     INSERT INTO "ApiKey" (id, name, prefix, "secretHash", "integrationId", "webhookUrl")
     SELECT $1, 'Metadata probe', 'lw_test', $1, integration.id, 'https://169.254.169.254/latest/meta-data?token=integrator-secret' FROM integration`,
    [`key_health_${suffix}`],
  );

  await signInAsDemo(page, "admin");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Health" }).click();
  await expect(page).toHaveURL(/\/admin\/health$/);
  await expect(page.getByRole("heading", { name: "Deployment health" })).toBeVisible();

  const row = (id: string) => page.locator(`[data-testid="health-check"][data-check="${id}"]`);
  await expect(page.getByTestId("health-check")).toHaveCount(17);
  // Every status at once, so a failure shows the whole picture. The Stripe call and the fetch
  // of a /link page can time out on a loaded machine (the page then says so): reload once more.
  const passing = ["database.reachable", "database.migrations", "database.pool", "stripe.keys", "stripe.mode", "stripe.api", "linking.headers"];
  await expect(async () => {
    const statuses = Object.fromEntries(
      await page.getByTestId("health-check").evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-check"), `${r.getAttribute("data-status")}: ${r.textContent}`])),
    ) as Record<string, string>;
    const notPassing = passing.filter((id) => !statuses[id]?.startsWith("pass:")).map((id) => statuses[id]);
    if (notPassing.length) {
      await page.reload();
      expect(notPassing).toEqual([]);
    }
  }).toPass({ timeout: 60_000 });
  await expect(row("stripe.api")).toContainText("emulator");
  await expect(row("linking.headers")).toContainText("Referrer-Policy: strict-origin-when-cross-origin");
  // The page was requested on the host NEXTAUTH_URL names (development: http, so a warning only).
  await expect(row("web.public_url")).toContainText("not https");
  // No SMTP server in the test stack: development warns, with the remedy.
  await expect(row("email.delivery")).toHaveAttribute("data-status", "warn");
  await expect(row("email.delivery")).toContainText("Set EMAIL_SERVER");

  const callbacks = row("callbacks.endpoints");
  await expect(callbacks).toHaveAttribute("data-status", "fail");
  await expect(callbacks).toContainText("Metadata probe: https://169.254.169.254/latest/meta-data?… (169.254.169.254 is a link-local (cloud metadata) address)");
  await expect(callbacks).toContainText("Revoke those keys");
  await expect(page.getByText("integrator-secret")).toHaveCount(0);
  await expect(page.getByTestId("health-summary")).toContainText(/[1-9]\d* failed/);
  await page.screenshot({ path: "test-results/admin-health.png", fullPage: true });

  // Revoked, the key no longer counts.
  await queryDatabase(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = $1`, [`key_health_${suffix}`]);
  await page.reload();
  await expect(row("callbacks.endpoints")).not.toContainText("Metadata probe");
});
