// The integrator API end to end below HTTP: each /api/v1 route handler called as Next calls it,
// against a real database and the Stripe emulator. Every answer is checked against the OpenAPI
// document the app serves; one integration never reaches another's users; bad input names its
// field; keys carry scopes, a rate limit and idempotent POSTs.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import * as linkTokens from "@/app/api/v1/link_tokens/route";
import * as linkSession from "@/app/api/v1/link_sessions/[id]/route";
import * as userAccounts from "@/app/api/v1/users/[external_id]/accounts/route";
import * as user from "@/app/api/v1/users/[external_id]/route";
import * as account from "@/app/api/v1/accounts/[id]/route";
import * as refresh from "@/app/api/v1/accounts/[id]/refresh/route";
import * as sync from "@/app/api/v1/accounts/[id]/transactions/sync/route";
import * as disconnect from "@/app/api/v1/accounts/[id]/disconnect/route";
import * as balanceHistory from "@/app/api/v1/accounts/[id]/balance_history/route";
import * as paymentMethod from "@/app/api/v1/accounts/[id]/payment_method/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as legacyLinkTokens from "@/app/api/link-tokens/route";
import * as legacyLinkSession from "@/app/api/link-sessions/[id]/route";
import { syncTransactions } from "@/server/accounts/sync-transactions";
import { createApiKey } from "@/server/api-keys/manage-api-keys";
import { prisma } from "@/server/db/client";
import { setEnvForTests, withEnv } from "@/server/env";
import { completeHostedLink } from "@/server/hosted-link/complete-hosted-link";
import { startHostedLink } from "@/server/hosted-link/start-hosted-link";
import { PEER_ADDRESS_HEADER } from "@/server/security/peer-address";
import { openApiResponses } from "@/test/openapi-responses";

const ORIGIN = "http://localhost:3999";
let emulator: RunningEmulator;
let problemsWith: ReturnType<typeof openApiResponses>;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** The app's /api/v1 routes as Next finds them: path pattern, OpenAPI path, module. */
const ROUTES: [RegExp, string, Partial<Record<"GET" | "POST" | "DELETE", Handler>>][] = [
  [/^\/link_tokens$/, "/link_tokens", linkTokens as never],
  [/^\/link_sessions\/(?<id>[^/]+)$/, "/link_sessions/{id}", linkSession as never],
  [/^\/users\/(?<external_id>[^/]+)\/accounts$/, "/users/{external_id}/accounts", userAccounts as never],
  [/^\/users\/(?<external_id>[^/]+)$/, "/users/{external_id}", user as never],
  [/^\/accounts\/(?<id>[^/]+)\/refresh$/, "/accounts/{id}/refresh", refresh as never],
  [/^\/accounts\/(?<id>[^/]+)\/transactions\/sync$/, "/accounts/{id}/transactions/sync", sync as never],
  [/^\/accounts\/(?<id>[^/]+)\/balance_history$/, "/accounts/{id}/balance_history", balanceHistory as never],
  [/^\/accounts\/(?<id>[^/]+)\/disconnect$/, "/accounts/{id}/disconnect", disconnect as never],
  [/^\/accounts\/(?<id>[^/]+)\/payment_method$/, "/accounts/{id}/payment_method", paymentMethod as never],
  [/^\/accounts\/(?<id>[^/]+)$/, "/accounts/{id}", account as never],
];

type Answer = { status: number; headers: Headers; body: Record<string, unknown> & { error?: { type: string; code: string; message: string; param?: string } } };

