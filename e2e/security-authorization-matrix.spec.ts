// Who may call what: every page, route handler method and server action that Next serves, for
// six callers, each cell's status asserted, on the development server and on the production
// build. The routes, methods and server actions come from the build itself (e2e/served-routes.ts:
// Next's manifests and the built route modules), so a new page, handler, metadata route, method
// or server action fails this test until a row for it is added here. Every id in a URL is the id of a real
// object made in setup (an account, a user, a webhook event, API keys, a link session, an
// integrator callback): a non-admin's 404 on an unknown id would look exactly like "not found".
// Mutations that must not run are sent with a body that fails validation where one exists: a
// 400 proves the caller got past authorization without changing anything.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type FrameLocator } from "@playwright/test";
import { createApiKeyAsAdmin, PROD_URL, queryDatabase, signInAsDemo, signInAsNewUser } from "./fixtures";
import { actionId, actionKey, callFormAction, manifestActions } from "./server-actions";
import { servedApp } from "./served-routes";

/** userB is another signed-in user; otherApiKey another integration's key. */
type Actor = "anonymous" | "apiKey" | "otherApiKey" | "userA" | "userB" | "admin";
// userA (the owner) goes last, so a row that disconnects A's account runs after everyone else's try.
const ACTORS: Actor[] = ["anonymous", "apiKey", "otherApiKey", "userB", "admin", "userA"];
/** A status, any of several, or "n/a" (the caller has no way to call it, e.g. an API key on a page). */
type Cell = number | number[] | "n/a" | { status: number | number[]; body?: unknown };
type Cells = Record<Actor, Cell>;
type Server = "dev" | "prod";
type Ids = {
  accountA: string;
  /** A's second account: the one the owner's disconnect row disconnects. */
  accountA2: string;
  userA: string;
  /** A's own (browser) link session. */
  linkSessionA: string;
  webhookEvent: string;
  /** Revoked by the admin's cell (a key no caller uses). */
  apiKeyToRevoke: string;
  /** A link session minted by `apiKey`, and its token. */
  mintedLinkSession: string;
  linkToken: string;
  callback: string;
  userB: string;
  /** The external id `apiKey` minted that link for, and the integration the key belongs to. */
  externalUser: string;
  integration: string;
  /** A webhook endpoint of that integration, and a given-up delivery to it (nobody listens there). */
  endpoint: string;
  delivery: string;
};
type Row = {
  /** Next's route pattern, as the build lists it ("/api/accounts/[id]"). */
  pattern: string;
  method: string;
  path: (ids: Ids) => string;
  /** The body for mutations (JSON unless `form`), per row or overridden per cell. */
  body?: unknown;
  form?: Record<string, string>;
  expect: Cells;
  /** Where the production build answers differently (development-only routes). */
  prod?: Partial<Cells>;
};

const UNKNOWN = "cl_unknown_0000000000000000";
const NOBODY: Omit<Cells, Actor> = {};
const all = (cell: Cell): Cells => ({ anonymous: cell, apiKey: cell, otherApiKey: cell, userA: cell, userB: cell, admin: cell, ...NOBODY });
const page = (pattern: string, path: Row["path"], expectations: Partial<Cells>, prod?: Partial<Cells>): Row => ({
  pattern,
  method: "GET",
  path,
  expect: { ...all(200), apiKey: "n/a", otherApiKey: "n/a", ...expectations },
  ...(prod && { prod }),
});
// Pages: an anonymous visitor to /accounts or /admin is redirected to /signin (307 by proxy.ts);
// a signed-in non-admin gets the same 404 as an unknown URL for the admin area.
const userPage = { anonymous: 307, userA: 200, userB: 200, admin: 200 } as const;
const adminPage = { anonymous: 307, userA: 404, userB: 404, admin: 200 } as const;
const adminApi = { anonymous: 401, userA: 404, userB: 404, apiKey: 401, otherApiKey: 401 } as const;
const userApi = { anonymous: 401, apiKey: 401, otherApiKey: 401 } as const;
/** The integrator API: without a key (a cookie is no credential there), 401 for everyone. */
const keyApi = { anonymous: 401, userA: 401, userB: 401, admin: 401 } as const;
const gone = all(404);

