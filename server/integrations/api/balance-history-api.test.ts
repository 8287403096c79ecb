// The integrator API's balance history, ownership match and link holder, each route handler
// called as Next calls it against a real database and the Stripe emulator. Every answer is
// checked against the OpenAPI document the app serves, as v1-api.test.ts checks the others.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import * as linkTokens from "@/app/api/v1/link_tokens/route";
import * as userAccounts from "@/app/api/v1/users/[external_id]/accounts/route";
import * as account from "@/app/api/v1/accounts/[id]/route";
import * as balanceHistory from "@/app/api/v1/accounts/[id]/balance_history/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import { createApiKey } from "@/server/api-keys/manage-api-keys";
import { prisma } from "@/server/db/client";
import { setEnvForTests } from "@/server/env";
import { completeHostedLink } from "@/server/hosted-link/complete-hosted-link";
import { startHostedLink } from "@/server/hosted-link/start-hosted-link";
import { PEER_ADDRESS_HEADER } from "@/server/security/peer-address";
import { openApiResponses } from "@/test/openapi-responses";

const ORIGIN = "http://localhost:3998";
let emulator: RunningEmulator;
let problemsWith: ReturnType<typeof openApiResponses>;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [RegExp, string, Partial<Record<"GET" | "POST", Handler>>][] = [
  [/^\/link_tokens$/, "/link_tokens", linkTokens as never],
  [/^\/users\/(?<external_id>[^/]+)\/accounts$/, "/users/{external_id}/accounts", userAccounts as never],
  [/^\/accounts\/(?<id>[^/]+)\/balance_history$/, "/accounts/{id}/balance_history", balanceHistory as never],
  [/^\/accounts\/(?<id>[^/]+)$/, "/accounts/{id}", account as never],
];

type ApiErrorBody = { type: string; code: string; message: string; param?: string };
type Answer = { status: number; body: Record<string, unknown> & { error?: ApiErrorBody } };

