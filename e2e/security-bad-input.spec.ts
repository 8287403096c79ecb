// Every JSON endpoint, fed wrong types, missing fields, a body over 1 MB, broken JSON, a
// non-JSON Content-Type and invalid UTF-8, answers 4xx with a message a person can act on,
// never a 500. HTML- and SQL-looking input is stored as text and shown inert.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createApiKeyAsAdmin, queryDatabase, signInAsDemo } from "./fixtures";

const UNKNOWN = "cl_unknown_0000000000000000";
type Endpoint = { path: string; as: "user" | "admin" | "anyone"; valid?: Record<string, unknown> };

const JSON_ENDPOINTS: Endpoint[] = [
  { path: "/api/link-sessions", as: "user" },
  { path: `/api/link-sessions/${UNKNOWN}/complete`, as: "user" },
  { path: "/api/link-tokens", as: "user" },
  { path: "/api/link-tokens/start", as: "anyone" },
  { path: "/api/link-tokens/complete", as: "anyone" },
  { path: "/api/webhooks/stripe", as: "anyone" },
];

const MB = 1024 * 1024;
const BAD_BODIES: { name: string; body: string | Buffer; type?: string }[] = [
  { name: "broken JSON", body: '{"attemptId": ' },
  { name: "JSON array", body: "[1,2,3]" },
  { name: "JSON string", body: '"hello"' },
  { name: "JSON null", body: "null" },
  { name: "wrong types", body: JSON.stringify({ attemptId: 42, feature: ["balances"], reason: { a: 1 }, role: true, name: 7, redirect_uris: "x", token: 1, resume: false }) },
  { name: "missing fields", body: "{}" },
  { name: "deeply nested", body: "[".repeat(5000) + "]".repeat(5000) },
  { name: "1 MB+ body", body: JSON.stringify({ attemptId: "x".repeat(MB + 10) }) },
  { name: "text/plain", body: '{"attemptId":"00000000-0000-4000-8000-000000000000"}', type: "text/plain" },
  { name: "form encoding", body: "attemptId=1", type: "application/x-www-form-urlencoded" },
  { name: "invalid UTF-8", body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) },
  { name: "UTF-16 with BOM", body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', "utf16le")]), type: "application/json; charset=utf-16" },
];

async function signedIn(playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } }, baseURL: string | undefined, as: "user" | "admin") {
  const context = await playwright.request.newContext({ baseURL });
  const response = await context.post("/api/dev/demo-sign-in", { form: { as }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  return context;
}

test("JSON endpoints answer bad bodies with a clear 4xx, never a 500", async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  const callers = {
    user: await signedIn(playwright, baseURL, "user"),
    admin: await signedIn(playwright, baseURL, "admin"),
    anyone: await playwright.request.newContext({ baseURL }),
  };
  const failures: string[] = [];
  for (const endpoint of JSON_ENDPOINTS) {
    for (const bad of BAD_BODIES) {
      const response = await callers[endpoint.as].post(endpoint.path, {
        headers: { "content-type": bad.type ?? "application/json" },
        data: bad.body,
        timeout: 60_000,
      });
      const status = response.status();
      const json = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
      const message = json?.error?.message;
      if (status < 400 || status >= 500) failures.push(`${endpoint.path} ${bad.name}: ${status}`);
      else if (typeof message !== "string" || message.length < 5) failures.push(`${endpoint.path} ${bad.name}: ${status} without a message`);
    }
  }
  expect(failures).toEqual([]);
  for (const context of Object.values(callers)) await context.dispose();
});

test("the demo sign-in form answers a broken form with 400 and a message", async ({ request }) => {
  for (const [type, body] of [
    ["application/x-www-form-urlencoded", "as=root"],
    ["application/x-www-form-urlencoded", "%%%"],
    ["application/json", '{"as":"admin"}'],
    ["multipart/form-data; boundary=x", "--x\r\nbroken"],
    ["text/plain", "\xff\xfe"],
  ]) {
    const response = await request.post("/api/dev/demo-sign-in", { headers: { "content-type": type! }, data: body, maxRedirects: 0 });
    expect(response.status(), `${type} ${body}`).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/as/);
  }
});