const MATRIX: Row[] = [
  // Next's own pages: the not-found page answers 404; the global error page is not reachable by
  // URL in development, and the production build serves its prerendered copy (no data) with 500.
  page("/_not-found", () => "/_not-found", all(404)),
  page("/_global-error", () => "/_global-error", all(404), all(500)),
  // Public pages
  page("/", () => "/", {}),
  page("/signin", () => "/signin", { userA: [200, 307], userB: [200, 307], admin: [200, 307] }),
  page("/signin/check-email", () => "/signin/check-email", {}),
  page("/dev/outbox", () => "/dev/outbox", {}, { anonymous: 404, userA: 404, userB: 404, admin: 404 }),
  // Hosted linking: the token is the credential, no cookie needed.
  page("/link/[token]", (ids) => `/link/${ids.linkToken}`, {}),
  page("/link/resume/[state]", () => `/link/resume/${UNKNOWN}`, {}),

  // A user's own pages: another user (and an admin, in the user area) gets the unknown id's 404.
  page("/accounts", () => "/accounts", userPage),
  page("/accounts/[id]", (ids) => `/accounts/${ids.accountA}`, { ...userPage, userB: 404, admin: 404 }),
  // Everyone signed in has a profile of their own (the page reads only the caller's).
  page("/profile", () => "/profile", userPage),

  // Admin pages
  page("/admin", () => "/admin", adminPage),
  page("/admin/accounts", () => "/admin/accounts", adminPage),
  page("/admin/accounts/[id]", (ids) => `/admin/accounts/${ids.accountA}`, adminPage),
  page("/admin/users", () => "/admin/users", adminPage),
  page("/admin/users/[id]", (ids) => `/admin/users/${ids.userA}`, adminPage),
  page("/admin/webhooks", () => "/admin/webhooks", adminPage),
  page("/admin/webhooks/[id]", (ids) => `/admin/webhooks/${ids.webhookEvent}`, adminPage),
  page("/admin/audit", () => "/admin/audit", adminPage),
  page("/admin/relink", () => "/admin/relink", adminPage),
  page("/admin/api-keys", () => "/admin/api-keys", adminPage),
  page("/admin/integrations", () => "/admin/integrations", adminPage),
  page("/admin/integrations/[id]", (ids) => `/admin/integrations/${ids.integration}`, adminPage),
  // The integrator API's reference: public.
  page("/docs/api", () => "/docs/api", {}),
  page("/admin/health", () => "/admin/health", adminPage),

  // Public endpoints
  { pattern: "/api/health", method: "GET", path: () => "/api/health", expect: all(200) },
  { pattern: "/api/health", method: "HEAD", path: () => "/api/health", expect: all(200) },
  // Metadata routes: the app icon, served to everyone.
  { pattern: "/favicon.ico", method: "GET", path: () => "/favicon.ico", expect: all(200) },
  { pattern: "/icon.svg", method: "GET", path: () => "/icon.svg", expect: all(200) },
  { pattern: "/api/auth/[...nextauth]", method: "GET", path: () => "/api/auth/session", expect: all(200) },
  // next-auth's POSTs need its CSRF token: without one, sign-out is refused (redirect to the error/sign-in page).
  { pattern: "/api/auth/[...nextauth]", method: "POST", path: () => "/api/auth/signout", form: { callbackUrl: "/" }, expect: all(302) },
  { pattern: "/api/dev/demo-sign-in", method: "POST", path: () => "/api/dev/demo-sign-in", form: { as: "root" }, expect: all(400), prod: gone },
  // Signed by Stripe, not authorized by a cookie: an unsigned delivery is refused for everyone.
  { pattern: "/api/webhooks/stripe", method: "POST", path: () => "/api/webhooks/stripe", body: {}, expect: all(400) },

  // A user's own data: another user (and an admin, outside the admin API) gets the unknown id's 404.
  { pattern: "/api/accounts/[id]", method: "GET", path: (ids) => `/api/accounts/${ids.accountA}`, expect: { ...userApi, userA: 200, userB: 404, admin: 404 } },
  { pattern: "/api/link-sessions", method: "POST", path: () => "/api/link-sessions", body: {}, expect: { ...userApi, userA: 400, userB: 400, admin: 400 } },
  // Completing again reads the same session from Stripe: idempotent for the owner.
  { pattern: "/api/link-sessions/[id]/complete", method: "POST", path: (ids) => `/api/link-sessions/${ids.linkSessionA}/complete`, expect: { ...userApi, userA: 200, userB: 404, admin: 404 } },
  // An integrator's read of a link it minted: that integration's API key only.
  {
    pattern: "/api/link-sessions/[id]",
    method: "GET",
    path: (ids) => `/api/link-sessions/${ids.mintedLinkSession}`,
    expect: { anonymous: 401, userA: 401, userB: 401, admin: 401, apiKey: 200, otherApiKey: 404 },
  },

  // Hosted linking
  { pattern: "/api/link-tokens", method: "POST", path: () => "/api/link-tokens", body: {}, expect: { ...all(400), anonymous: 401 } },
  // Authorized by the token / the signed resume value, not by who calls.
  { pattern: "/api/link-tokens/start", method: "POST", path: () => "/api/link-tokens/start", body: { token: UNKNOWN }, expect: all(404) },
  { pattern: "/api/link-tokens/complete", method: "POST", path: () => "/api/link-tokens/complete", body: { resume: "forged" }, expect: all(403) },

  // The integrator API: API keys only; another integration's objects are unknown ids to it.
  // Account ids here are a person's own (not an integration's user): 404 for both keys. Bodies
  // that fail validation show a key got past authentication without changing anything.
  { pattern: "/api/v1/openapi.json", method: "GET", path: () => "/api/v1/openapi.json", expect: all(200) },
  { pattern: "/api/v1/link_tokens", method: "POST", path: () => "/api/v1/link_tokens", body: {}, expect: { ...keyApi, apiKey: 400, otherApiKey: 400 } },
  { pattern: "/api/v1/link_sessions/[id]", method: "GET", path: (ids) => `/api/v1/link_sessions/${ids.mintedLinkSession}`, expect: { ...keyApi, apiKey: 200, otherApiKey: 404 } },
  { pattern: "/api/v1/users/[external_id]/accounts", method: "GET", path: (ids) => `/api/v1/users/${ids.externalUser}/accounts`, expect: { ...keyApi, apiKey: 200, otherApiKey: 404 } },
  { pattern: "/api/v1/users/[external_id]", method: "DELETE", path: () => `/api/v1/users/${UNKNOWN}`, expect: { ...keyApi, apiKey: 404, otherApiKey: 404 } },
  { pattern: "/api/v1/accounts/[id]", method: "GET", path: (ids) => `/api/v1/accounts/${ids.accountA}`, expect: { ...keyApi, apiKey: 404, otherApiKey: 404 } },
  { pattern: "/api/v1/accounts/[id]/refresh", method: "POST", path: (ids) => `/api/v1/accounts/${ids.accountA}/refresh`, body: {}, expect: { ...keyApi, apiKey: 400, otherApiKey: 400 } },
  { pattern: "/api/v1/accounts/[id]/transactions/sync", method: "GET", path: (ids) => `/api/v1/accounts/${ids.accountA}/transactions/sync`, expect: { ...keyApi, apiKey: 404, otherApiKey: 404 } },
  { pattern: "/api/v1/accounts/[id]/balance_history", method: "GET", path: (ids) => `/api/v1/accounts/${ids.accountA}/balance_history`, expect: { ...keyApi, apiKey: 404, otherApiKey: 404 } },
  { pattern: "/api/v1/accounts/[id]/disconnect", method: "POST", path: (ids) => `/api/v1/accounts/${ids.accountA}/disconnect`, body: { matrix: true }, expect: { ...keyApi, apiKey: 400, otherApiKey: 400 } },
  { pattern: "/api/v1/accounts/[id]/payment_method", method: "POST", path: (ids) => `/api/v1/accounts/${ids.accountA}/payment_method`, body: { matrix: true }, expect: { ...keyApi, apiKey: 400, otherApiKey: 400 } },

  // Admin endpoints, each on a real object
  { pattern: "/api/admin/accounts", method: "GET", path: () => "/api/admin/accounts", expect: { ...adminApi, admin: 200 } },
  { pattern: "/api/admin/accounts/export", method: "GET", path: () => "/api/admin/accounts/export", expect: { ...adminApi, admin: 200 } },
];

