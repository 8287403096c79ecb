// Webhooks to integrators: written with the change they report (once where once is meant),
// sent signed to every enabled endpoint that takes the type, retried with backoff on failure,
// against a real database, the Stripe emulator and a receiver on this machine.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { syncAccountFromStripe } from "@/server/accounts/sync-account";
import { createApiKey } from "@/server/api-keys/manage-api-keys";
import { apiKeyFromRequest } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { setEnvForTests } from "@/server/env";
import { completeHostedLink } from "@/server/hosted-link/complete-hosted-link";
import { mintLinkToken } from "@/server/hosted-link/mint-link-token";
import { startHostedLink } from "@/server/hosted-link/start-hosted-link";
import { disconnectIntegrationAccount, eraseIntegrationUser, refreshIntegrationAccount } from "../account-actions";
import { revokeApiKey } from "@/server/api-keys/manage-api-keys";
import { accountEventsOf } from "./account-events";
import { announceMissedLinkSessions } from "./announce-link-session";
import { BACKOFF_SECONDS, deliverDueWebhooks, deliverFreshWebhooks, FIRST_TRY_SECONDS } from "./deliver-webhooks";
import { addWebhookEndpoint, sendTestEvent } from "./manage-endpoints";
import { saveHolderProfile } from "@/server/ownership/holder-profile";

const ORIGIN = "http://localhost:3999";
let emulator: RunningEmulator;
let receiver: Server;
let receiverUrl: string;
type Received = { path: string; body: string; signature: string; eventId: string };
const received: Received[] = [];
/** Status the receiver answers per path (200 unless set). */
const answers = new Map<string, number>();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_whk", STRIPE_API_BASE: emulator.url, LINK_SESSIONS_PER_MINUTE: "1000", CALLBACKS_ALLOW_LOOPBACK: "true" });
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body, signature: String(request.headers["linkwell-signature"]), eventId: String(request.headers["linkwell-event-id"]) });
      response.statusCode = answers.get(request.url ?? "") ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function newIntegration() {
  const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
  const created = await createApiKey(admin, { name: "Budget app", redirect_uris: ["myapp://linked"] });
  const key = (await apiKeyFromRequest(new Request(ORIGIN, { headers: { authorization: `Bearer ${created.secret}` } })))!;
  return { admin, key };
}