/** One API call: routed like Next routes it, answered, and checked against the document. */
async function api(method: "GET" | "POST" | "DELETE", path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const [pathname] = path.split("?");
  const route = ROUTES.find(([pattern]) => pattern.test(pathname!));
  if (!route) throw new Error(`no route for ${path}`);
  const handler = route[2][method];
  if (!handler) throw new Error(`${method} is not served at ${path}`);
  const params = Object.fromEntries(Object.entries(route[0].exec(pathname!)!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
  const headers: Record<string, string> = { [PEER_ADDRESS_HEADER]: "192.0.2.10", ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (text !== undefined) headers["content-type"] = "application/json";
  const response = await handler(new Request(`${ORIGIN}/api/v1${path}`, { method, headers, body: text }), { params: Promise.resolve(params) });
  const body = (await response.json()) as Answer["body"];
  expect(problemsWith(method, route[1], response.status, body)).toEqual([]);
  expect(response.headers.get("request-id")).toMatch(/^[\w-]{8,}$/);
  return { status: response.status, headers: response.headers, body };
}

async function newIntegration(scopes?: string[]) {
  const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
  const key = await createApiKey(admin, { name: `Budget app ${randomUUID().slice(0, 6)}`, redirect_uris: ["myapp://linked"], ...(scopes && { scopes }) });
  return key.secret;
}

/** A person of the integration links two accounts through the hosted page (the modal driven by the emulator). */
async function linkThroughHostedPage(key: string, externalId: string) {
  const minted = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", state: "s1", user: { external_id: externalId, email: `${externalId}@example.com` } } });
  expect(minted.status).toBe(201);
  const token = new URL(minted.body.url as string).pathname.split("/").pop()!;
  const started = await startHostedLink(token, ORIGIN);
  const session = await prisma.linkSession.findUniqueOrThrow({ where: { id: minted.body.link_session_id as string } });
  const picked = await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${session.stripeSessionId}/complete`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ institution: "test_institution", accounts: ["checking", "savings"] }),
  });
  expect(picked.status).toBe(200);
  expect(await completeHostedLink(started.resume)).toMatchObject({ status: "succeeded", linked: 2 });
  return minted.body.link_session_id as string;
}

/** Transactions as Stripe sends them, stored through the app's own write path. */
function stripeTransaction(id: string, fields: { amount: number; status: "pending" | "posted" | "void"; updated: number }) {
  return {
    id,
    object: "financial_connections.transaction",
    account: "fca_test",
    amount: fields.amount,
    currency: "usd",
    description: `Purchase ${id}`,
    livemode: false,
    status: fields.status,
    status_transitions: { posted_at: fields.status === "posted" ? fields.updated : null, void_at: fields.status === "void" ? fields.updated : null },
    transacted_at: 1_780_000_000,
    transaction_refresh: "fctxnref_test",
    updated: fields.updated,
  } as Stripe.FinancialConnections.Transaction;
}

async function storeTransactions(accountId: string, transactions: Stripe.FinancialConnections.Transaction[]) {
  await prisma.$transaction((tx) => syncTransactions(tx, accountId, transactions));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_v1", STRIPE_API_BASE: emulator.url, LINK_SESSIONS_PER_MINUTE: "1000", NEXTAUTH_URL: ORIGIN });
  const document = await openapi.GET(new Request(`${ORIGIN}/api/v1/openapi.json`)).json();
  problemsWith = openApiResponses(document);
});

afterAll(async () => {
  await emulator.close();
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with every operation the routes serve, each with its scope and error shape", async () => {
    const document = (await openapi.GET(new Request(`${ORIGIN}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, { "x-scope": string; responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers[0]!.url).toBe(`${ORIGIN}/api/v1`);
    const served = ROUTES.flatMap(([, path, module]) => Object.keys(module).filter((m) => ["GET", "POST", "DELETE"].includes(m)).map((m) => `${m.toLowerCase()} ${path}`));
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual(served.sort());
    for (const methods of Object.values(document.paths)) {
      for (const op of Object.values(methods)) {
        expect(["read", "refresh", "link", "delete"]).toContain(op["x-scope"]);
        expect(op.responses["401"]).toEqual({ description: expect.any(String), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
      }
    }
  });

  it("is what catches a wrong answer: a missing field, a wrong type, an undocumented status", () => {
    expect(problemsWith("GET", "/accounts/{id}", 200, { id: "acct", object: "account" }).length).toBeGreaterThan(0);
    expect(problemsWith("GET", "/accounts/{id}", 404, { error: { type: "invalid_request_error", code: 404, message: "x" } })).toEqual([expect.stringContaining("/error/code")]);
    expect(problemsWith("GET", "/accounts/{id}", 418, {})).toEqual(["GET /accounts/{id} does not document status 418"]);
  });
});

describe("an integrator's whole story", () => {
  it("mints, reads the link's accounts, keeps transactions in sync, refreshes, disconnects and deletes the user", async () => {
    const key = await newIntegration();
    const externalId = `user-${randomUUID().slice(0, 8)}`;
    const linkSessionId = await linkThroughHostedPage(key, externalId);

    const session = await api("GET", `/link_sessions/${linkSessionId}`, { key });
    expect(session.body).toMatchObject({ status: "succeeded", state: "s1", user: { external_id: externalId } });

    // The list, a page at a time.
    const first = await api("GET", `/users/${externalId}/accounts?limit=1`, { key });
    expect(first.body).toMatchObject({ object: "list", has_more: true, url: `/api/v1/users/${externalId}/accounts` });
    const [newest] = first.body.data as { id: string }[];
    const second = await api("GET", `/users/${externalId}/accounts?limit=1&starting_after=${newest!.id}`, { key });
    expect(second.body).toMatchObject({ has_more: false });
    const [older] = second.body.data as { id: string }[];
    expect(older!.id).not.toBe(newest!.id);

    const read = await api("GET", `/accounts/${older!.id}`, { key });
    expect(read.body).toMatchObject({ object: "account", user: { external_id: externalId }, link_session_id: linkSessionId, status: "active" });
    expect(JSON.stringify(read.body)).not.toMatch(/fca_|fcsess_|cus_/);

    // Transactions: a sync reads everything once, then only what changed. What the bank sent
    // while linking (whether its refresh had finished then is a matter of timing) is read first.
    const accountId = older!.id;
    let start: string | undefined;
    for (let more = true; more; ) {
      const page = await api("GET", `/accounts/${accountId}/transactions/sync?count=500${start ? `&cursor=${start}` : ""}`, { key });
      start = page.body.next_cursor as string;
      more = page.body.has_more as boolean;
    }
    const t0 = 1_780_000_100;
    const ours = [`fctxn_${randomUUID()}`, `fctxn_${randomUUID()}`, `fctxn_${randomUUID()}`] as const;
    await storeTransactions(accountId, [
      stripeTransaction(ours[0], { amount: -1250, status: "pending", updated: t0 }),
      stripeTransaction(ours[1], { amount: -4000, status: "posted", updated: t0 }),
      stripeTransaction(ours[2], { amount: 99_00, status: "posted", updated: t0 }),
    ]);
    const page1 = await api("GET", `/accounts/${accountId}/transactions/sync?count=2&cursor=${start!}`, { key });
    expect(page1.body).toMatchObject({ has_more: true, modified: [], removed: [] });
    expect(page1.body.added).toHaveLength(2);
    const page2 = await api("GET", `/accounts/${accountId}/transactions/sync?count=2&cursor=${page1.body.next_cursor as string}`, { key });
    expect(page2.body).toMatchObject({ has_more: false, modified: [], removed: [] });
    expect(page2.body.added).toHaveLength(1);
    const mirror = new Map([...(page1.body.added as { id: string; amount: number; status: string }[]), ...(page2.body.added as { id: string; amount: number; status: string }[])].map((t) => [t.id, t]));
    expect([...mirror.values()].map((t) => t.amount).sort((a, b) => a - b)).toEqual([-4000, -1250, 9900]);

    // Nothing new: an empty page whose cursor stays put.
    const idle = await api("GET", `/accounts/${accountId}/transactions/sync?cursor=${page2.body.next_cursor as string}`, { key });
    expect(idle.body).toMatchObject({ added: [], modified: [], removed: [], has_more: false, next_cursor: page2.body.next_cursor });

    // The pending one posts, one is voided, one is new, and the same copy stored again is no change.
    const stored = await prisma.accountTransaction.findMany({ where: { stripeTransactionId: { in: [...ours] } }, orderBy: { amount: "asc" } });
    const [big, pending, income] = stored;
    await storeTransactions(accountId, [
      stripeTransaction(pending!.stripeTransactionId, { amount: -1250, status: "posted", updated: t0 + 60 }),
      stripeTransaction(big!.stripeTransactionId, { amount: -4000, status: "void", updated: t0 + 60 }),
      stripeTransaction(income!.stripeTransactionId, { amount: 99_00, status: "posted", updated: t0 }),
      stripeTransaction(`fctxn_${randomUUID()}`, { amount: -300, status: "pending", updated: t0 + 60 }),
    ]);
    const changes = await api("GET", `/accounts/${accountId}/transactions/sync?cursor=${idle.body.next_cursor as string}`, { key });
    expect(changes.body).toMatchObject({
      added: [{ amount: -300, status: "pending" }],
      modified: [{ id: pending!.id, status: "posted" }],
      removed: [{ id: big!.id, object: "transaction" }],
      has_more: false,
    });

    // Refresh answers at once with the refresh pending; the result lands on the account.
    const refreshed = await api("POST", `/accounts/${accountId}/refresh`, { key, body: { features: ["balance"] } });
    expect(refreshed.status).toBe(202);
    expect(refreshed.body).toMatchObject({ id: accountId, refreshes: { balance: { status: expect.stringMatching(/pending|succeeded/) } } });

    const disconnected = await api("POST", `/accounts/${accountId}/disconnect`, { key });
    expect(disconnected.body).toMatchObject({ id: accountId, status: "disconnected", disconnected_at: expect.any(String) });
    expect((await api("POST", `/accounts/${accountId}/disconnect`, { key })).body).toMatchObject({ status: "disconnected" });

    const erasedUserId = (await prisma.externalUser.findFirstOrThrow({ where: { externalId } })).userId;
    const deleted = await api("DELETE", `/users/${externalId}`, { key });
    expect(deleted.body).toEqual({ object: "user", external_id: externalId, deleted: true, accounts_disconnected: 1 });
    expect((await api("GET", `/accounts/${newest!.id}`, { key })).status).toBe(404);
    expect((await api("GET", `/users/${externalId}/accounts`, { key })).status).toBe(404);
    expect(await prisma.externalUser.count({ where: { externalId } })).toBe(0);
    expect(await prisma.accountTransaction.count({ where: { linkedAccountId: accountId } })).toBe(0);
    const stripeAccounts = await prisma.auditLog.findFirstOrThrow({ where: { action: "integration.user_erase" }, orderBy: { createdAt: "desc" } });
    expect(JSON.stringify(stripeAccounts)).not.toContain(externalId);
    expect(stripeAccounts.metadata).toEqual({ accounts: 2, accountsDisconnected: 1, userErased: true });
    expect(await prisma.user.count({ where: { id: erasedUserId } })).toBe(0); // made for this mapping alone: gone too
  });
});

describe("one integration cannot reach another's users", () => {
  it("answers 404 on every route for another integration's link session, user and account, and changes nothing", async () => {
    const owner = await newIntegration();
    const stranger = await newIntegration();
    const externalId = `shared-name-${randomUUID().slice(0, 8)}`;
    const linkSessionId = await linkThroughHostedPage(owner, externalId);
    const [target] = (await api("GET", `/users/${externalId}/accounts`, { key: owner })).body.data as { id: string }[];
    const before = (await api("GET", `/accounts/${target!.id}`, { key: owner })).body;

    const attempts: [string, "GET" | "POST" | "DELETE", string, unknown?][] = [
      ["link session", "GET", `/link_sessions/${linkSessionId}`],
      ["user's accounts", "GET", `/users/${externalId}/accounts`],
      ["account", "GET", `/accounts/${target!.id}`],
      ["refresh", "POST", `/accounts/${target!.id}/refresh`, { features: ["balance"] }],
      ["transactions sync", "GET", `/accounts/${target!.id}/transactions/sync`],
      ["disconnect", "POST", `/accounts/${target!.id}/disconnect`],
      ["payment method", "POST", `/accounts/${target!.id}/payment_method`],
      ["delete user", "DELETE", `/users/${externalId}`],
    ];
    for (const [what, method, path, body] of attempts) {
      const answer = await api(method, path, { key: stranger, body });
      expect(answer.status, what).toBe(404);
      expect(answer.body.error, what).toMatchObject({ type: "invalid_request_error", code: "resource_missing" });
    }
    expect((await api("GET", `/accounts/${target!.id}`, { key: owner })).body).toEqual(before);
    expect(before).toMatchObject({ status: "active" });

    // The stranger's own user of the same external id is someone else entirely.
    await linkThroughHostedPage(stranger, externalId);
    const theirs = (await api("GET", `/users/${externalId}/accounts`, { key: stranger })).body.data as { id: string }[];
    expect(theirs.map((a) => a.id)).not.toContain(target!.id);
  });

  it("sees, through a mapping made before integrations kept users apart, only what came through its own links", async () => {
    const key = await newIntegration();
    const integrationId = (await prisma.apiKey.findFirstOrThrow({ where: { prefix: key.slice(0, 12) } })).integrationId;
    // A person who signs in and linked an account themself, mapped to the integration by email in the old days.
    const person = await prisma.user.create({ data: { email: `legacy-${randomUUID()}@example.com` } });
    const own = await prisma.linkedAccount.create({
      data: { userId: person.id, stripeAccountId: `fca_${randomUUID()}`, mode: "test", institutionName: "Own Bank", category: "cash", subcategory: "checking", status: "active", stripeCreatedAt: new Date() },
    });
    const externalId = `legacy-${randomUUID().slice(0, 8)}`;
    await prisma.externalUser.create({ data: { apiKeyId: (await prisma.apiKey.findFirstOrThrow({ where: { integrationId } })).id, namespace: integrationId, externalId, userId: person.id } });

    expect((await api("GET", `/users/${externalId}/accounts`, { key })).body).toMatchObject({ data: [], has_more: false });
    for (const [method, path, body] of [
      ["GET", `/accounts/${own.id}`, undefined],
      ["GET", `/accounts/${own.id}/transactions/sync`, undefined],
      ["POST", `/accounts/${own.id}/refresh`, { features: ["balance"] }],
      ["POST", `/accounts/${own.id}/disconnect`, undefined],
    ] as const) {
      expect((await api(method, path, { key, body })).status, path).toBe(404);
    }
    // Deleting "their" user erases the mapping only: the person, their sign-in and their own account stay.
    expect((await api("DELETE", `/users/${externalId}`, { key })).status).toBe(200);
    expect(await prisma.user.count({ where: { id: person.id } })).toBe(1);
    expect(await prisma.linkedAccount.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ status: "active" });
    expect(await prisma.externalUser.count({ where: { namespace: integrationId, externalId } })).toBe(0);
  });
});

describe("bad input", () => {
  it("gets a 400 naming the field on every route that takes input", async () => {
    const key = await newIntegration();
    const externalId = `input-${randomUUID().slice(0, 8)}`;
    await linkThroughHostedPage(key, externalId);
    const [target] = (await api("GET", `/users/${externalId}/accounts`, { key })).body.data as { id: string }[];
    const cases: [string, "GET" | "POST", string, unknown, string][] = [
      ["no user", "POST", "/link_tokens", { redirect_uri: "myapp://linked" }, "user"],
      ["redirect not allowed", "POST", "/link_tokens", { redirect_uri: "otherapp://x", user: { external_id: "a", email: "a@example.com" } }, "redirect_uri"],
      ["bad email", "POST", "/link_tokens", { redirect_uri: "myapp://linked", user: { external_id: "a", email: "nope" } }, "user.email"],
      ["unknown field", "POST", "/link_tokens", { redirect_uri: "myapp://linked", user: { external_id: "a", email: "a@example.com" }, colour: "red" }, "colour"],
      ["limit 0", "GET", `/users/${externalId}/accounts?limit=0`, undefined, "limit"],
      ["limit 101", "GET", `/users/${externalId}/accounts?limit=101`, undefined, "limit"],
      ["unknown starting_after", "GET", `/users/${externalId}/accounts?starting_after=acct_nope`, undefined, "starting_after"],
      ["unknown query parameter", "GET", `/users/${externalId}/accounts?page=2`, undefined, "page"],
      ["no features", "POST", `/accounts/${target!.id}/refresh`, {}, "features"],
      ["unknown feature", "POST", `/accounts/${target!.id}/refresh`, { features: ["statements"] }, "features.0"],
      ["forged cursor", "GET", `/accounts/${target!.id}/transactions/sync?cursor=${Buffer.from("v1:-1").toString("base64url")}`, undefined, "cursor"],
      ["count 501", "GET", `/accounts/${target!.id}/transactions/sync?count=501`, undefined, "count"],
      ["disconnect with a body", "POST", `/accounts/${target!.id}/disconnect`, { reason: "x" }, "reason"],
      ["payment method with a body", "POST", `/accounts/${target!.id}/payment_method`, { type: "x" }, "type"],
      ["over-long account id for a payment method", "POST", `/accounts/${"x".repeat(201)}/payment_method`, undefined, "id"],
      ["unknown purpose", "POST", "/link_tokens", { redirect_uri: "myapp://linked", user: { external_id: "a", email: "a@example.com" }, purpose: "charity" }, "purpose"],
      ["over-long link session id", "GET", `/link_sessions/${"x".repeat(201)}`, undefined, "id"],
      ["over-long account id", "GET", `/accounts/${"x".repeat(201)}`, undefined, "id"],
      ["over-long external id", "GET", `/users/${"x".repeat(256)}/accounts`, undefined, "external_id"],
    ];
    const long = await api("DELETE", `/users/${"x".repeat(256)}`, { key });
    expect(long.body.error).toMatchObject({ param: "external_id" });
    for (const [what, method, path, body, param] of cases) {
      const answer = await api(method, path, { key, body });
      expect(answer.status, what).toBe(400);
      expect(answer.body.error, what).toMatchObject({ type: "invalid_request_error", param, message: expect.stringContaining(param) });
    }
    const missing = await api("POST", "/link_tokens", { key, body: { user: { external_id: "a", email: "a@example.com" } } });
    expect(missing.body.error).toMatchObject({ code: "parameter_missing", param: "redirect_uri" });
    const broken = await linkTokens.POST(new Request(`${ORIGIN}/api/v1/link_tokens`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{" }));
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { type: "invalid_request_error", message: "Request body is not valid JSON" } });
  });
});

describe("keys", () => {
  it("are required, and refused when unknown, with authentication_error", async () => {
    const none = await api("GET", "/accounts/anything");
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ type: "authentication_error" });
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const wrong = await api("GET", "/accounts/anything", { key: `lwk_${randomUUID()}` });
    expect(wrong.status).toBe(401);
  });

  it("carry scopes checked on every call: a read-only key reads but cannot mint, refresh, disconnect or delete", async () => {
    const full = await newIntegration();
    const externalId = `scoped-${randomUUID().slice(0, 8)}`;
    await linkThroughHostedPage(full, externalId);
    const [target] = (await api("GET", `/users/${externalId}/accounts`, { key: full })).body.data as { id: string }[];
    // A second key of the same integration, read-only (keys of one integration share its users).
    const integrationId = (await prisma.apiKey.findFirstOrThrow({ where: { prefix: full.slice(0, 12) } })).integrationId;
    const readOnly = await createApiKey(await prisma.user.create({ data: { email: `a-${randomUUID()}@example.com`, role: "admin" } }), { name: "Reader", redirect_uris: ["myapp://linked"], scopes: ["read"] });
    await prisma.apiKey.update({ where: { id: readOnly.id }, data: { integrationId } });

    expect((await api("GET", `/accounts/${target!.id}`, { key: readOnly.secret })).status).toBe(200);
    for (const [method, path, body, scope] of [
      ["POST", "/link_tokens", { redirect_uri: "myapp://linked", user: { external_id: "x", email: "x@example.com" } }, "link"],
      ["POST", `/accounts/${target!.id}/refresh`, { features: ["balance"] }, "refresh"],
      ["POST", `/accounts/${target!.id}/disconnect`, undefined, "delete"],
      ["POST", `/accounts/${target!.id}/payment_method`, undefined, "link"],
      ["DELETE", `/users/${externalId}`, undefined, "delete"],
    ] as const) {
      const answer = await api(method, path, { key: readOnly.secret, body });
      expect(answer.status, path).toBe(403);
      expect(answer.body.error, path).toMatchObject({ type: "permission_error", code: "insufficient_scope", message: expect.stringContaining(scope) });
    }
    expect((await api("GET", `/accounts/${target!.id}`, { key: full })).body).toMatchObject({ status: "active" });

    // The older routes check the same scopes.
    const legacyMint = await legacyLinkTokens.POST(
      new Request(`${ORIGIN}/api/link-tokens`, { method: "POST", headers: { authorization: `Bearer ${readOnly.secret}`, "content-type": "application/json" }, body: JSON.stringify({ redirect_uri: "myapp://linked", user: { external_id: "x", email: "x@example.com" } }) }),
    );
    expect(legacyMint.status).toBe(403);
    const linkOnly = await createApiKey(await prisma.user.create({ data: { email: `a-${randomUUID()}@example.com`, role: "admin" } }), { name: "Minter", redirect_uris: ["myapp://linked"], scopes: ["link"] });
    const minted = (await (await legacyLinkTokens.POST(
      new Request(`${ORIGIN}/api/link-tokens`, { method: "POST", headers: { authorization: `Bearer ${linkOnly.secret}`, "content-type": "application/json" }, body: JSON.stringify({ redirect_uri: "myapp://linked", user: { external_id: "y", email: "y@example.com" } }) }),
    )).json()) as { link_session_id: string };
    const legacyRead = await legacyLinkSession.GET(new Request(`${ORIGIN}/api/link-sessions/${minted.link_session_id}`, { headers: { authorization: `Bearer ${linkOnly.secret}` } }), { params: Promise.resolve({ id: minted.link_session_id }) });
    expect(legacyRead.status).toBe(403);
  });

  it("are rate limited per key with RateLimit headers, then 429 with Retry-After", async () => {
    await withEnv({ API_REQUESTS_PER_MINUTE: "3" }, async () => {
      const key = await newIntegration();
      const other = await newIntegration();
      for (let i = 0; i < 3; i++) {
        const answer = await api("GET", "/accounts/none", { key });
        expect(answer.status).toBe(404);
        expect(answer.headers.get("ratelimit-limit")).toBe("3");
        expect(answer.headers.get("ratelimit-remaining")).toBe(String(2 - i));
      }
      const limited = await api("GET", "/accounts/none", { key });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatchObject({ type: "rate_limit_error" });
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
      expect((await api("GET", "/accounts/none", { key: other })).status).toBe(404);
    });
  });
});