/**
 * What a server action tells one caller: refused with a message (the action ran its guard and
 * changed nothing), or let through to its input checks (an error naming a field: past
 * authorization, with nothing changed), or let through to act (`done`), or "n/a". API-key callers are "n/a" for actions: a key
 * authenticates route handlers only, and without a session cookie the proxy turns them away
 * from the protected pages before any action runs (the anonymous cell covers the action's own guard).
 */
type ActionCell =
  | { refused: RegExp }
  | { field: string; form?: (ids: Ids) => Record<string, string> }
  | { done: RegExp; form?: (ids: Ids) => Record<string, string> }
  | { redirects: string }
  | "n/a";
type ActionRow = {
  /** Valid input aimed at real objects: without its guard, each refused caller's call would act. */
  form: (ids: Ids) => Record<string, string>;
  expect: Record<Actor, ActionCell>;
};
// Anonymous callers send a session cookie that names no session: the proxy's cheap gate only
// looks for the cookie, so the action's own guard is what refuses them.
const FORGED_SESSION = { cookie: "next-auth.session-token=forged-matrix-session" };
const adminAction = (form: ActionRow["form"], adminField: string): ActionRow => ({
  form,
  expect: {
    anonymous: { refused: /^Sign in/ },
    apiKey: "n/a",
    otherApiKey: "n/a",
    userA: { refused: /^Not found$/ },
    userB: { refused: /^Not found$/ },
    // The admin sends an empty form: the first field it misses is named, and nothing changes.
    admin: { field: adminField, form: () => ({}) },
  },
});
/** A user's own-account action: only its owner (userA) gets past the guard and the ownership scope. */
const ownerOnly = {
  anonymous: { refused: /^Sign in/ },
  apiKey: "n/a",
  otherApiKey: "n/a",
  userB: { refused: /^Account not found$/ },
  admin: { refused: /^Account not found$/ },
} as const;
/** The key a refused create would make: nothing may ever be stored under this name. */
const REFUSED_KEY = `Matrix refused ${randomUUID()}`;

