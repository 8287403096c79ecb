import { expect, test } from "@playwright/test";
import { PROD_URL } from "./fixtures";
import { killAllInstances, startInstance } from "./spawn-instance";

test("the health endpoint names each dependency's state", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { ok: true }, migrations: { ok: true } });
  expect(response.headers()["cache-control"]).toBe("no-store");
});

test("every response carries a request id, and a load balancer's well-formed one is kept", async ({ request }) => {
  const minted = (await request.get("/api/health")).headers()["x-request-id"];
  expect(minted).toMatch(/^[0-9a-f-]{36}$/);
  const echoed = await request.get("/signin", { headers: { "x-request-id": "lb-e2e-7f3a" } });
  expect(echoed.headers()["x-request-id"]).toBe("lb-e2e-7f3a");
  const replaced = await request.get("/api/health", { headers: { "x-request-id": "<script>" } });
  expect(replaced.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test.describe("the production build", () => {
  test("refuses the demo sign-in with 404", async ({ request }) => {
    const response = await request.post(`${PROD_URL}/api/dev/demo-sign-in`, { form: { as: "admin" }, maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(response.headers()["set-cookie"] ?? "").not.toContain("session-token");
  });

  test("has no development outbox", async ({ request }) => {
    const response = await request.get(`${PROD_URL}/dev/outbox`);
    expect(response.status()).toBe(404);
  });

  test("offers no demo buttons on the sign-in page", async ({ page }) => {
    await page.goto(`${PROD_URL}/signin`);
    await expect(page.getByRole("heading", { name: "Sign in to Linkwell" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Demo user" })).toHaveCount(0);
    await expect(page.getByText("development only")).toHaveCount(0);
  });

  test("serves the landing page and health", async ({ request }) => {
    expect((await request.get(`${PROD_URL}/`)).status()).toBe(200);
    const health = await request.get(`${PROD_URL}/api/health`, { headers: { "x-request-id": "lb-prod-1" } });
    expect(health.status()).toBe(200);
    expect(health.headers()["x-request-id"]).toBe("lb-prod-1");
    expect((await request.head(`${PROD_URL}/api/health`)).status()).toBe(200);
  });
});

test.describe("a production start fails closed", () => {
  test.afterAll(async () => {
    await killAllInstances();
  });

  test("`next start` with the emulator's settings and no TEST_DEPLOYMENT stops, naming each one", async () => {
    test.setTimeout(120_000);
    // The stack's production settings are the emulator's, on http, without a mail server: only
    // TEST_DEPLOYMENT=1 lets them start. Without it the server must exit, not serve.
    const error = await startInstance({ TEST_DEPLOYMENT: "" }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error, "the instance started and answered /api/health").not.toBeNull();
    for (const name of ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "EMAIL_SERVER", "NEXTAUTH_URL", "STRIPE_API_BASE"]) {
      expect(error!.message).toContain(`${name} `);
    }
    expect(error!.message).toMatch(/exited with 1/);
    expect(error!.message).not.toContain("whsec_emulator_local_signing_secret");
  });
});
