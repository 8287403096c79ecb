// The webhook endpoint with real signed deliveries from the emulator: signatures, store-once,
// duplicates, order, unknown types, a failure the queue's retry fixes, a burst of 1,000.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/server/db/client";
import { drainWebhookQueue } from "@/server/webhooks/webhook-queue";
import { captureLogLines } from "@/test/log-lines";
import { PREVIOUS_SECRET, startHarness, type Harness } from "@/test/webhook-harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function accountOf(userId: string) {
  return prisma.linkedAccount.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "asc" } });
}

describe("signature checks", () => {
  const payload = JSON.stringify({ id: "evt_sig_1", object: "event", type: "customer.created", created: 1, livemode: false, data: { object: { id: "cus_1" } } });

  it.each([
    ["a wrong secret", { secret: "whsec_not_ours" }, "no_matching_signature"],
    ["an expired timestamp", { timestamp: Math.floor(Date.now() / 1000) - 301 }, "expired_timestamp"],
    ["a timestamp an hour in the future", { timestamp: Math.floor(Date.now() / 1000) + 3600 }, "future_timestamp"],
    ["a timestamp just past the tolerance in the future", { timestamp: Math.floor(Date.now() / 1000) + 310 }, "future_timestamp"],
    ["no header", { header: null }, "missing_signature"],
    ["a malformed header", { header: "garbage" }, "malformed_signature"],
  ] as const)("refuses %s with 400, stores nothing and logs one line", async (_name, opts, reason) => {
    const lines = captureLogLines("info");
    const response = await h.deliver(payload, opts);
    expect(response.status).toBe(400);
    expect(await prisma.webhookEvent.count({ where: { stripeEventId: "evt_sig_1" } })).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "warn", component: "webhooks", msg: "rejected a delivery", reason });
    expect(JSON.stringify(lines[0])).not.toContain("whsec_");
  });

  it("accepts both secrets while one is rotated, and a body changed after signing is refused", async () => {
    const old = await h.deliver(payload.replace("evt_sig_1", "evt_sig_old"), { secret: PREVIOUS_SECRET });
    expect(old.status).toBe(200);
    const current = await h.deliver(payload.replace("evt_sig_1", "evt_sig_new"));
    expect(current.status).toBe(200);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: PREVIOUS_SECRET });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tampered = await h.deliver(payload.replace("cus_1", "cus_2"), { header });
    vi.restoreAllMocks();
    expect(tampered.status).toBe(400);
  });

  it("refuses a body over 1 MB with 413", async () => {
    const big = JSON.stringify({ id: "evt_big", pad: "x".repeat(1024 * 1024) });
    expect((await h.deliver(big)).status).toBe(413);
  });
});

