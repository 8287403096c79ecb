// The account lifecycle driven by the emulator's real signed webhooks: refreshes, owners and
// transactions, deactivation and reactivation, disconnects, abandoned link sessions,
// reconciliation (idempotent) and the admin's reprocess.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHarness, type Harness } from "./webhook-test-harness";

let h: Harness;
let prisma: typeof import("@/lib/db/client").prisma;
let reconcile: typeof import("@/lib/reconcile/reconcile").reconcile;
let reprocessWebhookEvent: typeof import("./reprocess-webhook-event").reprocessWebhookEvent;
let refreshAccount: typeof import("@/lib/accounts/refresh-account").refreshAccount;

beforeAll(async () => {
  h = await startHarness();
  ({ prisma } = await import("@/lib/db/client"));
  ({ reconcile } = await import("@/lib/reconcile/reconcile"));
  ({ reprocessWebhookEvent } = await import("./reprocess-webhook-event"));
  ({ refreshAccount } = await import("@/lib/accounts/refresh-account"));
});
afterAll(async () => {
  await h?.close();
});

const accountsOf = (userId: string) => prisma.linkedAccount.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

/** Everything reconciliation could touch, to compare two snapshots. */
async function snapshot() {
  const [accounts, sessions, changes, owners, transactions] = await Promise.all([
    prisma.linkedAccount.findMany({ orderBy: { id: "asc" } }),
    prisma.linkSession.findMany({ orderBy: { id: "asc" } }),
    prisma.accountStatusChange.count(),
    prisma.accountOwner.findMany({ orderBy: { id: "asc" } }),
    prisma.accountTransaction.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { accounts, sessions, changes, owners, transactions };
}

describe("refreshes arrive by webhook", () => {
  it("stores balance, owners and transactions, incrementally", { timeout: 60_000 }, async () => {
    const { user } = await h.linkAccounts("refresh@example.com");
    await h.settle();
    const [account] = await accountsOf(user.id);
    // Linking subscribed to transactions and asked for owners; both came back by webhook.
    expect(account).toMatchObject({ status: "active", subscriptions: ["transactions"], balanceRefreshStatus: "succeeded", ownershipRefreshStatus: "succeeded" });
    expect(account!.balanceCurrent).not.toBeNull();
    expect(await prisma.accountOwner.count({ where: { linkedAccountId: account!.id } })).toBeGreaterThan(0);
    const firstTransactions = await prisma.accountTransaction.count({ where: { linkedAccountId: account!.id } });
    expect(firstTransactions).toBeGreaterThan(0);
    expect(account!.syncedTransactionRefreshId).toMatch(/^fctxnref_/);

    await refreshAccount({ userId: user.id }, account!.id, "balance");
    expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } })).balanceRefreshStatus).toBe("pending");
    await refreshAccount({ userId: user.id }, account!.id, "transactions");
    await h.settle();
    const after = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } });
    expect(after.balanceRefreshStatus).toBe("succeeded");
    expect(after.balanceAsOf!.getTime()).toBeGreaterThanOrEqual(account!.balanceAsOf!.getTime());
    expect(after.syncedTransactionRefreshId).not.toBe(account!.syncedTransactionRefreshId);
    const transactions = await prisma.accountTransaction.findMany({ where: { linkedAccountId: account!.id } });
    expect(transactions.length).toBeGreaterThanOrEqual(firstTransactions);
    expect(new Set(transactions.map((t) => t.stripeTransactionId)).size).toBe(transactions.length);
    // Pending ones from the first refresh posted in place.
    expect(transactions.every((t) => ["pending", "posted", "void"].includes(t.status) && typeof t.amount === "bigint")).toBe(true);
  });
});

describe("deactivation, reactivation, disconnection", () => {
  it("follows Stripe through the lifecycle and clears the expected deactivation date", async () => {
    const { user } = await h.linkAccounts("lifecycle@example.com");
    await h.settle();
    const [account] = await accountsOf(user.id);
    const fca = account!.stripeAccountId;

    await h.control(`/_emulator/test_helpers/accounts/${fca}/upcoming_deactivation`, { days: 5 });
    await h.settle();
    const upcoming = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } });
    expect(upcoming.expectedDeactivationAt!.getTime()).toBeGreaterThan(Date.now() + 4 * 86_400_000);

    await h.control(`/_emulator/test_helpers/accounts/${fca}/deactivate`);
    await h.settle();
    expect(await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } })).toMatchObject({ status: "inactive", expectedDeactivationAt: null });

    await h.control(`/_emulator/test_helpers/accounts/${fca}/reactivate`);
    await h.settle();
    expect(await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } })).toMatchObject({ status: "active", expectedDeactivationAt: null });

    // Disconnected at Stripe by someone else (another app, the bank): kept as history.
    await fetch(`${h.emulator.url}/v1/financial_connections/accounts/${fca}/disconnect`, { method: "POST", headers: { authorization: "Bearer sk_test_webhook_harness" } });
    await h.settle();
    const disconnected = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } });
    expect(disconnected.status).toBe("disconnected");
    expect(disconnected.disconnectedAt).not.toBeNull();
    const changes = await prisma.accountStatusChange.findMany({ where: { linkedAccountId: account!.id }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => `${c.fromStatus}->${c.toStatus}:${c.source}`)).toEqual([
      "active->inactive:webhook",
      "inactive->active:webhook",
      "active->disconnected:webhook",
    ]);
  });
});