/** Server actions (Next's server-reference manifest), by `file#export`: ids change with every build. */
const SERVER_ACTIONS: Record<string, ActionRow> = {
  "server/admin/actions.ts#refreshAccountAsAdmin": adminAction((ids) => ({ accountId: ids.accountA, feature: "balance" }), "feature"),
  "server/admin/actions.ts#disconnectAccountAsAdmin": adminAction((ids) => ({ accountId: ids.accountA, reason: "matrix" }), "reason"),
  "server/admin/actions.ts#revokePaymentsAsAdmin": adminAction((ids) => ({ accountId: ids.accountA, reason: "matrix" }), "reason"),
  "server/users/actions.ts#changeUserRole": adminAction((ids) => ({ userId: ids.userA, role: "admin" }), "role"),
  "server/webhooks/actions.ts#reprocessWebhookEventAsAdmin": adminAction((ids) => ({ eventId: ids.webhookEvent }), "eventId"),
  "server/hosted-link/actions.ts#retryIntegratorCallbackAsAdmin": adminAction((ids) => ({ callbackId: ids.callback }), "callbackId"),
  "server/api-keys/actions.ts#createApiKeyAsAdmin": adminAction(() => ({ name: REFUSED_KEY, redirect_uris: "sneaky://linked", mints_per_minute: "60" }), "name"),
  "server/integrations/actions.ts#createIntegrationAsAdmin": adminAction(() => ({ name: REFUSED_KEY, redirect_uris: "sneaky://linked" }), "name"),
  "server/integrations/actions.ts#setRedirectUrisAsAdmin": adminAction((ids) => ({ integrationId: ids.integration, redirect_uris: "sneaky://linked" }), "integrationId"),
  "server/integrations/key-actions.ts#addIntegrationApiKeyAsAdmin": adminAction((ids) => ({ integrationId: ids.integration, name: REFUSED_KEY, scopes: "read" }), "integrationId"),
  "server/integrations/key-actions.ts#rotateIntegrationApiKeyAsAdmin": adminAction((ids) => ({ keyId: ids.apiKeyToRevoke }), "keyId"),
  "server/integrations/webhooks/endpoint-actions.ts#addWebhookEndpointAsAdmin": adminAction((ids) => ({ integrationId: ids.integration, url: "https://hooks.example.com/sneaky" }), "integrationId"),
  "server/integrations/webhooks/endpoint-actions.ts#disableWebhookEndpointAsAdmin": adminAction((ids) => ({ endpointId: ids.endpoint }), "endpointId"),
  "server/integrations/webhooks/endpoint-actions.ts#sendTestWebhookEventAsAdmin": adminAction((ids) => ({ endpointId: ids.endpoint }), "endpointId"),
  "server/integrations/webhooks/endpoint-actions.ts#resendWebhookDeliveryAsAdmin": adminAction((ids) => ({ deliveryId: ids.delivery }), "deliveryId"),
  // Another user (or an admin: not the owner) is told the account does not exist; the owner's
  // cell sends a feature that fails validation: past authorization, nothing asked of Stripe.
  "server/accounts/actions.ts#refreshAccountAction": {
    form: (ids) => ({ accountId: ids.accountA, feature: "balance" }),
    expect: {
      ...ownerOnly,
      userA: { field: "feature", form: (ids) => ({ accountId: ids.accountA, feature: "nope" }) },
    },
  },
  // The owner's cell disconnects A's second account (idempotent: the production pass says the same again).
  "server/accounts/actions.ts#disconnectAccountAction": {
    form: (ids) => ({ accountId: ids.accountA, confirm: "yes" }),
    expect: { ...ownerOnly, userA: { done: /^Disconnected\./, form: (ids) => ({ accountId: ids.accountA2, confirm: "yes" }) } },
  },
  // Pay by bank on the person's own account: another user (or an admin) is told the account does
  // not exist; the owner's cell leaves the authorization unticked (the field is named, nothing is
  // asked of Stripe). Revoke answers the same "nothing to revoke" for an account that is not the
  // caller's as for one without an authorization; the owner's cell leaves out the confirmation.
  "server/payments/actions.ts#authorizePaymentsAction": {
    form: (ids) => ({ accountId: ids.accountA, accept: "yes" }),
    expect: { ...ownerOnly, userA: { field: "accept", form: (ids) => ({ accountId: ids.accountA }) } },
  },
  "server/payments/actions.ts#revokePaymentsAction": {
    form: (ids) => ({ accountId: ids.accountA, confirm: "yes" }),
    expect: {
      ...ownerOnly,
      userB: { refused: /^This account has no payment authorization to revoke\.$/ },
      admin: { refused: /^This account has no payment authorization to revoke\.$/ },
      userA: { field: "confirm", form: (ids) => ({ accountId: ids.accountA }) },
    },
  },
  // The profile action edits only the signed-in caller's own profile: there is no id to aim it
  // elsewhere. Each signed-in caller gets past the guard to the input checks (a bad email).
  "server/ownership/actions.ts#saveProfileAction": {
    form: () => ({ name: "Matrix Person", email: "matrix@example.com" }),
    expect: {
      anonymous: { refused: /^Sign in/ },
      apiKey: "n/a",
      otherApiKey: "n/a",
      userA: { field: "email", form: () => ({ name: "Matrix Person", email: "not-an-email" }) },
      userB: { field: "email", form: () => ({ name: "Matrix Person", email: "not-an-email" }) },
      admin: { field: "email", form: () => ({ name: "Matrix Person", email: "not-an-email" }) },
    },
  },
  // Anyone may ask for a sign-in link; an address that fails validation mails nothing.
  "server/auth/actions.ts#requestSignInLink": {
    form: () => ({ email: "not-an-email", callbackUrl: "/accounts" }),
    expect: { anonymous: { field: "email" }, apiKey: "n/a", otherApiKey: "n/a", userA: { field: "email" }, userB: { field: "email" }, admin: { field: "email" } },
  },
  // A provider this app does not offer is named as the bad field, for everyone.
  "server/auth/actions.ts#signInWithProvider": {
    form: () => ({ provider: "nope", callbackUrl: "/accounts" }),
    expect: { anonymous: { field: "provider" }, apiKey: "n/a", otherApiKey: "n/a", userA: { field: "provider" }, userB: { field: "provider" }, admin: { field: "provider" } },
  },
  // Signing out needs no right: a caller whose cookie names no session is simply sent home. The
  // signed-in callers' cells would end the sessions the rest of the matrix runs on; that sign-out
  // ends a real session on the server is tested in e2e/no-javascript.spec.ts.
  "server/auth/actions.ts#signOut": {
    form: () => ({}),
    expect: { anonymous: { redirects: "/" }, apiKey: "n/a", otherApiKey: "n/a", userA: "n/a", userB: "n/a", admin: "n/a" },
  },
  // The hosted page's "Authorize debits" (pay by bank): no cookie counts, signed-in or not; only a
  // payments link's signed resume value does. A forged one is refused for everyone, before the
  // account id (user A's real checking account) is looked at.
  "server/hosted-link/actions.ts#authorizeHostedPaymentsAction": {
    form: (ids) => ({ resume: "forged-matrix-resume.c2lnbmF0dXJl", accountId: ids.accountA, accept: "yes" }),
    expect: {
      anonymous: { refused: /^This page can no longer set up payments/ },
      apiKey: "n/a",
      otherApiKey: "n/a",
      userA: { refused: /^This page can no longer set up payments/ },
      userB: { refused: /^This page can no longer set up payments/ },
      admin: { refused: /^This page can no longer set up payments/ },
    },
  },
  // The admin's cell revokes a key nobody uses (again on the production pass: "Revoked.", unchanged).
  "server/api-keys/actions.ts#revokeApiKeyAsAdmin": (() => {
    const row = adminAction((ids) => ({ keyId: ids.apiKeyToRevoke, reason: "matrix" }), "keyId");
    return { ...row, expect: { ...row.expect, admin: { done: /^Revoked\.$/ } } };
  })(),
};