async function link(key: NonNullable<Awaited<ReturnType<typeof apiKeyFromRequest>>>, externalId: string) {
  const minted = await mintLinkToken({ kind: "api_key", apiKey: key }, { redirect_uri: "myapp://linked", user: { external_id: externalId, email: `${externalId}@example.com` } }, ORIGIN);
  const started = await startHostedLink(new URL(minted.url).pathname.split("/").pop()!, ORIGIN);
  const session = await prisma.linkSession.findUniqueOrThrow({ where: { id: minted.link_session_id } });
  await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${session.stripeSessionId}/complete`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ institution: "test_institution", accounts: ["checking", "savings"] }),
  });
  await completeHostedLink(started.resume);
  return { linkSessionId: minted.link_session_id, started };
}

/** Verifies a delivery as an integrator would: HMAC of "<t>.<body>", compared in constant time. */
function verify(secret: string, delivery: Received): boolean {
  const parts = Object.fromEntries(delivery.signature.split(",").map((p) => p.split("=") as [string, string]));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${delivery.body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

/**
 * Waits until the integration's deliveries have had their first try: the writer's own sends
 * (kickWebhookSender) make it a moment after each write; no sweeper runs here, so a write whose
 * transaction committed after those passes is sent as the sweeper would (a pass of its own).
 */
async function sent(integrationId: string) {
  await vi.waitFor(
    async () => {
      await deliverFreshWebhooks();
      expect(await prisma.integrationWebhookDelivery.count({ where: { event: { integrationId }, attempts: 0 } })).toBe(0);
    },
    { timeout: 10_000, interval: 100 },
  );
}

/** Sends kickWebhookSender has scheduled and not yet started. */
const scheduledSendPasses = () => (globalThis as { __integrationWebhookPasses?: Map<number, unknown> }).__integrationWebhookPasses?.size ?? 0;

const eventsAt = (path: string) => received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> });

describe("integration webhooks", () => {
  it("announce a link's end and its accounts once, signed, to every endpoint that takes them", async () => {
    const { admin, key } = await newIntegration();
    const all = await addWebhookEndpoint(admin, key.integrationId, { url: `${receiverUrl}/all` });
    await addWebhookEndpoint(admin, key.integrationId, { url: `${receiverUrl}/sessions-only`, enabled_events: ["link_session.succeeded"] });
    const externalId = `person-${randomUUID().slice(0, 8)}`;
    const { linkSessionId, started } = await link(key, externalId);
    await completeHostedLink(started.resume); // completed again: nothing new to announce

    await sent(key.integrationId);
    const events = eventsAt("/all");
    // Once each, however often the session is completed (a second completion may also sync a
    // balance or transactions that arrived meanwhile: those are events of their own).
    const once = events.map((e) => e.type).filter((t) => t === "account.linked" || t.startsWith("link_session."));
    expect(once.sort()).toEqual(["account.linked", "account.linked", "link_session.succeeded"]);
    expect(events.find((e) => e.type === "link_session.succeeded")).toMatchObject({ object: "event", data: { link_session_id: linkSessionId, error: null, user: { external_id: externalId } } });
    const accounts = await prisma.linkedAccount.findMany({ where: { linkSessionId }, select: { id: true } });
    expect(events.filter((e) => e.type === "account.linked").map((e) => e.data.account_id).sort()).toEqual(accounts.map((a) => a.id).sort());
    expect(eventsAt("/sessions-only").map((e) => e.type)).toEqual(["link_session.succeeded"]);
    for (const delivery of received.filter((r) => r.path === "/all")) {
      expect(verify(all.secret, delivery)).toBe(true);
      expect(verify(`${all.secret}x`, delivery)).toBe(false);
      expect(delivery.eventId).toBe((JSON.parse(delivery.body) as { id: string }).id);
    }
    expect(await prisma.integrationWebhookDelivery.count({ where: { event: { integrationId: key.integrationId }, deliveredAt: null } })).toBe(0);
  });

  it("announce an ownership verdict when it changes: when the owners arrive and when the holder's details change, not for the same details again", async () => {
    const { admin, key } = await newIntegration();
    await addWebhookEndpoint(admin, key.integrationId, { url: `${receiverUrl}/verdicts`, enabled_events: ["account.ownership_verdict_updated"] });
    const externalId = `verdict-${randomUUID().slice(0, 8)}`;
    const { linkSessionId } = await link(key, externalId);
    const accounts = await prisma.linkedAccount.findMany({ where: { linkSessionId }, orderBy: { id: "asc" } });
    const verdictEvents = () => eventsAt("/verdicts").filter((e) => accounts.some((a) => a.id === e.data.account_id));

    // The emulator finishes the ownership refresh linking started; Stripe's webhook would make the app read it.
    await vi.waitFor(
      async () => {
        for (const account of accounts) await syncAccountFromStripe(account.stripeAccountId, { source: "webhook" });
        expect(await prisma.linkedAccount.count({ where: { linkSessionId, ownershipVerdict: null } })).toBe(0);
      },
      { timeout: 10_000, interval: 100 },
    );
    await sent(key.integrationId);
    // No name on file: "Jenny Rosen" owns the accounts, nobody says the user is her.
    expect(verdictEvents()).toHaveLength(2);
    expect(await prisma.linkedAccount.count({ where: { linkSessionId, ownershipVerdict: "confirmed" } })).toBe(0);

    const userId = accounts[0]!.userId;
    await saveHolderProfile(userId, { name: "Jennifer Rosen" });
    await sent(key.integrationId);
    expect(verdictEvents()).toHaveLength(4);
    expect(verdictEvents().slice(2)).toEqual(accounts.map(() => expect.objectContaining({ type: "account.ownership_verdict_updated", data: expect.objectContaining({ user: { external_id: externalId } }) })));
    expect(await prisma.linkedAccount.count({ where: { linkSessionId, ownershipVerdict: "confirmed" } })).toBe(2);

    // Another spelling of the same name gives the same verdict: compared again, nothing to announce.
    await saveHolderProfile(userId, { name: "Jenny Rosen" });
    await sent(key.integrationId);
    expect(verdictEvents()).toHaveLength(4);
  });

  it("report balance updates, disconnection and deletion, and nothing for people who sign in themselves", async () => {
    received.length = 0;
    const { admin, key } = await newIntegration();
    await addWebhookEndpoint(admin, key.integrationId, { url: `${receiverUrl}/life` });
    const externalId = `life-${randomUUID().slice(0, 8)}`;
    const { linkSessionId } = await link(key, externalId);
    const [account] = await prisma.linkedAccount.findMany({ where: { linkSessionId }, orderBy: { id: "asc" } });

    await refreshIntegrationAccount(key.integrationId, account!.id, ["balance"]);
    // The emulator finishes the refresh after 20 ms; Stripe's webhook would then make the app read it.
    await vi.waitFor(
      async () => {
        await syncAccountFromStripe(account!.stripeAccountId, { source: "webhook" });
        expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } })).balanceRefreshStatus).toBe("succeeded");
      },
      { timeout: 10_000, interval: 50 },
    );
    await disconnectIntegrationAccount(key.integrationId, account!.id);
    await eraseIntegrationUser(key.integrationId, externalId);

    await sent(key.integrationId);
    const types = eventsAt("/life").map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["account.balance_updated", "account.disconnected", "user.deleted"]));
    expect(types.filter((t) => t === "account.disconnected")).toHaveLength(2); // both accounts: one by the call, one by the erasure
    expect(eventsAt("/life").find((e) => e.type === "user.deleted")).toMatchObject({ data: { user: { external_id: externalId } } });

    // A person who signs in themself has no integration: their changes write no event.
    const before = await prisma.integrationEvent.count();
    const person = await prisma.user.create({ data: { email: `self-${randomUUID()}@example.com` } });
    const own = await prisma.linkedAccount.create({
      data: { userId: person.id, stripeAccountId: `fca_${randomUUID()}`, mode: "test", institutionName: "Bank", category: "cash", subcategory: "checking", status: "active", stripeCreatedAt: new Date() },
    });
    const { emitAccountEvents } = await import("./emit-events");
    await emitAccountEvents(prisma, [own.id], ["account.disconnected"]);
    expect(await prisma.integrationEvent.count()).toBe(before);
  });

  it("announce what ended without the page (a closed tab, a revoked key) exactly once", async () => {
    const { admin, key } = await newIntegration();
    await addWebhookEndpoint(admin, key.integrationId, { url: `${receiverUrl}/missed` });
    const ofSession = (id: string) => prisma.integrationEvent.findMany({ where: { integrationId: key.integrationId, data: { path: ["link_session_id"], equals: id } } });

    // Linked, but the page never completed it: Stripe's webhook did (here: the row, as it leaves it).
    const { linkSessionId } = await link(key, `closed-${randomUUID().slice(0, 8)}`);
    await prisma.integrationEvent.deleteMany({ where: { integrationId: key.integrationId } });
    await prisma.linkSession.update({ where: { id: linkSessionId }, data: { completedAt: new Date(Date.now() - 120_000) } });
    expect(await announceMissedLinkSessions()).toBeGreaterThanOrEqual(1);
    expect((await ofSession(linkSessionId)).map((e) => e.type).sort()).toEqual(["account.linked", "account.linked", "link_session.succeeded"]);
    await announceMissedLinkSessions();
    expect(await ofSession(linkSessionId)).toHaveLength(3);

    // An attempt under way when its key is revoked fails, and the integration hears it.
    const minted = await mintLinkToken({ kind: "api_key", apiKey: key }, { redirect_uri: "myapp://linked", user: { external_id: "revoked", email: "revoked@example.com" } }, ORIGIN);
    await startHostedLink(new URL(minted.url).pathname.split("/").pop()!, ORIGIN);
    await revokeApiKey(admin, key.id, "leaked");
    expect(await ofSession(minted.link_session_id)).toMatchObject([{ type: "link_session.failed", data: { error: "link_revoked", user: { external_id: "revoked" } } }]);
  });

  it("are the writing instance's to send first: a sweeper takes a new delivery only after its first-try window", async () => {
    const { admin, key } = await newIntegration();
    const endpoint = await addWebhookEndpoint(admin, key.integrationId, { url: `${receiverUrl}/first-try` });
    // The earlier tests' kicks schedule sends up to a second later: let them pass, or one of them
    // would be the writer that sends this delivery.
    await vi.waitFor(() => expect(scheduledSendPasses()).toBe(0), { timeout: 5_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // As the emit statements write it, without their kick: this instance's sweep, then a writer's send.
    const delivery = `whd_${randomUUID()}`;
    await prisma.integrationEvent.create({
      data: { id: `evt_${randomUUID()}`, integrationId: key.integrationId, type: "user.deleted", data: {}, deliveries: { create: { id: delivery, endpointId: endpoint.id, nextAttemptAt: new Date(Date.now() + FIRST_TRY_SECONDS * 1000) } } },
    });
    await deliverDueWebhooks();
    expect(await prisma.integrationWebhookDelivery.findUniqueOrThrow({ where: { id: delivery } })).toMatchObject({ attempts: 0, deliveredAt: null });
    await deliverFreshWebhooks();
    expect(await prisma.integrationWebhookDelivery.findUniqueOrThrow({ where: { id: delivery } })).toMatchObject({ attempts: 1, deliveredAt: expect.any(Date) });
  });

  it("retry a failed delivery with backoff, keeping the endpoint's answer, and send a test event on demand", async () => {
    const { admin, key } = await newIntegration();
    answers.set("/down", 500);
    const endpoint = await addWebhookEndpoint(admin, key.integrationId, { url: `${receiverUrl}/down` });
    const result = await sendTestEvent(admin, endpoint.id);
    expect(result).toMatchObject({ deliveredAt: null, lastStatus: 500, lastError: "answered 500" });
    const delivery = await prisma.integrationWebhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(delivery.attempts).toBe(1);
    const wait = delivery.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan((BACKOFF_SECONDS[0]! - 2) * 1000);
    expect(wait).toBeLessThanOrEqual(BACKOFF_SECONDS[0]! * 1000);
    // Not due yet: the sweeper leaves it alone.
    await deliverDueWebhooks();
    expect((await prisma.integrationWebhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).attempts).toBe(1);

    answers.delete("/down");
    await prisma.integrationWebhookDelivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: new Date() } });
    // Due now: this sweep takes it (or a send pass still running from an earlier test's writes does).
    await deliverDueWebhooks();
    await vi.waitFor(async () =>
      expect(await prisma.integrationWebhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ attempts: 2, lastStatus: 200, nextAttemptAt: null, deliveredAt: expect.any(Date) }),
    );
    expect(eventsAt("/down").at(-1)).toMatchObject({ type: "webhook_endpoint.test" });
  });
});

describe("accountEventsOf", () => {
  it("names a new balance, new owners, new transactions and each status change", () => {
    const active = { status: "active", balanceRefreshStatus: "succeeded" } as const;
    expect(accountEventsOf(active, {}, false, false)).toEqual([]);
    expect(accountEventsOf(active, { balanceAsOf: new Date() }, true, true)).toEqual(["account.balance_updated", "account.ownership_updated", "transactions.sync_available"]);
    // A refresh that finished with the same balance as before still finished.
    expect(accountEventsOf({ ...active, balanceRefreshStatus: "pending" }, { balanceRefreshStatus: "succeeded" }, false, false)).toEqual(["account.balance_updated"]);
    expect(accountEventsOf(active, { balanceRefreshAttemptedAt: new Date() }, false, false)).toEqual(["account.balance_updated"]);
    expect(accountEventsOf(active, { balanceRefreshStatus: "pending" }, false, false)).toEqual([]);
    expect(accountEventsOf({ ...active, balanceRefreshStatus: "pending" }, { balanceRefreshStatus: "failed" }, false, false)).toEqual([]);
    expect(accountEventsOf(active, { status: "inactive" }, false, false)).toEqual(["account.deactivated"]);
    expect(accountEventsOf({ ...active, status: "inactive" }, { status: "active" }, false, false)).toEqual(["account.reactivated"]);
    expect(accountEventsOf({ ...active, status: "inactive" }, { status: "disconnected" }, false, false)).toEqual(["account.disconnected"]);
    expect(accountEventsOf(active, { status: "active" }, false, false)).toEqual([]);
  });
});
