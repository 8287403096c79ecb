// Who may call what: every page, route handler method and server action under app/, for five
// callers, each cell's status asserted. The routes come from the disk at run time, so a new
// page or handler (or a new method on one) fails this test until a row for it is added here.
// Mutations that must not run are sent with a body that fails validation: a 400 proves the
// caller got past authorization without changing anything.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type FrameLocator } from "@playwright/test";
import { queryDatabase, signInAsDemo, signInAsNewUser } from "./fixtures";

type Actor = "anonymous" | "userA" | "userB" | "admin" | "apiKey";
const ACTORS: Actor[] = ["anonymous", "apiKey", "userB", "admin", "userA"];
/** A status, any of several, or "n/a" (the caller has no way to call it, e.g. an API key on a page). */
type Cell = number | number[] | "n/a" | { status: number | number[]; body?: unknown };
type Row = {
  file: string;
  method: string;
  /** The URL to call; ids filled in from the fixture data. */
  path: (ids: Ids) => string;
  /** The body for mutations (JSON unless `form`), per row or overridden per cell. */
  body?: unknown;
  form?: Record<string, string>;
  expect: Record<Actor, Cell>;
  /** Runs after every other row (it changes the data other rows use). */
  last?: boolean;
};
type Ids = { accountA: string; userA: string };

const UNKNOWN = "cl_unknown_0000000000000000";
// Pages: an anonymous visitor to /accounts or /admin is redirected to /signin (307 by proxy.ts);
// a signed-in non-admin gets the same 404 as an unknown URL for the admin area.
const page = (file: string, path: Row["path"], expectations: Partial<Record<Actor, Cell>>): Row => ({
  file,
  method: "GET",
  path,
  expect: { anonymous: 200, userA: 200, userB: 200, admin: 200, apiKey: "n/a", ...expectations },
});
const userPage = { anonymous: 307, userA: 200, userB: 200, admin: 200 } as const;
const adminPage = { anonymous: 307, userA: 404, userB: 404, admin: 200 } as const;
const adminApi = { anonymous: 401, userA: 404, userB: 404, apiKey: 401 } as const;