describe("store once, answer, apply from the queue", () => {
  it("stores an unknown event type, acknowledges it, and the queue records it as ignored", async () => {
    const payload = JSON.stringify({ id: "evt_unknown_type", object: "event", type: "charge.succeeded", created: 1_700_000_000, livemode: false, data: { object: { id: "ch_1" } } });
    const response = await h.deliver(payload);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: "received", duplicate: false });
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: "evt_unknown_type" } })).toMatchObject({ state: "received", attempts: 0 });
    expect(await drainWebhookQueue()).toBeGreaterThanOrEqual(1);
    const stored = await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: "evt_unknown_type" } });
    expect(stored).toMatchObject({ state: "ignored", attempts: 1, type: "charge.succeeded", stripeObjectId: "ch_1", nextAttemptAt: null });
    expect(stored.stripeCreated.getTime()).toBe(1_700_000_000_000);
    // A repeat is acknowledged and changes nothing.
    const again = await h.deliver(payload);
    expect(await again.json()).toMatchObject({ state: "ignored", duplicate: true });
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: "evt_unknown_type" } })).toEqual(stored);
  });

  it("applies a duplicated delivery once", async () => {
    const { user } = await h.linkAccounts("duplicate@example.com");
    await h.settle();
    const account = await accountOf(user.id);
    const changesBefore = await prisma.accountStatusChange.count({ where: { linkedAccountId: account.id } });
    await h.control("/_emulator/webhooks/faults", { action: "duplicate", count: 1 });
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/deactivate`);
    await h.settle();
    const [event] = await h.eventsOf("financial_connections.account.deactivated", account.stripeAccountId);
    const deliveries = (await h.control(`/_emulator/webhooks/deliveries?event=${event!.id}`, undefined, "GET")) as { data: unknown[] };
    expect(deliveries.data).toHaveLength(1);
    // Sent twice, answered twice: stored by the first, acknowledged as a duplicate by the second,
    // applied once by the queue.
    expect(h.answersFor(event!.id)).toEqual([
      { eventId: event!.id, status: 200, body: { received: true, state: "received", duplicate: false } },
      { eventId: event!.id, status: 200, body: { received: true, state: "received", duplicate: true } },
    ]);
    const rows = await prisma.webhookEvent.findMany({ where: { stripeEventId: event!.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: "processed", attempts: 1, stripeObjectId: account.stripeAccountId });
    expect((await accountOf(user.id)).status).toBe("inactive");
    const changes = await prisma.accountStatusChange.findMany({ where: { linkedAccountId: account.id }, orderBy: { createdAt: "asc" } });
    expect(changes).toHaveLength(changesBefore + 1);
    expect(changes.at(-1)).toMatchObject({ fromStatus: "active", toStatus: "inactive", source: "webhook", reason: "financial_connections.account.deactivated" });
  });

  it("ends in Stripe's state whatever order the events arrive in", async () => {
    const { user } = await h.linkAccounts("reversed@example.com");
    await h.settle();
    const account = await accountOf(user.id);
    await h.control("/_emulator/webhooks/endpoints", undefined, "DELETE");
    const when = Date.now() + 10 * 86_400_000;
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/upcoming_deactivation`, { days: 10 });
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/deactivate`);
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/reactivate`);
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/upcoming_deactivation`, { days: 3 });
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
    const types = ["upcoming_deactivation", "deactivated", "reactivated"].map((t) => `financial_connections.account.${t}`);
    const events = (await Promise.all(types.map((t) => h.eventsOf(t, account.stripeAccountId)))).flat();
    expect(events).toHaveLength(4);
    // Newest first, each delivered twice, and each applied before the next arrives.
    events.sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
    for (const e of [...events, ...events]) {
      const response = await h.deliver(await h.stripeEvent(e.id));
      expect(response.status).toBe(200);
      await drainWebhookQueue();
    }
    const stored = await accountOf(user.id);
    expect(stored.status).toBe("active");
    expect(stored.expectedDeactivationAt).not.toBeNull();
    // Stripe's newest date (3 days), not the older event's 10.
    expect(Math.abs(stored.expectedDeactivationAt!.getTime() - (when - 7 * 86_400_000))).toBeLessThan(60_000);
    expect(await prisma.webhookEvent.count({ where: { stripeObjectId: account.stripeAccountId, type: { in: types } } })).toBe(4);
  });

  it("records a failure, answers 200 (stored), and the queue's retry after the backoff succeeds", async () => {
    const { user } = await h.linkAccounts("retry@example.com");
    await h.settle();
    const account = await accountOf(user.id);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    // stripe-node retries twice itself: three failures make the handler's retrieve fail once.
    await h.control("/_emulator/faults", { path: `/v1/financial_connections/accounts/${account.stripeAccountId}`, method: "GET", action: "500", count: 3 });
    // Our copy read just now: the event is too close to it to apply from its own object, so the handler reads.
    await prisma.linkedAccount.update({ where: { id: account.id }, data: { syncedAt: new Date() } });
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/deactivate`);
    await h.settle();
    warn.mockRestore();
    const [event] = await h.eventsOf("financial_connections.account.deactivated", account.stripeAccountId);
    const deliveries = (await h.control(`/_emulator/webhooks/deliveries?event=${event!.id}`, undefined, "GET")) as {
      data: Array<{ status: string; attempts: Array<{ status: number }> }>;
    };
    // Stripe delivered once: the event was safe when stored, whatever happened next.
    expect(deliveries.data[0]?.attempts.map((a) => a.status)).toEqual([200]);
    const failed = await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event!.id } });
    expect(failed).toMatchObject({ state: "failed", attempts: 1 });
    expect(failed.error).toMatch(/Stripe api_error/);
    // Backed off: not due yet, so draining now leaves it alone...
    const wait = failed.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(2_000);
    expect(wait).toBeLessThanOrEqual(5_000);
    await drainWebhookQueue();
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ state: "failed", attempts: 1 });
    expect((await accountOf(user.id)).status).toBe("active");
    // ...and once due, the queue applies it.
    await prisma.webhookEvent.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } });
    await drainWebhookQueue();
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { id: failed.id } });
    expect(row).toMatchObject({ state: "processed", attempts: 2, error: null, nextAttemptAt: null });
    expect((await accountOf(user.id)).status).toBe("inactive");
  });
});

