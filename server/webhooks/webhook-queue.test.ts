// The webhook queue: events stored by the endpoint are applied by whichever instance claims
// them; crash, duplicate, order and two-instance cases, one Stripe read per account per batch,
// no read when our copy is newer than the event or the event carries a newer account, backoff
// and give-up.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SnapshotOutdatedError } from "@/server/accounts/event-order";
import { prepareAccountSync } from "@/server/accounts/sync-account";
import { prisma } from "@/server/db/client";
import { startHarness, type Harness } from "@/test/webhook-harness";
import { processWebhookEvent } from "./process-webhook-event";
import { recoverMissedEvents } from "./recover-missed-events";
import { retryDelaySeconds } from "./retry-delay";
import { claimDueEvents, drainWebhookQueue } from "./webhook-queue";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const UPCOMING = "financial_connections.account.upcoming_deactivation";

/** A linked account whose later events Stripe keeps to itself until `deliverAll`. */
async function quietAccount(email: string) {
  const { user } = await h.linkAccounts(email);
  await h.settle();
  const account = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id } });
  await h.control("/_emulator/webhooks/endpoints", undefined, "DELETE");
  return account;
}

/** Makes `count` upcoming-deactivation events at Stripe and stores each through the endpoint. */
async function storeUpcomingEvents(stripeAccountId: string, count: number): Promise<string[]> {
  for (let i = 0; i < count; i++) {
    await h.control(`/_emulator/test_helpers/accounts/${stripeAccountId}/upcoming_deactivation`, { days: 2 + i });
  }
  const events = await h.eventsOf(UPCOMING, stripeAccountId);
  for (const event of events) expect((await h.deliver(await h.stripeEvent(event.id))).status).toBe(200);
  return events.map((e) => e.id);
}

/** Counts the app's reads of one account from here on (a zero-delay fault rule that counts down). */
function countReads(stripeAccountId: string) {
  const rule = h.emulator.emu.faults.add({ path: `/v1/financial_connections/accounts/${stripeAccountId}`, method: "GET", action: "delay", delay_ms: 0, count: 1_000 });
  return () => {
    const left = h.emulator.emu.faults.describe().find((r) => r.id === rule.id)?.remaining ?? 0;
    h.emulator.emu.faults.remove(rule.id);
    return 1_000 - left;
  };
}

async function expectedDateAtStripe(stripeAccountId: string): Promise<number> {
  const remote = await h.stripeGet<Stripe.FinancialConnections.Account>(`/v1/financial_connections/accounts/${stripeAccountId}`);
  return remote.status_details!.active!.expected_deactivation_date * 1000;
}