describe("a link session whose browser went away", () => {
  it("is completed from the account.created event", async () => {
    const { user, linkSessionId } = await h.linkAccounts("abandoned@example.com", ["checking", "savings"], false);
    await h.settle();
    const linkSession = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
    expect(linkSession).toMatchObject({ status: "succeeded", accountCount: 2 });
    const accounts = await accountsOf(user.id);
    expect(accounts).toHaveLength(2);
    expect(accounts.every((a) => a.linkSessionId === linkSessionId && a.status === "active")).toBe(true);
    // Data collection started as if the browser had completed it.
    expect(accounts[0]!.subscriptions).toEqual(["transactions"]);
    const created = await prisma.webhookEvent.findMany({ where: { type: "financial_connections.account.created", stripeObjectId: { in: accounts.map((a) => a.stripeAccountId) } } });
    expect(created.map((e) => e.state)).toEqual(["processed", "processed"]);
  });

  it("leaves a session still in the modal alone, and ignores accounts of strangers", async () => {
    const { prisma: db } = await import("@/lib/db/client");
    const { createLinkSession } = await import("@/lib/linking/create-link-session");
    const user = await db.user.create({ data: { email: "in-modal@example.com" } });
    const { linkSessionId } = await createLinkSession(user, "in-modal");
    // Someone else's customer links an account: not ours.
    const stranger = (await (
      await fetch(`${h.emulator.url}/v1/customers`, { method: "POST", headers: { authorization: "Bearer sk_test_webhook_harness" } })
    ).json()) as { id: string };
    const session = (await (
      await fetch(`${h.emulator.url}/v1/financial_connections/sessions`, {
        method: "POST",
        headers: { authorization: "Bearer sk_test_webhook_harness", "content-type": "application/x-www-form-urlencoded" },
        body: `account_holder[type]=customer&account_holder[customer]=${stranger.id}&permissions[]=balances`,
      })
    ).json()) as { id: string };
    await h.control(`/_emulator/test_helpers/sessions/${session.id}/complete`, { institution: "test_institution", accounts: ["checking"] });
    await h.settle();
    expect((await db.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } })).status).toBe("pending");
    const events = await db.webhookEvent.findMany({ where: { type: "financial_connections.account.created", state: "ignored" } });
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]!.error).toMatch(/not a customer of this app/);
  });
});

describe("reconciliation", () => {
  it("repairs what webhooks missed, and a second run changes nothing", { timeout: 60_000 }, async () => {
    const { user } = await h.linkAccounts("reconcile@example.com", ["checking", "savings"]);
    await h.settle();
    const [first, second] = await accountsOf(user.id);
    // Webhooks stop reaching the app: these changes are only at Stripe.
    await h.control("/_emulator/webhooks/endpoints", undefined, "DELETE");
    await h.control(`/_emulator/test_helpers/accounts/${first!.stripeAccountId}/deactivate`);
    await h.control(`/_emulator/test_helpers/accounts/${second!.stripeAccountId}/upcoming_deactivation`, { days: 9 });
    const abandoned = await h.linkAccounts("reconcile-abandoned@example.com", ["checking"], false);
    await h.settle();
    expect((await prisma.linkSession.findUniqueOrThrow({ where: { id: abandoned.linkSessionId } })).status).toBe("pending");

    const log = vi.fn();
    const run1 = await reconcile({ log });
    expect(run1.linkSessions.completed).toBe(1);
    expect(run1.accounts.changed).toBeGreaterThanOrEqual(2);
    expect(run1.accounts.failed + run1.linkSessions.failed).toBe(0);
    expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe("inactive");
    expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: second!.id } })).expectedDeactivationAt).not.toBeNull();
    expect(await prisma.linkedAccount.count({ where: { userId: abandoned.user.id } })).toBe(1);
    const statusChange = await prisma.accountStatusChange.findFirstOrThrow({ where: { linkedAccountId: first!.id, toStatus: "inactive" } });
    expect(statusChange.source).toBe("reconcile");

    // Completing the abandoned session started data collection at Stripe; let it finish and
    // bring it in, so the next run sees a Stripe that no longer moves.
    await h.settle();
    await reconcile();
    const before = await snapshot();
    const run3 = await reconcile();
    expect(run3.accounts).toEqual({ checked: before.accounts.length, changed: 0, failed: 0 });
    expect(run3.linkSessions.completed + run3.linkSessions.cancelled).toBe(0);
    expect(await snapshot()).toEqual(before);
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
  });
});

describe("reprocess (admin)", () => {
  it("runs a stored event again idempotently, and turns a failed one into processed", async () => {
    const { user } = await h.linkAccounts("reprocess@example.com");
    await h.settle();
    const [account] = await accountsOf(user.id);
    await h.control(`/_emulator/test_helpers/accounts/${account!.stripeAccountId}/deactivate`);
    await h.settle();
    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { stripeObjectId: account!.stripeAccountId, type: "financial_connections.account.deactivated" } });
    const changes = await prisma.accountStatusChange.count();
    expect(await reprocessWebhookEvent(event.id)).toEqual({ state: "processed" });
    expect(await reprocessWebhookEvent(event.id)).toEqual({ state: "processed" });
    expect(await prisma.accountStatusChange.count()).toBe(changes);
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).attempts).toBe(event.attempts + 2);

    // A failing Stripe read: recorded as failed, returned (not thrown); the next try succeeds.
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await h.control("/_emulator/faults", { path: `/v1/financial_connections/accounts/${account!.stripeAccountId}`, method: "GET", action: "500", count: 3 });
    const failed = await reprocessWebhookEvent(event.id);
    vi.restoreAllMocks();
    expect(failed.state).toBe("failed");
    expect(failed.error).toMatch(/Stripe api_error/);
    expect(await reprocessWebhookEvent(event.id)).toEqual({ state: "processed" });
    await expect(reprocessWebhookEvent("no-such-event")).rejects.toThrow(/not found/);
  });
});