describe("the live/test mode guard", () => {
  it("ignores a live-mode event on a server with test keys: no Stripe read, no change", async () => {
    const { user } = await h.linkAccounts("livemode@example.com");
    await h.settle();
    const account = await accountOf(user.id);
    // Deactivated at Stripe with webhooks off: only processing an event would store it.
    await h.control("/_emulator/webhooks/endpoints", undefined, "DELETE");
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/deactivate`);
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
    const [event] = await h.eventsOf("financial_connections.account.deactivated", account.stripeAccountId);
    const testEvent = JSON.parse(await h.stripeEvent(event!.id)) as Record<string, unknown>;

    const live = await h.deliver(JSON.stringify({ ...testEvent, id: `${event!.id}_live`, livemode: true }));
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ received: true, state: "received", duplicate: false });
    await drainWebhookQueue();
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: `${event!.id}_live` } })).toMatchObject({
      state: "ignored",
      livemode: true,
      attempts: 1,
      error: "a live event; this server uses test keys",
    });
    expect(await accountOf(user.id)).toEqual(account);

    // The same event in test mode is applied: the guard, nothing else, kept the live one out.
    const test = await h.deliver(JSON.stringify(testEvent));
    expect(await test.json()).toEqual({ received: true, state: "received", duplicate: false });
    await drainWebhookQueue();
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event!.id } })).toMatchObject({ state: "processed" });
    expect((await accountOf(user.id)).status).toBe("inactive");
  });
});

describe("a burst of 1,000 events", () => {
  it("stores every event exactly once and ends in Stripe's state", { timeout: 180_000 }, async () => {
    const { user } = await h.linkAccounts("burst@example.com", ["checking", "savings", "credit_card", "joint_checking"]);
    await h.settle();
    const accounts = await prisma.linkedAccount.findMany({ where: { userId: user.id } });
    expect(accounts.length).toBeGreaterThanOrEqual(3);
    const before = await prisma.webhookEvent.count();
    const answersBefore = h.answers.length;
    // 10% of the deliveries are sent twice.
    await h.control("/_emulator/webhooks/faults", { action: "duplicate", count: 100 });
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      const account = accounts[i % accounts.length]!;
      await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/upcoming_deactivation`, { days: 1 + (i % 300) });
    }
    await h.settle();
    const seconds = (performance.now() - started) / 1000;
    console.log(`[burst] 1,000 events (+100 duplicate deliveries) ingested in ${seconds.toFixed(1)} s`);
    expect(await prisma.webhookEvent.count()).toBe(before + 1000);
    // 1,100 answers, all 200: exactly the 100 second deliveries were answered as duplicates.
    const answers = h.answers.slice(answersBefore);
    expect(answers).toHaveLength(1100);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(100);
    expect(new Set(answers.filter((a) => a.body.duplicate === true).map((a) => a.eventId)).size).toBe(100);
    const burst = { type: "financial_connections.account.upcoming_deactivation", stripeObjectId: { in: accounts.map((a) => a.stripeAccountId) } };
    const counts = await prisma.webhookEvent.groupBy({ by: ["state"], where: burst, _count: true });
    expect(counts).toEqual([{ state: "processed", _count: 1000 }]);
    // Applied once each: a second application would have moved attempts past 1.
    expect(await prisma.webhookEvent.count({ where: { ...burst, attempts: { not: 1 } } })).toBe(0);
    // Each account carries the date Stripe has now, whatever order the deliveries ran in.
    const client = new Stripe("sk_test_webhook_harness", { host: "127.0.0.1", port: h.emulator.port, protocol: "http" });
    for (const account of accounts) {
      const remote = await client.financialConnections.accounts.retrieve(account.stripeAccountId);
      const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
      expect(stored.expectedDeactivationAt?.getTime()).toBe(remote.status_details!.active!.expected_deactivation_date * 1000);
    }
  });
});