/** Everything the actions could change on the matrix's objects, to compare around the refused calls. */
async function actionTargets(ids: Ids, people: string[]) {
  const [snapshot] = await queryDatabase<{ state: unknown }>(
    `SELECT json_build_object(
       'accounts', (SELECT json_agg(json_build_object('id', id, 'status', status, 'balance', "balanceRefreshAttemptedAt",
                      'ownership', "ownershipRefreshAttemptedAt", 'transactions', "transactionRefreshAttemptedAt") ORDER BY id)
                    FROM "LinkedAccount" WHERE id IN ($1, $2)),
       'roles', (SELECT json_agg(json_build_object('id', id, 'role', role) ORDER BY id) FROM "User" WHERE id = ANY($3)),
       'revokedAt', (SELECT json_build_object('revoked', "revokedAt", 'expires', "expiresAt") FROM "ApiKey" WHERE id = $4),
       'refusedKeys', (SELECT count(*) FROM "ApiKey" WHERE name = $5),
       'keys', (SELECT json_agg(json_build_object('id', id, 'expires', "expiresAt") ORDER BY id) FROM "ApiKey" WHERE "integrationId" = $8),
       'integrations', (SELECT count(*) FROM "Integration"),
       'redirectUris', (SELECT "redirectUris" FROM "Integration" WHERE id = $8),
       'endpoints', (SELECT json_agg(json_build_object('id', id, 'disabled', "disabledAt") ORDER BY id) FROM "IntegrationWebhookEndpoint" WHERE "integrationId" = $8),
       'deliveries', (SELECT json_agg(json_build_object('id', d.id, 'attempts', d.attempts, 'next', d."nextAttemptAt") ORDER BY d.id) FROM "IntegrationWebhookDelivery" d JOIN "IntegrationEvent" e ON e.id = d."eventId" WHERE e."integrationId" = $8),
       'callback', (SELECT json_build_object('attempts', attempts, 'next', "nextAttemptAt") FROM "IntegratorCallback" WHERE id = $6),
       'event', (SELECT json_build_object('state', state, 'attempts', attempts) FROM "WebhookEvent" WHERE id = $7),
       'paymentAuthorizations', (SELECT count(*) FROM "PaymentAuthorization" WHERE "linkedAccountId" IN ($1, $2)),
       'audit', (SELECT count(*) FROM "AuditLog" WHERE "actorId" = ANY($3) OR "targetId" IN ($1, $2, $4, $6, $7) OR "subjectId" = ANY($3))
     ) AS state`,
    [ids.accountA, ids.accountA2, people, ids.apiKeyToRevoke, REFUSED_KEY, ids.callback, ids.webhookEvent, ids.integration],
  );
  return snapshot!.state;
}