/** One API call, routed like Next routes it, its answer checked against the document. */
async function api(method: "GET" | "POST", path: string, options: { key: string; body?: unknown }): Promise<Answer> {
  const [pathname] = path.split("?");
  const route = ROUTES.find(([pattern]) => pattern.test(pathname!));
  const handler = route?.[2][method];
  if (!route || !handler) throw new Error(`no route for ${method} ${path}`);
  const params = Object.fromEntries(Object.entries(route[0].exec(pathname!)!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
  const headers: Record<string, string> = { [PEER_ADDRESS_HEADER]: "192.0.2.11", authorization: `Bearer ${options.key}` };
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (text !== undefined) headers["content-type"] = "application/json";
  const response = await handler(new Request(`${ORIGIN}/api/v1${path}`, { method, headers, body: text }), { params: Promise.resolve(params) });
  const body = (await response.json()) as Answer["body"];
  expect(problemsWith(method, route[1], response.status, body)).toEqual([]);
  return { status: response.status, body };
}

async function newIntegration() {
  const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
  const key = await createApiKey(admin, { name: `Budget app ${randomUUID().slice(0, 6)}`, redirect_uris: ["myapp://linked"] });
  return key.secret;
}

const mintBody = (externalId: string, extra: Record<string, unknown> = {}) => ({ redirect_uri: "myapp://linked", user: { external_id: externalId, email: `${externalId}@example.com` }, ...extra });

/** A person of the integration links a checking account through the hosted page; its id. */
async function linkAccount(key: string, externalId: string): Promise<string> {
  const minted = await api("POST", "/link_tokens", { key, body: mintBody(externalId) });
  expect(minted.status).toBe(201);
  const token = new URL(minted.body.url as string).pathname.split("/").pop()!;
  const started = await startHostedLink(token, ORIGIN);
  const session = await prisma.linkSession.findUniqueOrThrow({ where: { id: minted.body.link_session_id as string } });
  const picked = await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${session.stripeSessionId}/complete`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ institution: "test_institution", accounts: ["checking"] }),
  });
  expect(picked.status).toBe(200);
  expect(await completeHostedLink(started.resume)).toMatchObject({ status: "succeeded", linked: 1 });
  const [linked] = (await api("GET", `/users/${externalId}/accounts`, { key })).body.data as { id: string }[];
  return linked!.id;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_v1", STRIPE_API_BASE: emulator.url, LINK_SESSIONS_PER_MINUTE: "1000", NEXTAUTH_URL: ORIGIN });
  problemsWith = openApiResponses(await openapi.GET(new Request(`${ORIGIN}/api/v1/openapi.json`)).json());
});

afterAll(async () => {
  await emulator.close();
});

// Each test links through the emulator: seconds on a loaded machine, more for the file's first.
const LINKING = { timeout: 90_000 };

describe("GET /accounts/{id}/balance_history", LINKING, () => {
  it("is in the OpenAPI document, read scope, with days as a query parameter", async () => {
    const document = (await openapi.GET(new Request(`${ORIGIN}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { "x-scope": string; parameters: { name: string; in: string }[]; responses: Record<string, unknown> }>>;
    };
    const op = document.paths["/accounts/{id}/balance_history"]?.get;
    expect(op).toMatchObject({ "x-scope": "read", responses: { 200: expect.anything(), 404: expect.anything(), 400: expect.anything() } });
    expect(op!.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(["path id", "query days"]);
  });

  it("answers for the integration's account: one entry per day ending today, snapshots as reported and the days before derived from transactions", async () => {
    const key = await newIntegration();
    const accountId = await linkAccount(key, `history-${randomUUID().slice(0, 8)}`);
    // Known data in place of what linking stored: today's balance just after midnight, and
    // transactions that day and the day before (a void one counts for nothing).
    const today = new Date().toISOString().slice(0, 10);
    const asOf = new Date(`${today}T00:00:10Z`);
    await prisma.balanceSnapshot.deleteMany({ where: { linkedAccountId: accountId } });
    await prisma.accountTransaction.deleteMany({ where: { linkedAccountId: accountId } });
    await prisma.linkedAccount.update({ where: { id: accountId }, data: { balanceCurrency: "usd", balanceCurrent: BigInt(1_000_00), balanceAvailable: BigInt(900_00), balanceAsOf: asOf } });
    await prisma.accountTransaction.createMany({
      data: [
        [-50_00, `${today}T00:00:05Z`, "posted"],
        [-7_00, new Date(asOf.getTime() - 86_400_000).toISOString(), "posted"],
        [-999_00, `${today}T00:00:01Z`, "void"],
      ].map(([amount, at, status]) => ({
        linkedAccountId: accountId,
        stripeTransactionId: `fctxn_${randomUUID()}`,
        amount: BigInt(amount as number),
        currency: "usd",
        description: "Purchase",
        status: status as "posted" | "void",
        transactedAt: new Date(at as string),
        stripeUpdatedAt: new Date(),
      })),
    });

    const full = await api("GET", `/accounts/${accountId}/balance_history`, { key });
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ object: "balance_history", account_id: accountId, currency: "usd" });
    const data = full.body.data as { date: string; current: number | null; available: number | null; source: string }[];
    expect(data).toHaveLength(90);
    expect(data.at(-1)).toEqual({ date: today, current: 1_000_00, available: 900_00, source: "snapshot" });
    expect(data.at(-2)).toMatchObject({ current: 1_050_00, available: null, source: "derived" });
    expect(data.at(-3)).toMatchObject({ current: 1_057_00, available: null, source: "derived" });
    expect(data.map((d) => d.date)).toEqual([...data.map((d) => d.date)].sort());

    const two = await api("GET", `/accounts/${accountId}/balance_history?days=2`, { key });
    expect(two.body.data).toEqual(data.slice(-2));
  });

  it("is a 404 for another integration's account and an unknown one, and a 400 naming days for a bad window", async () => {
    const owner = await newIntegration();
    const stranger = await newIntegration();
    const accountId = await linkAccount(owner, `private-${randomUUID().slice(0, 8)}`);
    for (const path of [`/accounts/${accountId}/balance_history`, "/accounts/acct_nope/balance_history"]) {
      const answer = await api("GET", path, { key: stranger });
      expect(answer.status, path).toBe(404);
      expect(answer.body.error, path).toMatchObject({ type: "invalid_request_error", code: "resource_missing" });
    }
    for (const days of ["0", "366", "abc", "1.5", "-3", ""]) {
      const answer = await api("GET", `/accounts/${accountId}/balance_history?days=${days}`, { key: owner });
      expect(answer.status, days).toBe(400);
      expect(answer.body.error, days).toMatchObject({ type: "invalid_request_error", param: "days", message: expect.stringContaining("days") });
    }
    expect((await api("GET", `/accounts/${accountId}/balance_history?day=3`, { key: owner })).body.error).toMatchObject({ param: "day" });
    expect((await api("GET", `/accounts/${"x".repeat(201)}/balance_history`, { key: owner })).body.error).toMatchObject({ param: "id" });
    expect((await api("GET", `/accounts/${accountId}/balance_history?days=365`, { key: owner })).body.data).toHaveLength(365);
  });
});