describe("the webhook queue", () => {
  it("applies every event of an account in a batch with one Stripe read", async () => {
    const account = await quietAccount("coalesce@example.com");
    const ids = await storeUpcomingEvents(account.stripeAccountId, 5);
    expect(ids).toHaveLength(5);
    // Our copy read just now: too close to the events to tell which is newer, so Stripe is read.
    await prisma.linkedAccount.update({ where: { id: account.id }, data: { syncedAt: new Date() } });
    const reads = countReads(account.stripeAccountId);
    expect(await drainWebhookQueue()).toBe(5);
    expect(reads()).toBe(1);
    const rows = await prisma.webhookEvent.findMany({ where: { stripeEventId: { in: ids } } });
    expect(rows.map((r) => [r.state, r.attempts, r.nextAttemptAt])).toEqual(Array(5).fill(["processed", 1, null]));
    const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.expectedDeactivationAt?.getTime()).toBe(await expectedDateAtStripe(account.stripeAccountId));
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("skips the Stripe read for an event older than our copy, and reads for a newer one that carries no whole account", async () => {
    const account = await quietAccount("newer-copy@example.com");
    const syncedAt = (await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } })).syncedAt;
    const event = (id: string, created: number) =>
      JSON.stringify({ id, object: "event", type: "financial_connections.account.refreshed_balance", created, livemode: false, data: { object: { id: account.stripeAccountId, object: "financial_connections.account" } } });
    const reads = countReads(account.stripeAccountId);
    await h.deliver(event("evt_older_than_copy", Math.floor(syncedAt.getTime() / 1000) - 5));
    await drainWebhookQueue();
    expect(reads()).toBe(0);
    const older = await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: "evt_older_than_copy" } });
    expect(older).toMatchObject({ state: "processed", attempts: 1 });
    expect(older.error).toMatch(/already current/);

    const again = countReads(account.stripeAccountId);
    await h.deliver(event("evt_newer_than_copy", Math.floor(Date.now() / 1000)));
    await drainWebhookQueue();
    expect(again()).toBe(1);
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: "evt_newer_than_copy" } })).toMatchObject({ state: "processed", error: null });
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("stores a newer event's own account object without reading Stripe", async () => {
    const account = await quietAccount("snapshot@example.com");
    // Our copy is an hour old; the bank then cuts access (the event carries the account as of then).
    await prisma.linkedAccount.update({ where: { id: account.id }, data: { syncedAt: new Date(Date.now() - 3_600_000) } });
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/deactivate`);
    const [event] = await h.eventsOf("financial_connections.account.deactivated", account.stripeAccountId);
    await h.deliver(await h.stripeEvent(event!.id));
    const reads = countReads(account.stripeAccountId);
    expect(await drainWebhookQueue()).toBe(1);
    expect(reads()).toBe(0);
    const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.status).toBe("inactive");
    // Stored as a read at the start of the event's second, never later than the event.
    expect(stored.syncedAt.getTime()).toBe(event!.created * 1000);
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event!.id } })).toMatchObject({ state: "processed", attempts: 1 });
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("orders a refresh event by its refreshes when its time is too close to our copy's: newer stored, older skipped, no Stripe read", async () => {
    const account = await quietAccount("refresh-order@example.com");
    const remote = await h.stripeGet<Stripe.FinancialConnections.Account>(`/v1/financial_connections/accounts/${account.stripeAccountId}`);
    const syncedAt = new Date();
    await prisma.linkedAccount.update({ where: { id: account.id }, data: { syncedAt } });
    const created = Math.floor(syncedAt.getTime() / 1000);
    const attempted = remote.balance_refresh!.last_attempted_at;
    const event = (id: string, balanceRefreshAt: number, current: number) =>
      JSON.stringify({
        id,
        object: "event",
        type: "financial_connections.account.refreshed_balance",
        created,
        livemode: false,
        data: {
          object: {
            ...remote,
            balance_refresh: { ...remote.balance_refresh, status: "succeeded", last_attempted_at: balanceRefreshAt },
            balance: { ...remote.balance, as_of: balanceRefreshAt, current: { usd: current } },
          },
        },
      });

    const reads = countReads(account.stripeAccountId);
    await h.deliver(event("evt_refresh_newer", attempted + 60, 123_45));
    await h.deliver(event("evt_refresh_older", attempted - 60, 999_99));
    await drainWebhookQueue();
    expect(reads()).toBe(0);
    const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.balanceRefreshAttemptedAt?.getTime()).toBe((attempted + 60) * 1000);
    expect(stored.balanceCurrent).toBe(12_345n);
    // Stored as read no later than the copy it replaced: a read made after it would still win.
    expect(stored.syncedAt.getTime()).toBe(syncedAt.getTime());
    const older = await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: "evt_refresh_older" } });
    expect(older).toMatchObject({ state: "processed", attempts: 1 });
    expect(older.error).toMatch(/already current/);

    // The account's status differs: refreshes cannot order that, so Stripe is read.
    await prisma.linkedAccount.update({ where: { id: account.id }, data: { status: "inactive" } });
    const again = countReads(account.stripeAccountId);
    await h.deliver(event("evt_refresh_status_differs", attempted + 120, 1));
    await drainWebhookQueue();
    expect(again()).toBe(1);
    expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("decides again under the row lock before storing an event's object: a sync that landed meanwhile wins, or Stripe is read", async () => {
    const account = await quietAccount("refresh-race@example.com");
    const remote = await h.stripeGet<Stripe.FinancialConnections.Account>(`/v1/financial_connections/accounts/${account.stripeAccountId}`);
    const attempted = remote.balance_refresh!.last_attempted_at;
    const created = Math.floor(Date.now() / 1000);
    await prisma.linkedAccount.update({ where: { id: account.id }, data: { syncedAt: new Date(created * 1000 + 500) } });
    const withBalanceAt = (seconds: number, ownershipAt = remote.ownership_refresh!.last_attempted_at) =>
      ({
        ...remote,
        balance_refresh: { ...remote.balance_refresh!, status: "succeeded", last_attempted_at: seconds },
        balance: { ...remote.balance!, as_of: seconds },
        ownership_refresh: { ...remote.ownership_refresh!, last_attempted_at: ownershipAt },
      }) as Stripe.FinancialConnections.Account;
    const fromEvent = { type: "financial_connections.account.refreshed_balance", created };
    const apply = async (object: Stripe.FinancialConnections.Account) => {
      const plan = await prepareAccountSync(object, { source: "webhook", fetchedAt: new Date(created * 1000), fromEvent });
      return prisma.$transaction((tx) => plan!.apply(tx));
    };

    // Meanwhile a sync stored a later balance refresh: the event's (older) object writes nothing.
    await prisma.linkedAccount.update({ where: { id: account.id }, data: { balanceRefreshAttemptedAt: new Date((attempted + 120) * 1000) } });
    expect(await apply(withBalanceAt(attempted + 60))).toBe(false);
    // One refresh newer, another older than the row: only Stripe can tell.
    await expect(apply(withBalanceAt(attempted + 180, remote.ownership_refresh!.last_attempted_at - 60))).rejects.toThrow(SnapshotOutdatedError);
    // Newer in every refresh: written, without moving syncedAt back.
    expect(await apply(withBalanceAt(attempted + 240))).toBe(true);
    const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.balanceRefreshAttemptedAt?.getTime()).toBe((attempted + 240) * 1000);
    expect(stored.syncedAt.getTime()).toBe(created * 1000 + 500);
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("leaves an event another instance just stored to that instance until a grace period has passed", async () => {
    const account = await quietAccount("grace@example.com");
    const stripeIds = await storeUpcomingEvents(account.stripeAccountId, 2);
    const ids = (await prisma.webhookEvent.findMany({ where: { stripeEventId: { in: stripeIds } }, select: { id: true } })).map((r) => r.id);
    expect(ids).toHaveLength(2);
    // Another instance's poll: both are fresh, so neither is taken.
    expect(await drainWebhookQueue({ graceSeconds: 5 })).toBe(0);
    // The instance that stored the first takes it at once.
    expect(await drainWebhookQueue({ graceSeconds: 5, own: new Set([ids[0]!]) })).toBe(1);
    // The second's instance went away: after the grace, any instance takes it.
    await prisma.webhookEvent.update({ where: { id: ids[1] }, data: { nextAttemptAt: new Date(Date.now() - 6_000) } });
    expect(await drainWebhookQueue({ graceSeconds: 5 })).toBe(1);
    const rows = await prisma.webhookEvent.findMany({ where: { id: { in: ids } } });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([["processed", 1], ["processed", 1]]);
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("loses nothing and applies nothing twice when an instance dies holding a batch", async () => {
    const account = await quietAccount("crash@example.com");
    const ids = await storeUpcomingEvents(account.stripeAccountId, 6);
    const changesBefore = await prisma.accountStatusChange.count({ where: { linkedAccountId: account.id } });

    // Instance A claims the batch and dies before applying any of it.
    const held = await claimDueEvents();
    expect(held.map((e) => e.stripeEventId).sort()).toEqual([...ids].sort());
    // While A's lease runs, nobody else takes them.
    expect(await drainWebhookQueue()).toBe(0);
    // The lease ends (as it would two minutes later): instance B applies them, once each.
    await prisma.webhookEvent.updateMany({ where: { stripeEventId: { in: ids } }, data: { nextAttemptAt: new Date() } });
    expect(await drainWebhookQueue()).toBe(6);
    // A was only paused, and now works through its stale copies: every one finds the outcome recorded.
    const late = await Promise.all(held.map((e) => processWebhookEvent(e, { openStates: ["received", "failed"] })));
    expect(late.every((o) => o.alreadyHandled && o.state === "processed")).toBe(true);

    const rows = await prisma.webhookEvent.findMany({ where: { stripeEventId: { in: ids } } });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual(Array(6).fill(["processed", 1]));
    expect(await prisma.accountStatusChange.count({ where: { linkedAccountId: account.id } })).toBe(changesBefore);
    const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.expectedDeactivationAt?.getTime()).toBe(await expectedDateAtStripe(account.stripeAccountId));
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("two instances draining at once apply every event exactly once", { timeout: 120_000 }, async () => {
    const accounts = [await quietAccount("two-a@example.com"), await quietAccount("two-b@example.com"), await quietAccount("two-c@example.com")];
    const ids = (await Promise.all(accounts.map((a) => storeUpcomingEvents(a.stripeAccountId, 20)))).flat();
    expect(ids).toHaveLength(60);
    // Smaller batches than the queue's own, so the two really interleave.
    const [first, second] = await Promise.all([drainWebhookQueue({ batch: 7 }), drainWebhookQueue({ batch: 7 })]);
    expect(first + second).toBe(60);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    const rows = await prisma.webhookEvent.findMany({ where: { stripeEventId: { in: ids } } });
    expect(rows.every((r) => r.state === "processed" && r.attempts === 1)).toBe(true);
    for (const account of accounts) {
      const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
      expect(stored.expectedDeactivationAt?.getTime()).toBe(await expectedDateAtStripe(account.stripeAccountId));
    }
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("recovers an event Stripe could not deliver from Stripe's list of undelivered events", async () => {
    const { user } = await h.linkAccounts("missed@example.com");
    await h.settle();
    const account = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id } });
    expect(await recoverMissedEvents()).toMatchObject({ recovered: 0 });
    // Every attempt to deliver the deactivation fails (never sent), as when we time out under load.
    await h.control("/_emulator/webhooks/faults", { action: "fail", count: 1_000, type: "financial_connections.account.deactivated" });
    await h.control(`/_emulator/test_helpers/accounts/${account.stripeAccountId}/deactivate`);
    const [event] = await h.eventsOf("financial_connections.account.deactivated", account.stripeAccountId);
    expect(await prisma.webhookEvent.count({ where: { stripeEventId: event!.id } })).toBe(0);

    const first = await recoverMissedEvents();
    expect(first.recovered).toBe(1);
    expect(first.listed).toBeGreaterThanOrEqual(1);
    await drainWebhookQueue();
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event!.id } })).toMatchObject({ state: "processed", attempts: 1 });
    expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("inactive");
    // Stored once: the next sweep (and a late delivery) change nothing.
    expect(await recoverMissedEvents()).toMatchObject({ recovered: 0 });
    await h.control("/_emulator/webhooks/faults", undefined, "DELETE");
    await h.emulator.emu.webhooks.flush();
    await h.settle();
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event!.id } })).toMatchObject({ state: "processed", attempts: 1 });
  });

  it("backs off after each failure, gives up after three days, and Stripe's redelivery takes it up again", async () => {
    expect([1, 2, 3, 4, 10, 11, 79].map(retryDelaySeconds)).toEqual([5, 10, 20, 40, 2_560, 3_600, 3_600]);
    expect(retryDelaySeconds(80)).toBeNull();
    const total = Array.from({ length: 79 }, (_, i) => retryDelaySeconds(i + 1)!).reduce((a, b) => a + b, 0);
    expect(total / 86_400).toBeGreaterThan(2.9);

    const account = await quietAccount("give-up@example.com");
    const [id] = await storeUpcomingEvents(account.stripeAccountId, 1);
    await prisma.webhookEvent.update({ where: { stripeEventId: id }, data: { state: "failed", attempts: 80, nextAttemptAt: null, error: "gave up" } });
    expect(await drainWebhookQueue()).toBe(0);
    const payload = await h.stripeEvent(id!);
    const redelivered = await h.deliver(payload);
    expect(await redelivered.json()).toEqual({ received: true, state: "failed", duplicate: true });
    expect(await drainWebhookQueue()).toBe(1);
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: id } })).toMatchObject({ state: "processed", attempts: 81, nextAttemptAt: null });
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });

  it("records a crash in the handler as a failure with its backoff, not a lost event", async () => {
    const account = await quietAccount("handler-crash@example.com");
    const [id] = await storeUpcomingEvents(account.stripeAccountId, 1);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await h.control("/_emulator/faults", { path: `/v1/financial_connections/accounts/${account.stripeAccountId}`, method: "GET", action: "500", count: 3 });
    expect(await drainWebhookQueue()).toBe(1);
    warn.mockRestore();
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: id } });
    expect(row).toMatchObject({ state: "failed", attempts: 1 });
    const wait = row.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(2_000);
    expect(wait).toBeLessThanOrEqual(5_000);
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });
});
