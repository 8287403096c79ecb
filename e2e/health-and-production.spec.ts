import { expect, test } from "@playwright/test";
import { PROD_URL } from "./fixtures";

test("the health endpoint names each dependency's state", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { ok: true }, migrations: { ok: true } });
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
    expect((await request.get(`${PROD_URL}/api/health`)).status()).toBe(200);
  });
});