test("HTML- and SQL-looking input is stored as typed and shown inert", async ({ page }) => {
  // Within the 80 characters an API key name may have.
  const name = `<img src=x onerror="window.__xss=1">'; DROP TABLE "User";--${Date.now().toString(36)}`;
  await signInAsDemo(page, "admin");
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await createApiKeyAsAdmin(page, name, ["inertapp://linked"]);
  const stored = await queryDatabase<{ name: string }>(`SELECT name FROM "ApiKey" WHERE name = $1`, [name]);
  expect(stored).toEqual([{ name }]);
  expect((await queryDatabase<{ n: string }>(`SELECT count(*)::text AS n FROM "User"`))[0]!.n).not.toBe("0");

  await page.goto("/admin/api-keys");
  await expect(page.getByText(name, { exact: false }).first()).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
});

// PostgreSQL text cannot hold a NUL byte: one reaching a query used to be a 500 (and cut the CSV
// export off mid-stream). Every address carrying one is refused before any page or route runs.
test("a NUL byte in a search, an id or the export is a 400, never a 500", async ({ playwright, baseURL }) => {
  const admin = await signedIn(playwright, baseURL, "admin");
  const user = await signedIn(playwright, baseURL, "user");
  const probes: [APIRequestContext, "GET" | "POST", string][] = [
    [admin, "GET", "/admin/accounts?q=%00"],
    [admin, "GET", "/admin/users?q=%00"],
    [admin, "GET", "/admin/users?q=a%00b"],
    [admin, "GET", "/admin/webhooks?q=%00"],
    [admin, "GET", "/admin/audit?q=%00"],
    [admin, "GET", "/admin/relink?q=%00"],
    [admin, "GET", "/api/admin/accounts?q=%00"],
    [admin, "GET", "/api/admin/accounts?institution=%00"],
    [admin, "GET", "/api/admin/accounts/export?q=%00"],
    [admin, "GET", "/admin/accounts/%00"],
    [admin, "GET", "/admin/users/%00"],
    [admin, "GET", "/admin/webhooks/%00"],
    [user, "GET", "/accounts/%00"],
    [user, "GET", "/api/accounts/%00"],
    [user, "POST", "/api/link-sessions/%00/complete"],
    [admin, "POST", "/admin/users/%00"],
    [user, "GET", "/link/%00"],
    [user, "GET", "/link/resume/%00"],
  ];
  const failures: string[] = [];
  for (const [context, method, path] of probes) {
    const response = await context.fetch(path, { method, data: method === "POST" ? {} : undefined, maxRedirects: 0, timeout: 60_000 });
    if (response.status() !== 400) failures.push(`${method} ${path}: ${response.status()}`);
  }
  expect(failures).toEqual([]);
  for (const context of [admin, user]) await context.dispose();
});

test("a NUL character in a JSON body is a 400 naming the problem, never a 500", async ({ playwright, baseURL }) => {
  const user = await signedIn(playwright, baseURL, "user");
  const minted = await user.post("/api/link-tokens", { data: { redirect_uri: "linkwell-e2e://linked", state: "nul\u0000state" } });
  expect(minted.status()).toBe(400);
  expect(((await minted.json()) as { error: { message: string } }).error.message).toMatch(/state: .*NUL/);
  await user.dispose();
});

test("a NUL character in an admin form field is refused naming the field, and nothing is stored", async ({ page }) => {
  await signInAsDemo(page, "admin");
  await page.goto("/admin/api-keys");
  const name = `nul\u0000name ${Date.now()}`;
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^Redirect URIs/).fill("nulapp://linked");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "NUL" })).toContainText("name: must not contain a NUL character");
  expect(await queryDatabase(`SELECT id FROM "Integration" WHERE "redirectUris" = '{nulapp://linked}'`)).toEqual([]);
});