describe("Idempotency-Key", () => {
  it("replays the first answer for the same request, refuses another request with the key, and is per integration", async () => {
    const key = await newIntegration();
    const body = { redirect_uri: "myapp://linked", user: { external_id: "idem", email: "idem@example.com" } };
    const idem = `mint-${randomUUID()}`;
    const first = await api("POST", "/link_tokens", { key, body, headers: { "idempotency-key": idem } });
    const again = await api("POST", "/link_tokens", { key, body, headers: { "idempotency-key": idem } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.linkToken.count({ where: { linkSessionId: first.body.link_session_id as string } })).toBe(1);
    // The stored answer holds a live link: kept encrypted, never as it was sent.
    const stored = await prisma.apiIdempotentAnswer.findFirstOrThrow({ where: { key: idem } });
    expect(stored.body).not.toContain(new URL(first.body.url as string).pathname);
    expect(stored.body).toMatch(/^v1:/);

    const reused = await api("POST", "/link_tokens", { key, body: { ...body, state: "other" }, headers: { "idempotency-key": idem } });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ type: "idempotency_error", code: "idempotency_key_reused", param: "Idempotency-Key" });

    const elsewhere = await api("POST", "/link_tokens", { key: await newIntegration(), body, headers: { "idempotency-key": idem } });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.link_session_id).not.toBe(first.body.link_session_id);

    // A refused request is not kept: the same key with a fixed request goes through.
    const fixKey = `fix-${randomUUID()}`;
    expect((await api("POST", "/link_tokens", { key, body: { ...body, redirect_uri: "bad://x" }, headers: { "idempotency-key": fixKey } })).status).toBe(400);
    expect((await api("POST", "/link_tokens", { key, body, headers: { "idempotency-key": fixKey } })).status).toBe(201);
  });
});
