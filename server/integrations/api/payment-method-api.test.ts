// Pay by bank for integrators, below HTTP: links minted with purpose "payments" (and what they
// refuse), POST /api/v1/accounts/{id}/payment_method before and after the person's acceptance,
// against the Stripe emulator (its webhooks delivered to the app through the harness), the
// account object's payment_method, and the integrator events when the mandate stops. Every
// answer is checked against the served OpenAPI document.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as linkTokens from "@/app/api/v1/link_tokens/route";
import * as linkSession from "@/app/api/v1/link_sessions/[id]/route";
import * as userAccounts from "@/app/api/v1/users/[external_id]/accounts/route";
import * as account from "@/app/api/v1/accounts/[id]/route";
import * as paymentMethod from "@/app/api/v1/accounts/[id]/payment_method/route";
import * as eraseUser from "@/app/api/v1/users/[external_id]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as legacyLinkTokens from "@/app/api/link-tokens/route";
import { createApiKey } from "@/server/api-keys/manage-api-keys";
import { prisma } from "@/server/db/client";
import { setEnvForTests, withEnv } from "@/server/env";
import { completeHostedLink } from "@/server/hosted-link/complete-hosted-link";
import { startHostedLink } from "@/server/hosted-link/start-hosted-link";
import { authorizeAccountForPayments, type Acceptance } from "@/server/payments/authorize-account";
import { PEER_ADDRESS_HEADER } from "@/server/security/peer-address";
import { openApiResponses } from "@/test/openapi-responses";
import { startHarness, type Harness } from "@/test/webhook-harness";

const ORIGIN = "http://localhost:3999";
let h: Harness;
let problemsWith: ReturnType<typeof openApiResponses>;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [RegExp, string, Partial<Record<"GET" | "POST", Handler>>][] = [
  [/^\/link_tokens$/, "/link_tokens", linkTokens as never],
  [/^\/link_sessions\/(?<id>[^/]+)$/, "/link_sessions/{id}", linkSession as never],
  [/^\/users\/(?<external_id>[^/]+)\/accounts$/, "/users/{external_id}/accounts", userAccounts as never],
  [/^\/accounts\/(?<id>[^/]+)\/payment_method$/, "/accounts/{id}/payment_method", paymentMethod as never],
  [/^\/accounts\/(?<id>[^/]+)$/, "/accounts/{id}", account as never],
];

type Answer = { status: number; headers: Headers; body: Record<string, unknown> & { error?: { type: string; code: string; message: string; param?: string } } };

/** One API call, routed like Next routes it, answered, and checked against the document. */
async function api(method: "GET" | "POST", path: string, options: { key: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer> {
  const [pathname] = path.split("?");
  const route = ROUTES.find(([pattern]) => pattern.test(pathname!));
  if (!route) throw new Error(`no route for ${path}`);
  const handler = route[2][method]!;
  const params = Object.fromEntries(Object.entries(route[0].exec(pathname!)!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
  const headers: Record<string, string> = { [PEER_ADDRESS_HEADER]: "192.0.2.10", authorization: `Bearer ${options.key}`, ...options.headers };
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (text !== undefined) headers["content-type"] = "application/json";
  const response = await handler(new Request(`${ORIGIN}/api/v1${path}`, { method, headers, body: text }), { params: Promise.resolve(params) });
  const body = (await response.json()) as Answer["body"];
  expect(problemsWith(method, route[1], response.status, body)).toEqual([]);
  return { status: response.status, headers: response.headers, body };
}

async function newIntegration(name = `Budget app ${randomUUID().slice(0, 6)}`) {
  const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
  const key = await createApiKey(admin, { name, redirect_uris: ["myapp://linked"] });
  const { integrationId } = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { integrationId: true } });
  return { secret: key.secret, integrationId };
}

const userOf = (externalId: string) => ({ external_id: externalId, email: `${externalId}@example.com` });

/** The integration's person links these accounts on the hosted page of a link for payments (the modal driven by the emulator). */
async function linkForPayments(key: string, externalId: string, accounts: string[]) {
  const minted = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", user: userOf(externalId), purpose: "payments" } });
  expect(minted.status).toBe(201);
  const token = new URL(minted.body.url as string).pathname.split("/").pop()!;
  const started = await startHostedLink(token, ORIGIN);
  const session = await prisma.linkSession.findUniqueOrThrow({ where: { id: minted.body.link_session_id as string } });
  await h.control(`/_emulator/test_helpers/sessions/${session.stripeSessionId}/complete`, { institution: "test_institution", accounts });
  const completion = await completeHostedLink(started.resume);
  expect(completion).toMatchObject({ status: "succeeded", linked: accounts.length });
  const list = await api("GET", `/users/${externalId}/accounts?limit=100`, { key });
  const byName = Object.fromEntries((list.body.data as { id: string; display_name: string }[]).map((a) => [a.display_name, a.id]));
  const { userId } = await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId: minted.body.link_session_id as string }, select: { userId: true } });
  return { linkSessionId: minted.body.link_session_id as string, completion, byName, userId };
}