const MATRIX: Row[] = [
  // Public pages
  page("app/page.tsx", () => "/", {}),
  page("app/signin/page.tsx", () => "/signin", { userA: [200, 307], userB: [200, 307], admin: [200, 307] }),
  page("app/signin/check-email/page.tsx", () => "/signin/check-email", {}),
  // Development only (404 in production: e2e/health-and-production.spec.ts).
  page("app/dev/outbox/page.tsx", () => "/dev/outbox", {}),
  // Hosted linking: the token is the credential, no cookie needed; an unknown one gets a friendly page.
  page("app/link/[token]/page.tsx", () => `/link/${UNKNOWN}`, {}),
  page("app/link/resume/[state]/page.tsx", () => `/link/resume/${UNKNOWN}`, {}),

  // A user's own pages
  page("app/accounts/page.tsx", () => "/accounts", userPage),
  page("app/accounts/[id]/page.tsx", (ids) => `/accounts/${ids.accountA}`, { ...userPage, userB: 404, admin: 404 }),

  // Admin pages
  page("app/admin/page.tsx", () => "/admin", adminPage),
  page("app/admin/accounts/page.tsx", () => "/admin/accounts", adminPage),
  page("app/admin/accounts/[id]/page.tsx", (ids) => `/admin/accounts/${ids.accountA}`, adminPage),
  page("app/admin/users/page.tsx", () => "/admin/users", adminPage),
  page("app/admin/users/[id]/page.tsx", (ids) => `/admin/users/${ids.userA}`, adminPage),
  page("app/admin/webhooks/page.tsx", () => "/admin/webhooks", adminPage),
  page("app/admin/webhooks/[id]/page.tsx", () => `/admin/webhooks/${UNKNOWN}`, { ...adminPage, admin: 404 }),
  page("app/admin/audit/page.tsx", () => "/admin/audit", adminPage),
  page("app/admin/relink/page.tsx", () => "/admin/relink", adminPage),
  page("app/admin/api-keys/page.tsx", () => "/admin/api-keys", adminPage),
  page("app/admin/health/page.tsx", () => "/admin/health", adminPage),

  // Public endpoints
  { file: "app/api/health/route.ts", method: "GET", path: () => "/api/health", expect: { anonymous: 200, userA: 200, userB: 200, admin: 200, apiKey: 200 } },
  { file: "app/api/health/route.ts", method: "HEAD", path: () => "/api/health", expect: { anonymous: 200, userA: 200, userB: 200, admin: 200, apiKey: 200 } },
  { file: "app/api/auth/[...nextauth]/route.ts", method: "GET", path: () => "/api/auth/session", expect: { anonymous: 200, userA: 200, userB: 200, admin: 200, apiKey: 200 } },
  // next-auth's POSTs need its CSRF token: without one, sign-out is refused (redirect to the error/sign-in page).
  { file: "app/api/auth/[...nextauth]/route.ts", method: "POST", path: () => "/api/auth/signout", form: { callbackUrl: "/" }, expect: { anonymous: 302, userA: 302, userB: 302, admin: 302, apiKey: 302 } },
  { file: "app/api/dev/demo-sign-in/route.ts", method: "POST", path: () => "/api/dev/demo-sign-in", form: { as: "root" }, expect: { anonymous: 400, userA: 400, userB: 400, admin: 400, apiKey: 400 } },
  // Signed by Stripe, not authorized by a cookie: an unsigned delivery is refused for everyone.
  { file: "app/api/webhooks/stripe/route.ts", method: "POST", path: () => "/api/webhooks/stripe", body: {}, expect: { anonymous: 400, userA: 400, userB: 400, admin: 400, apiKey: 400 } },

  // A user's own data: another user gets the same 404 as an unknown id.
  { file: "app/api/accounts/[id]/route.ts", method: "GET", path: (ids) => `/api/accounts/${ids.accountA}`, expect: { anonymous: 401, apiKey: 401, userA: 200, userB: 404, admin: 404 } },
  {
    file: "app/api/accounts/[id]/refresh/route.ts",
    method: "POST",
    path: (ids) => `/api/accounts/${ids.accountA}/refresh`,
    body: { feature: "balance" },
    expect: { anonymous: 401, apiKey: 401, userA: { status: 400, body: {} }, userB: 404, admin: 404 },
  },
  {
    file: "app/api/accounts/[id]/disconnect/route.ts",
    method: "POST",
    path: (ids) => `/api/accounts/${ids.accountA}/disconnect`,
    expect: { anonymous: 401, apiKey: 401, userB: 404, admin: 404, userA: 200 },
    last: true,
  },
  { file: "app/api/link-sessions/route.ts", method: "POST", path: () => "/api/link-sessions", body: {}, expect: { anonymous: 401, apiKey: 401, userA: 400, userB: 400, admin: 400 } },
  { file: "app/api/link-sessions/[id]/complete/route.ts", method: "POST", path: () => `/api/link-sessions/${UNKNOWN}/complete`, expect: { anonymous: 401, apiKey: 401, userA: 404, userB: 404, admin: 404 } },
  // An integrator's read of a link it minted: API key only.
  { file: "app/api/link-sessions/[id]/route.ts", method: "GET", path: () => `/api/link-sessions/${UNKNOWN}`, expect: { anonymous: 401, userA: 401, userB: 401, admin: 401, apiKey: 404 } },

  // Hosted linking
  { file: "app/api/link-tokens/route.ts", method: "POST", path: () => "/api/link-tokens", body: {}, expect: { anonymous: 401, apiKey: 400, userA: 400, userB: 400, admin: 400 } },
  // Authorized by the token / the signed resume value, not by who calls.
  { file: "app/api/link-tokens/start/route.ts", method: "POST", path: () => "/api/link-tokens/start", body: { token: UNKNOWN }, expect: { anonymous: 404, apiKey: 404, userA: 404, userB: 404, admin: 404 } },
  { file: "app/api/link-tokens/complete/route.ts", method: "POST", path: () => "/api/link-tokens/complete", body: { resume: "forged" }, expect: { anonymous: 403, apiKey: 403, userA: 403, userB: 403, admin: 403 } },

  // Admin endpoints
  { file: "app/api/admin/accounts/route.ts", method: "GET", path: () => "/api/admin/accounts", expect: { ...adminApi, admin: 200 } },
  { file: "app/api/admin/accounts/export/route.ts", method: "GET", path: () => "/api/admin/accounts/export", expect: { ...adminApi, admin: 200 } },
  { file: "app/api/admin/accounts/[id]/refresh/route.ts", method: "POST", path: (ids) => `/api/admin/accounts/${ids.accountA}/refresh`, body: {}, expect: { ...adminApi, admin: 400 } },
  { file: "app/api/admin/accounts/[id]/disconnect/route.ts", method: "POST", path: (ids) => `/api/admin/accounts/${ids.accountA}/disconnect`, body: {}, expect: { ...adminApi, admin: 400 } },
  { file: "app/api/admin/users/[id]/role/route.ts", method: "POST", path: (ids) => `/api/admin/users/${ids.userA}/role`, body: {}, expect: { ...adminApi, admin: 400 } },
  { file: "app/api/admin/webhook-events/[id]/reprocess/route.ts", method: "POST", path: () => `/api/admin/webhook-events/${UNKNOWN}/reprocess`, expect: { ...adminApi, admin: 404 } },
  { file: "app/api/admin/api-keys/route.ts", method: "POST", path: () => "/api/admin/api-keys", body: {}, expect: { ...adminApi, admin: 400 } },
  { file: "app/api/admin/api-keys/[id]/revoke/route.ts", method: "POST", path: () => `/api/admin/api-keys/${UNKNOWN}/revoke`, body: {}, expect: { ...adminApi, admin: 404 } },
  { file: "app/api/admin/integrator-callbacks/[id]/retry/route.ts", method: "POST", path: () => `/api/admin/integrator-callbacks/${UNKNOWN}/retry`, body: {}, expect: { ...adminApi, admin: 404 } },
];