describe("ownership_match on the account", LINKING, () => {
  it("is null until computed, then the stored verdict, score, fields and reasons; a stored shape gone wrong reads as no data", async () => {
    const key = await newIntegration();
    const accountId = await linkAccount(key, `match-${randomUUID().slice(0, 8)}`);
    await prisma.linkedAccount.update({ where: { id: accountId }, data: { ownershipVerdict: null, ownershipScore: null, ownershipMatchedAt: null } });
    expect((await api("GET", `/accounts/${accountId}`, { key })).body.ownership_match).toBeNull();

    const matchedAt = new Date("2026-11-30T12:34:56.789Z");
    await prisma.linkedAccount.update({
      where: { id: accountId },
      data: {
        ownershipVerdict: "partial",
        ownershipScore: 72,
        ownershipMatchedAt: matchedAt,
        ownershipMatch: {
          fields: {
            name: { result: "match", score: 100, reason: "Names agree" },
            email: { result: "no_data", score: 0, reason: "No email from the bank" },
            phone: { result: "no_match", score: 0, reason: "Different numbers" },
            address: { result: "partial", score: 60, reason: "Same postal code, different street" },
          },
          reasons: ["Name matches", "Phone differs"],
          ownerIndex: 0,
        },
      },
    });
    const read = await api("GET", `/accounts/${accountId}`, { key });
    expect(read.body.ownership_match).toEqual({
      verdict: "partial",
      score: 72,
      fields: {
        name: { result: "match", reason: "Names agree" },
        email: { result: "no_data", reason: "No email from the bank" },
        phone: { result: "no_match", reason: "Different numbers" },
        address: { result: "partial", reason: "Same postal code, different street" },
      },
      reasons: ["Name matches", "Phone differs"],
      computed_at: matchedAt.toISOString(),
    });
    // The list carries it too.
    const externalId = (read.body.user as { external_id: string }).external_id;
    expect(((await api("GET", `/users/${externalId}/accounts`, { key })).body.data as Record<string, unknown>[])[0]!.ownership_match).toEqual(read.body.ownership_match);

    await prisma.linkedAccount.update({ where: { id: accountId }, data: { ownershipMatch: { fields: { name: { result: "maybe" } }, reasons: "none" } } });
    const degraded = await api("GET", `/accounts/${accountId}`, { key });
    expect(degraded.status).toBe(200);
    expect(degraded.body.ownership_match).toMatchObject({ verdict: "partial", reasons: [], fields: { name: { result: "no_data" }, address: { result: "no_data" } } });
  });
});

describe("POST /link_tokens with a holder", LINKING, () => {
  it("stores the holder's profile for the person; without one nothing is stored", async () => {
    const key = await newIntegration();
    const externalId = `holder-${randomUUID().slice(0, 8)}`;
    const holder = { name: " Ada Lovelace ", email: "Ada@Example.com", phone: "+1 415 555 0100", address: { line1: "1 Main St", city: "San Francisco", state: "CA", postal_code: "94103", country: "us" } };
    const minted = await api("POST", "/link_tokens", { key, body: mintBody(externalId, { holder }) });
    expect(minted.status).toBe(201);
    const { userId } = await prisma.externalUser.findFirstOrThrow({ where: { externalId } });
    expect(await prisma.holderProfile.findUnique({ where: { userId } })).toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: "+1 415 555 0100",
      addressLine1: "1 Main St",
      addressLine2: null,
      city: "San Francisco",
      state: "CA",
      postalCode: "94103",
      country: "US",
    });

    // Sent again: the fields given replace, those left out stay, null clears.
    expect((await api("POST", "/link_tokens", { key, body: mintBody(externalId, { holder: { phone: null, address: { city: "Oakland" } } }) })).status).toBe(201);
    expect(await prisma.holderProfile.findUnique({ where: { userId } })).toMatchObject({ name: "Ada Lovelace", phone: null, city: "Oakland", postalCode: "94103" });

    const plain = `plain-${randomUUID().slice(0, 8)}`;
    expect((await api("POST", "/link_tokens", { key, body: mintBody(plain) })).status).toBe(201);
    const { userId: plainUser } = await prisma.externalUser.findFirstOrThrow({ where: { externalId: plain } });
    expect(await prisma.holderProfile.count({ where: { userId: plainUser } })).toBe(0);
  });

  it("refuses a bad holder with a 400 naming the field, storing nothing", async () => {
    const key = await newIntegration();
    const cases: [unknown, string][] = [
      [{ email: "not-an-email" }, "holder.email"],
      [{ address: { country: "USA" } }, "holder.address.country"],
      [{ phone: "call me" }, "holder.phone"],
      [{ name: "x".repeat(201) }, "holder.name"],
      [{ address: { postal_code: "9".repeat(21) } }, "holder.address.postal_code"],
      [{ nickname: "Ada" }, "holder.nickname"],
      ["Ada", "holder"],
    ];
    for (const [holder, param] of cases) {
      const externalId = `bad-holder-${randomUUID().slice(0, 8)}`;
      const answer = await api("POST", "/link_tokens", { key, body: mintBody(externalId, { holder }) });
      expect(answer.status, param).toBe(400);
      expect(answer.body.error, param).toMatchObject({ type: "invalid_request_error", param, message: expect.stringContaining(param) });
    }
    // A holder in a request refused for another reason is not stored either.
    const refused = `refused-${randomUUID().slice(0, 8)}`;
    const answer = await api("POST", "/link_tokens", { key, body: { ...mintBody(refused, { holder: { name: "Ada" } }), redirect_uri: "otherapp://x" } });
    expect(answer.body.error).toMatchObject({ param: "redirect_uri" });
    const mapping = await prisma.externalUser.findFirst({ where: { externalId: refused } });
    expect(mapping && (await prisma.holderProfile.count({ where: { userId: mapping.userId } }))).toBeFalsy();
  });
});