test("every route, method and server action Next serves has a row in the matrix, and every row is served", () => {
  const served = servedApp();
  const problems: string[] = [];
  for (const route of served.routes) {
    for (const method of route.methods) {
      if (!MATRIX.some((row) => row.pattern === route.pattern && row.method === method)) {
        problems.push(`no row for ${method} ${route.pattern} (${route.kind} ${route.entry}): add one to MATRIX with the expected status per caller`);
      }
    }
  }
  for (const row of MATRIX) {
    if (!served.routes.some((route) => route.pattern === row.pattern && route.methods.includes(row.method))) {
      problems.push(`MATRIX has ${row.method} ${row.pattern}, which the build does not serve: remove or fix the row`);
    }
  }
  for (const action of served.serverActions) {
    if (!(actionKey(action) in SERVER_ACTIONS)) problems.push(`no row for server action ${actionKey(action)}: add one to SERVER_ACTIONS with what each caller is told`);
  }
  for (const key of Object.keys(SERVER_ACTIONS)) {
    if (!served.serverActions.some((action) => actionKey(action) === key)) problems.push(`SERVER_ACTIONS has ${key}, which the build does not serve: remove or fix the row`);
  }
  expect(problems, `e2e/security-authorization-matrix.spec.ts vs the build ${served.buildId}`).toEqual([]);
});

const modalOf = (frame: { frameLocator: (s: string) => FrameLocator }) => frame.frameLocator("iframe[data-stripe-emulator]");

async function signedInContext(browser: Browser, signIn: (p: Awaited<ReturnType<BrowserContext["newPage"]>>) => Promise<unknown>) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await signIn(p);
  return { context, page: p };
}

/** Runs every row for every caller against one server; returns the cells that disagreed. */
async function runMatrix(server: Server, base: string, callers: Record<Actor, APIRequestContext>, ids: Ids): Promise<string[]> {
  const failures: string[] = [];
  for (const row of MATRIX) {
    for (const actor of ACTORS) {
      const cell = (server === "prod" && row.prod?.[actor]) || row.expect[actor];
      if (cell === "n/a") continue;
      const { status, body } = typeof cell === "object" && !Array.isArray(cell) ? { status: cell.status, body: "body" in cell ? cell.body : row.body } : { status: cell, body: row.body };
      const url = row.path(ids);
      const send = () =>
        callers[actor].fetch(base + url, {
          method: row.method,
          maxRedirects: 0,
          ...(row.form ? { form: row.form } : body !== undefined ? { data: body } : {}),
          timeout: 120_000,
        });
      // A kept-alive socket the server closed as this request went out is reset before any answer
      // (seen under load); a GET is safe to send again, anything else is reported as it came.
      const response = await send().catch((error: Error) => {
        if (row.method === "GET" && /ECONNRESET/.test(error.message)) return send();
        throw error;
      });
      const allowed = Array.isArray(status) ? status : [status];
      if (!allowed.includes(response.status())) {
        failures.push(`[${server}] ${actor} ${row.method} ${url} (${row.pattern}): expected ${allowed.join(" or ")}, got ${response.status()}`);
      }
    }
  }
  return [...failures, ...(await runActions(server, base, callers, ids))];
}

/**
 * Every server action, called as each caller through the page that holds it (e2e/server-actions.ts
 * explains how). The page rows above ran first, so the development server has compiled every page
 * and its manifest lists every action. The refused calls run first and must leave the matrix's
 * objects as they were; the admin's call (a form missing its fields) must reach the input checks.
 */