/** Server actions ("use server" files or functions) with their rows; none exist today. */
const SERVER_ACTIONS: string[] = [];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The methods a route file exports: `export const POST`, `export async function GET`, `export { handler as GET }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const method of HTTP_METHODS) {
    if (new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${method}\\b`).test(source)) found.add(method);
    if (new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b[^}]*\\}`).test(source)) found.add(method);
    if (new RegExp(`export\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`).test(source)) found.add(method);
  }
  return [...found];
}

test("every page, route handler method and server action on disk has a row in the matrix", () => {
  const files = walk("app").map((f) => relative(".", f).split("\\").join("/"));
  const missing: string[] = [];
  for (const file of files.filter((f) => /\/page\.tsx?$/.test(f))) {
    if (!MATRIX.some((row) => row.file === file && row.method === "GET")) missing.push(`GET ${file}`);
  }
  for (const file of files.filter((f) => /\/route\.tsx?$/.test(f))) {
    for (const method of exportedMethods(readFileSync(file, "utf8"))) {
      if (!MATRIX.some((row) => row.file === file && row.method === method)) missing.push(`${method} ${file}`);
    }
  }
  const actions = [...files, ...walk("components"), ...walk("lib")]
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith(".test.ts"))
    .filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));
  for (const file of actions) if (!SERVER_ACTIONS.includes(file)) missing.push(`server action ${file}`);
  expect(missing, "add these to the matrix in e2e/security-authorization-matrix.spec.ts").toEqual([]);
});

const modalOf = (frame: { frameLocator: (s: string) => FrameLocator }) => frame.frameLocator("iframe[data-stripe-emulator]");

async function signedInContext(browser: Browser, signIn: (p: Awaited<ReturnType<BrowserContext["newPage"]>>) => Promise<unknown>) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await signIn(p);
  return { context, page: p };
}

test("each caller gets the expected status from each route", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(300_000);
  // User A links one account through the real modal (this also proves the CSP lets Stripe.js work).
  const a = await signedInContext(browser, (p) => signInAsNewUser(p, "matrix-a"));
  const cspErrors: string[] = [];
  a.page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await a.page.getByRole("button", { name: "Link a bank account" }).first().click();
  const modal = modalOf(a.page);
  await modal.getByTestId("consent-agree").click();
  await modal.locator('[data-institution="test_institution"]').click();
  await modal.getByTestId("account").filter({ hasText: /^Checking/ }).first().click();
  await modal.getByTestId("link-accounts").click();
  await modal.getByTestId("done").click();
  await expect(a.page.getByTestId("link-outcome")).toHaveText("Linked 1 account.");
  expect(cspErrors, "the CSP blocked something during linking").toEqual([]);
  const emailA = await a.page.evaluate(async () => ((await (await fetch("/api/auth/session")).json()) as { user: { email: string } }).user.email);
  const [row] = await queryDatabase<{ accountId: string; userId: string }>(
    `SELECT la.id AS "accountId", u.id AS "userId" FROM "LinkedAccount" la JOIN "User" u ON u.id = la."userId" WHERE u.email = $1`,
    [emailA],
  );
  const ids: Ids = { accountA: row!.accountId, userA: row!.userId };

  const b = await signedInContext(browser, (p) => signInAsNewUser(p, "matrix-b"));
  const admin = await signedInContext(browser, (p) => signInAsDemo(p, "admin"));
  const created = await admin.context.request.post("/api/admin/api-keys", { data: { name: "Matrix", redirect_uris: ["matrixapp://linked"] } });
  expect(created.status()).toBe(201);
  const secret = ((await created.json()) as { secret: string }).secret;

  const anonymous = await playwright.request.newContext({ baseURL });
  const apiKey = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const callers: Record<Actor, APIRequestContext> = {
    anonymous,
    apiKey,
    userA: a.context.request,
    userB: b.context.request,
    admin: admin.context.request,
  };

  const failures: string[] = [];
  const rows = [...MATRIX.filter((r) => !r.last), ...MATRIX.filter((r) => r.last)];
  for (const row of rows) {
    for (const actor of ACTORS) {
      const cell = row.expect[actor];
      if (cell === "n/a") continue;
      const { status, body } = typeof cell === "object" && !Array.isArray(cell) ? { status: cell.status, body: "body" in cell ? cell.body : row.body } : { status: cell, body: row.body };
      const url = row.path(ids);
      const response = await callers[actor].fetch(url, {
        method: row.method,
        maxRedirects: 0,
        ...(row.form ? { form: row.form } : body !== undefined ? { data: body } : {}),
        timeout: 120_000,
      });
      const allowed = Array.isArray(status) ? status : [status];
      if (!allowed.includes(response.status())) {
        failures.push(`${actor} ${row.method} ${url} (${row.file}): expected ${allowed.join(" or ")}, got ${response.status()}`);
      }
    }
  }
  expect(failures).toEqual([]);
  for (const context of [a.context, b.context, admin.context]) await context.close();
  await anonymous.dispose();
  await apiKey.dispose();
});