const ACCEPTANCE: Acceptance = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (hosted test)", at: new Date("2026-11-26T15:52:00Z"), source: "hosted_link" };

beforeAll(async () => {
  h = await startHarness();
  setEnvForTests({ NEXTAUTH_URL: ORIGIN });
  const document = await openapi.GET(new Request(`${ORIGIN}/api/v1/openapi.json`)).json();
  problemsWith = openApiResponses(document);
});

afterAll(async () => {
  await h?.close();
});

describe("minting a link for payments", () => {
  it("takes purpose payments, stores it and says it back; data is the default", async () => {
    const { secret: key } = await newIntegration();
    const externalId = `purpose-${randomUUID().slice(0, 8)}`;
    const payments = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", user: userOf(externalId), purpose: "payments" } });
    expect(payments).toMatchObject({ status: 201, body: { object: "link_token", purpose: "payments" } });
    expect(await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId: payments.body.link_session_id as string } })).toMatchObject({ purpose: "payments" });
    expect((await api("GET", `/link_sessions/${payments.body.link_session_id as string}`, { key })).body).toMatchObject({ purpose: "payments", status: "pending" });

    const plain = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", user: userOf(externalId) } });
    expect(plain.body.purpose).toBe("data");
    expect((await api("GET", `/link_sessions/${plain.body.link_session_id as string}`, { key })).body).toMatchObject({ purpose: "data" });

    // Narrowed permissions that keep the account numbers are fine.
    const narrowed = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", user: userOf(externalId), purpose: "payments", permissions: ["payment_method", "balances"] } });
    expect(narrowed.status).toBe(201);

    // The older route shares the minting, so it takes the purpose too.
    const legacy = await legacyLinkTokens.POST(
      new Request(`${ORIGIN}/api/link-tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ redirect_uri: "myapp://linked", user: userOf(externalId), purpose: "payments" }),
      }),
    );
    expect(legacy.status).toBe(201);
    expect(await legacy.json()).toMatchObject({ purpose: "payments" });
  });

  it("refuses a purpose it does not know, and payments without the account numbers, naming the field", async () => {
    const { secret: key } = await newIntegration();
    const user = userOf(`refused-${randomUUID().slice(0, 8)}`);
    const before = await prisma.linkToken.count();
    const unknown = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", user, purpose: "charity" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ type: "invalid_request_error", param: "purpose", message: expect.stringContaining("data, payments") });

    const noNumbers = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", user, purpose: "payments", permissions: ["balances", "transactions"] } });
    expect(noNumbers.status).toBe(400);
    expect(noNumbers.body.error).toMatchObject({ param: "permissions", message: expect.stringContaining("payment_method") });

    // A server that does not offer the numbers at all cannot make a payments link.
    await withEnv({ LINK_PERMISSIONS: "balances,transactions" }, async () => {
      const unoffered = await api("POST", "/link_tokens", { key, body: { redirect_uri: "myapp://linked", user, purpose: "payments" } });
      expect(unoffered.status).toBe(400);
      expect(unoffered.body.error).toMatchObject({ param: "purpose", message: expect.stringContaining("payment_method") });
    });
    expect(await prisma.linkToken.count()).toBe(before);
  });
});

describe("POST /accounts/{id}/payment_method", () => {
  it("is authorization_required until the person accepts, then the PaymentMethod, mandate and Customer Stripe holds; an ineligible account says why", { timeout: 90_000 }, async () => {
    const { secret: key, integrationId } = await newIntegration();
    const externalId = `payer-${randomUUID().slice(0, 8)}`;
    const { byName, userId, completion } = await linkForPayments(key, externalId, ["checking", "credit_card"]);
    const checking = byName.Checking!;
    const card = byName["Credit Card"]!;
    // The hosted page was told to ask: the checking account can be debited, the card cannot.
    expect(completion.payments?.accounts).toEqual([
      expect.objectContaining({ id: checking, eligible: true, state: null, title: "Checking •••• 6789 at Test Institution" }),
      expect.objectContaining({ id: card, eligible: false, reason: "Only checking and savings accounts can be used for payments." }),
    ]);

    const before = await api("POST", `/accounts/${checking}/payment_method`, { key });
    expect(before.status).toBe(409);
    expect(before.body.error).toMatchObject({ type: "invalid_request_error", code: "authorization_required", message: expect.stringContaining("purpose") });
    expect((await api("GET", `/accounts/${checking}`, { key })).body.payment_method).toBeNull();
    const ineligible = await api("POST", `/accounts/${card}/payment_method`, { key });
    expect(ineligible.status).toBe(409);
    expect(ineligible.body.error).toMatchObject({ code: "not_a_bank_account" });
    expect(await prisma.paymentAuthorization.count({ where: { linkedAccount: { userId } } })).toBe(0);

    // The person accepts on the hosted page (the server action's work, tested in server/hosted-link).
    const authorization = await authorizeAccountForPayments(userId, checking, ACCEPTANCE);
    expect(authorization.state).toBe("active");

    const ready = await api("POST", `/accounts/${checking}/payment_method`, { key, headers: { "idempotency-key": `pm-${randomUUID()}` } });
    expect(ready.status).toBe(200);
    const customer = await prisma.stripeCustomer.findFirstOrThrow({ where: { userId } });
    expect(ready.body).toEqual({
      object: "payment_method",
      account: checking,
      status: "active",
      payment_method: expect.stringMatching(/^pm_/),
      mandate: expect.stringMatching(/^mandate_/),
      mandate_status: "active",
      customer: customer.stripeCustomerId,
      accepted_at: Math.floor(ACCEPTANCE.at.getTime() / 1000),
    });
    // What Stripe holds: that PaymentMethod, on that Customer, from that account; that mandate, active, with the acceptance.
    const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: checking } });
    const pm = await h.stripeGet<Stripe.PaymentMethod>(`/v1/payment_methods/${ready.body.payment_method as string}`);
    expect(pm).toMatchObject({ type: "us_bank_account", customer: customer.stripeCustomerId, us_bank_account: { financial_connections_account: stored.stripeAccountId } });
    const mandate = await h.stripeGet<Stripe.Mandate>(`/v1/mandates/${ready.body.mandate as string}`);
    expect(mandate).toMatchObject({ status: "active", payment_method: pm.id, customer_acceptance: { accepted_at: ready.body.accepted_at, online: { ip_address: "203.0.113.9" } } });

    // Asked again: the same answer, and no second SetupIntent at Stripe.
    expect((await api("POST", `/accounts/${checking}/payment_method`, { key, body: {} })).body).toEqual(ready.body);
    expect((await h.stripeGet<{ data: unknown[] }>(`/v1/setup_intents?customer=${customer.stripeCustomerId}`)).data).toHaveLength(1);

    // The account object carries it too, in GET /accounts/{id} and in the list.
    const expected = { status: "active", payment_method: pm.id, mandate: mandate.id, mandate_status: "active", accepted_at: ready.body.accepted_at };
    expect((await api("GET", `/accounts/${checking}`, { key })).body.payment_method).toEqual(expected);
    const list = (await api("GET", `/users/${externalId}/accounts`, { key })).body.data as { id: string; payment_method: unknown }[];
    expect(list.find((a) => a.id === checking)!.payment_method).toEqual(expected);
    expect(list.find((a) => a.id === card)!.payment_method).toBeNull();

    // The integration heard that it is ready.
    await h.settle();
    const readyEvents = await prisma.integrationEvent.findMany({ where: { integrationId, type: "account.payment_method_ready" } });
    expect(readyEvents.map((e) => (e.data as { account_id: string }).account_id)).toEqual([checking]);
  });

  it("is a 404 for another integration's account and a 400 naming id for a malformed one", { timeout: 60_000 }, async () => {
    const { secret: owner } = await newIntegration();
    const { secret: stranger } = await newIntegration();
    const { byName, userId } = await linkForPayments(owner, `owned-${randomUUID().slice(0, 8)}`, ["checking"]);
    await authorizeAccountForPayments(userId, byName.Checking!, ACCEPTANCE);

    const other = await api("POST", `/accounts/${byName.Checking!}/payment_method`, { key: stranger });
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ code: "resource_missing", param: "id" });
    expect(JSON.stringify(other.body)).not.toMatch(/pm_|mandate_|cus_/);
    const unknown = await api("POST", `/accounts/cl_unknown_account/payment_method`, { key: owner });
    expect(unknown.status).toBe(404);

    const bad = await api("POST", `/accounts/${"x".repeat(201)}/payment_method`, { key: owner });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: "invalid_request_error", param: "id" });
  });

  it("tells the integration when the mandate stops, and is authorization_required again", { timeout: 90_000 }, async () => {
    const { secret: key, integrationId } = await newIntegration();
    const externalId = `stopped-${randomUUID().slice(0, 8)}`;
    const { byName, userId } = await linkForPayments(key, externalId, ["savings"]);
    const savings = byName.Savings!;
    const authorization = await authorizeAccountForPayments(userId, savings, ACCEPTANCE);
    expect((await api("POST", `/accounts/${savings}/payment_method`, { key })).body).toMatchObject({ status: "active" });
    await h.settle();

    await h.control(`/_emulator/test_helpers/mandates/${authorization.stripeMandateId}/deactivate`);
    await h.settle();
    const inactive = await prisma.integrationEvent.findMany({ where: { integrationId, type: "account.payment_method_inactive" } });
    expect(inactive).toHaveLength(1);
    expect(inactive[0]!.data).toMatchObject({ account_id: savings, user: { external_id: externalId } });

    const after = await api("POST", `/accounts/${savings}/payment_method`, { key });
    expect(after.status).toBe(409);
    expect(after.body.error).toMatchObject({ code: "authorization_required" });
    expect((await api("GET", `/accounts/${savings}`, { key })).body.payment_method).toMatchObject({ status: "inactive", mandate_status: "inactive", mandate: authorization.stripeMandateId });
  });

  it("erasing the user detaches the PaymentMethods made from their accounts before the data goes", { timeout: 90_000 }, async () => {
    const { secret: key, integrationId } = await newIntegration();
    const externalId = `erased-${randomUUID().slice(0, 8)}`;
    const { byName, userId } = await linkForPayments(key, externalId, ["checking"]);
    const authorization = await authorizeAccountForPayments(userId, byName.Checking!, ACCEPTANCE);
    const response = await eraseUser.DELETE(
      new Request(`${ORIGIN}/api/v1/users/${externalId}`, { method: "DELETE", headers: { [PEER_ADDRESS_HEADER]: "192.0.2.10", authorization: `Bearer ${key}` } }),
      { params: Promise.resolve({ external_id: externalId }) },
    );
    expect(response.status).toBe(200);
    const pm = await h.stripeGet<Stripe.PaymentMethod>(`/v1/payment_methods/${authorization.stripePaymentMethodId}`);
    expect(pm.customer).toBeNull();
    expect((await h.stripeGet<Stripe.Mandate>(`/v1/mandates/${authorization.stripeMandateId}`)).status).toBe("inactive");
    expect(await prisma.paymentAuthorization.count({ where: { id: authorization.id } })).toBe(0);
    expect(await prisma.integrationEvent.count({ where: { integrationId, type: "user.deleted" } })).toBe(1);
  });
});