async function runActions(server: Server, base: string, callers: Record<Actor, APIRequestContext>, ids: Ids): Promise<string[]> {
  const distDir = server === "prod" ? ".next" : ".next/dev";
  const failures: string[] = [];
  const people = [ids.userA, ids.userB];
  for (const [key, row] of Object.entries(SERVER_ACTIONS)) {
    const action = manifestActions(distDir).find((a) => actionKey(a) === key);
    const pagePattern = action?.pages[0];
    const pageRow = MATRIX.find((r) => r.method === "GET" && r.pattern === pagePattern);
    if (!pageRow) {
      failures.push(`[${server}] ${key}: no page row for the page that holds it (${pagePattern ?? "none in the manifest"})`);
      continue;
    }
    const url = base + pageRow.path(ids);
    const id = actionId(distDir, key);
    const cells = ACTORS.map((actor) => [actor, row.expect[actor]] as const);
    const before = await actionTargets(ids, people);
    for (const [actor, cell] of cells) {
      if (cell === "n/a" || !("refused" in cell)) continue;
      const answer = await callFormAction(callers[actor], url, id, row.form(ids), actor === "anonymous" ? FORGED_SESSION : {});
      if (answer.state?.status !== "error" || !cell.refused.test(answer.state.message ?? "")) {
        failures.push(`[${server}] ${actor} action ${key} at ${url}: expected refused (${cell.refused}), got ${answer.httpStatus} ${JSON.stringify(answer.state)}`);
      }
    }
    const after = await actionTargets(ids, people);
    if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`[${server}] refused calls of ${key} changed ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
    for (const [actor, cell] of cells) {
      if (cell === "n/a" || "refused" in cell) continue;
      const answer = await callFormAction(callers[actor], url, id, ("form" in cell && cell.form ? cell.form : row.form)(ids), actor === "anonymous" ? FORGED_SESSION : {});
      const [ok, expected] =
        "redirects" in cell
          ? [answer.redirect === cell.redirects, `a redirect to ${cell.redirects}`]
          : "done" in cell
            ? [answer.state?.status === "done" && cell.done.test(answer.state.message ?? ""), String(cell.done)]
            : [answer.state?.status === "error" && answer.state.field === cell.field, `an error naming ${cell.field}`];
      if (!ok) failures.push(`[${server}] ${actor} action ${key} at ${url}: expected ${expected}, got ${answer.httpStatus} ${JSON.stringify(answer.state)} ${answer.redirect ?? ""}`);
    }
  }
  return failures;
}

test("each caller gets the expected status from each route, on the development server and the production build", async ({ browser, playwright, baseURL }) => {
  // Two passes (development server, then production build) of about 270 calls each; generous for the embedded database.
  test.setTimeout(600_000);
  // User A links two accounts through the real modal (this also proves the CSP lets Stripe.js work).
  const a = await signedInContext(browser, (p) => signInAsNewUser(p, "matrix-a"));
  const cspErrors: string[] = [];
  a.page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await a.page.getByRole("button", { name: "Link a bank account" }).first().click();
  const modal = modalOf(a.page);
  await modal.getByTestId("consent-agree").click();
  await modal.locator('[data-institution="test_institution"]').click();
  for (const name of ["Checking", "Savings"]) await modal.getByTestId("account").filter({ hasText: new RegExp(`^${name}`) }).first().click();
  await modal.getByTestId("link-accounts").click();
  await modal.getByTestId("done").click();
  await expect(a.page.getByTestId("link-outcome")).toHaveText("Linked 2 accounts.");
  expect(cspErrors, "the CSP blocked something during linking").toEqual([]);
  const emailA = await a.page.evaluate(async () => ((await (await fetch("/api/auth/session")).json()) as { user: { email: string } }).user.email);
  const accounts = await queryDatabase<{ id: string; userId: string; last4: string; stripeAccountId: string; linkSessionId: string }>(
    `SELECT la.id, la."userId", la.last4, la."stripeAccountId", la."linkSessionId" FROM "LinkedAccount" la JOIN "User" u ON u.id = la."userId" WHERE u.email = $1`,
    [emailA],
  );
  const checking = accounts.find((row) => row.last4 === "6789");
  const savings = accounts.find((row) => row.last4 === "4321");
  expect(checking && savings, "user A's two linked accounts").toBeTruthy();
  // The emulator's webhooks about the account reach the app: a real stored event.
  let webhookEvent = "";
  await expect
    .poll(async () => {
      const [event] = await queryDatabase<{ id: string }>(`SELECT id FROM "WebhookEvent" WHERE "stripeObjectId" = $1 ORDER BY "receivedAt" LIMIT 1`, [checking!.stripeAccountId]);
      webhookEvent = event?.id ?? "";
      return webhookEvent;
    }, { timeout: 60_000 })
    .not.toBe("");

  let emailB = "";
  const b = await signedInContext(browser, async (p) => (emailB = await signInAsNewUser(p, "matrix-b")));
  const admin = await signedInContext(browser, (p) => signInAsDemo(p, "admin"));
  const createKey = (name: string) => createApiKeyAsAdmin(admin.page, name, ["matrixapp://linked"]);
  const [key, otherKey, keyToRevoke] = [await createKey("Matrix"), await createKey("Matrix other"), await createKey("Matrix revoked")];

  const anonymous = await playwright.request.newContext();
  const apiKey = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${key.secret}` } });
  const otherApiKey = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${otherKey.secret}` } });
  const externalUser = `matrix-${randomUUID()}`;
  const minted = await apiKey.post(`${baseURL}/api/link-tokens`, {
    data: { redirect_uri: "matrixapp://linked", state: "matrix", user: { external_id: externalUser, email: "matrix-integrated@example.com" } },
  });
  expect(minted.status()).toBe(201);
  const { url: linkUrl, link_session_id: mintedLinkSession } = (await minted.json()) as { url: string; link_session_id: string };
  // An undelivered callback of that link, to an address that refuses connections, given up
  // (7 attempts): the servers' sweepers leave it alone, so only the admin's retry touches it
  // (and leaves it given up again), and a change seen after a refused call is that call's.
  const callback = `matrix_callback_${randomUUID()}`;
  await queryDatabase(`INSERT INTO "IntegratorCallback" (id, "apiKeyId", "linkSessionId", url, body, attempts) VALUES ($1, $2, $3, 'http://127.0.0.1:9/callback', '{}', 7)`, [
    callback,
    key.id,
    mintedLinkSession,
  ]);
  // A webhook endpoint of the key's integration (a public address nobody here listens on, so no
  // cell's try reaches it) and a given-up delivery to it: only the admin's cells may touch them.
  const [{ integrationId }] = (await queryDatabase<{ integrationId: string }>(`SELECT "integrationId" FROM "ApiKey" WHERE id = $1`, [key.id])) as [{ integrationId: string }];
  const endpoint = `matrix_endpoint_${randomUUID()}`;
  const delivery = `matrix_delivery_${randomUUID()}`;
  await queryDatabase(`INSERT INTO "IntegrationWebhookEndpoint" (id, "integrationId", url, "enabledEvents") VALUES ($1, $2, 'https://hooks.example.invalid/matrix', '{}')`, [endpoint, integrationId]);
  await queryDatabase(`INSERT INTO "IntegrationEvent" (id, "integrationId", type, data) VALUES ($1, $2, 'webhook_endpoint.test', '{}')`, [`evt_${delivery}`, integrationId]);
  await queryDatabase(`INSERT INTO "IntegrationWebhookDelivery" (id, "eventId", "endpointId", attempts, "nextAttemptAt") VALUES ($1, $2, $3, 8, NULL)`, [delivery, `evt_${delivery}`, endpoint]);
  const ids: Ids = {
    accountA: checking!.id,
    accountA2: savings!.id,
    userA: checking!.userId,
    linkSessionA: checking!.linkSessionId,
    webhookEvent,
    apiKeyToRevoke: keyToRevoke.id,
    mintedLinkSession,
    linkToken: new URL(linkUrl).pathname.split("/").pop()!,
    callback,
    userB: (await queryDatabase<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [emailB]))[0]!.id,
    externalUser,
    integration: integrationId,
    endpoint,
    delivery,
  };

  // Sessions are database rows and cookies on localhost are not per port: the same signed-in
  // contexts are the same people on the production server.
  const callers: Record<Actor, APIRequestContext> = { anonymous, apiKey, otherApiKey, userA: a.context.request, userB: b.context.request, admin: admin.context.request };
  const failures = [...(await runMatrix("dev", baseURL!, callers, ids)), ...(await runMatrix("prod", PROD_URL, callers, ids))];
  expect(failures).toEqual([]);

  // What the non-admins called changed nothing: only the admin's cells acted.
  const [revoked] = await queryDatabase<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "ApiKey" WHERE id = $1`, [keyToRevoke.id]);
  expect(revoked!.revokedAt).not.toBeNull();
  expect(await queryDatabase(`SELECT id FROM "ApiKey" WHERE name = $1`, [REFUSED_KEY])).toEqual([]);
  const [role] = await queryDatabase<{ role: string }>(`SELECT role FROM "User" WHERE id = $1`, [ids.userA]);
  expect(role!.role).toBe("user");
  const [account] = await queryDatabase<{ status: string }>(`SELECT status FROM "LinkedAccount" WHERE id = $1`, [ids.accountA]);
  expect(account!.status).toBe("active");

  for (const context of [a.context, b.context, admin.context]) await context.close();
  for (const context of [anonymous, apiKey, otherApiKey]) await context.dispose();
});
