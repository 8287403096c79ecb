// The account lifecycle driven by the emulator's real signed webhooks: refreshes, owners and
// transactions, deactivation and reactivation, disconnects, abandoned link sessions,
// reconciliation (idempotent) and the admin's reprocess.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { refreshAccount } from "@/server/accounts/refresh-account";
import { storeAccountState } from "@/server/accounts/sync-account";
import { prisma } from "@/server/db/client";
import { createLinkSession } from "@/server/linking/create-link-session";
import { reconcile } from "@/server/reconcile/reconcile";
import { startHarness, type Harness } from "@/test/webhook-harness";
import { ingestWebhookEvent } from "./ingest-webhook-event";
import { drainWebhookQueue } from "./webhook-queue";
import { reprocessWebhookEvent } from "./reprocess-webhook-event";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const accountsOf = (userId: string) => prisma.linkedAccount.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

const stripeAccount = (id: string) => h.stripeGet<Stripe.FinancialConnections.Account>(`/v1/financial_connections/accounts/${id}`);

/** A stored account's balance and transactions, in the shape of Stripe's values, to compare with them exactly. */
async function storedMoney(linkedAccountId: string) {
  const account = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: linkedAccountId } });
  const transactions = await prisma.accountTransaction.findMany({ where: { linkedAccountId }, orderBy: { stripeTransactionId: "asc" } });
  return {
    balance: {
      type: account.balanceType,
      currency: account.balanceCurrency,
      current: account.balanceCurrent,
      available: account.balanceAvailable,
      creditUsed: account.balanceCreditUsed,
      asOf: account.balanceAsOf?.getTime() ?? null,
    },
    transactions: transactions.map((t) => ({ id: t.stripeTransactionId, amount: t.amount, currency: t.currency, status: t.status, description: t.description })),
  };
}

/** What Stripe holds for the account now, in `currency` (the one the test linked it in). */
async function stripeMoney(stripeAccountId: string, currency: string) {
  const account = await stripeAccount(stripeAccountId);
  const balance = account.balance!;
  const minor = (value: number | undefined | null) => (value === undefined || value === null ? null : BigInt(value));
  const transactions = (await h.stripeTransactions(stripeAccountId)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    balance: {
      type: balance.type,
      currency,
      current: minor(balance.current[currency]),
      available: balance.type === "cash" ? minor(balance.cash?.available?.[currency]) : null,
      creditUsed: balance.type === "credit" ? minor(balance.credit?.used?.[currency]) : null,
      asOf: balance.as_of * 1000,
    },
    transactions: transactions.map((t) => ({ id: t.id, amount: BigInt(t.amount), currency: t.currency, status: t.status, description: t.description })),
  };
}

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
  it("stores balance, owners and transactions exactly as Stripe has them, and each refresh's new values", { timeout: 60_000 }, async () => {
    const { user } = await h.linkAccounts("refresh@example.com");
    await h.settle();
    const [account] = await accountsOf(user.id);
    // Linking subscribed to transactions and asked for owners; both came back by webhook.
    expect(account).toMatchObject({ status: "active", subscriptions: ["transactions"], balanceRefreshStatus: "succeeded", ownershipRefreshStatus: "succeeded" });
    const first = await storedMoney(account!.id);
    expect(first).toEqual(await stripeMoney(account!.stripeAccountId, "usd"));
    expect(first.transactions.length).toBeGreaterThan(0);
    const atStripe = await stripeAccount(account!.stripeAccountId);
    const owners = await h.stripeGet<{ data: Stripe.FinancialConnections.AccountOwner[] }>(
      `/v1/financial_connections/accounts/${account!.stripeAccountId}/owners?ownership=${atStripe.ownership}&limit=100`,
    );
    const storedOwners = await prisma.accountOwner.findMany({ where: { linkedAccountId: account!.id }, orderBy: { stripeOwnerId: "asc" } });
    expect(storedOwners.map((o) => ({ id: o.stripeOwnerId, name: o.name, email: o.email }))).toEqual(
      owners.data.map((o) => ({ id: o.id, name: o.name, email: o.email })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(account!.syncedTransactionRefreshId).toBe(atStripe.transaction_refresh!.id);

    await refreshAccount({ userId: user.id }, account!.id, "balance");
    expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } })).balanceRefreshStatus).toBe("pending");
    await refreshAccount({ userId: user.id }, account!.id, "transactions");
    await h.settle();
    const after = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } });
    expect(after.balanceRefreshStatus).toBe("succeeded");
    // Stripe's second refresh brought a new balance and new transactions: stored, exactly.
    const second = await stripeMoney(account!.stripeAccountId, "usd");
    expect(second.balance.current).not.toBe(first.balance.current);
    expect(second.transactions.length).toBeGreaterThan(first.transactions.length);
    expect(await storedMoney(account!.id)).toEqual(second);
    expect(after.syncedTransactionRefreshId).toBe((await stripeAccount(account!.stripeAccountId)).transaction_refresh!.id);
    expect(after.syncedTransactionRefreshId).not.toBe(account!.syncedTransactionRefreshId);
  });

  it("stores credit accounts' and other currencies' balances and amounts exactly as Stripe has them", { timeout: 60_000 }, async () => {
    const { user } = await h.linkAccounts("money@example.com", ["checking", "credit_card", "line_of_credit"]);
    await h.linkAccounts("money@example.com", ["cad_checking", "cad_credit_card"], true, "canadian_test_bank");
    await h.settle();
    const accounts = await accountsOf(user.id);
    expect(accounts.map((a) => `${a.category}:${a.balanceCurrency}`).sort()).toEqual(["cash:cad", "cash:usd", "credit:cad", "credit:usd", "credit:usd"]);
    for (const account of accounts) {
      const expected = await stripeMoney(account.stripeAccountId, account.institutionName === "Canadian Test Bank" ? "cad" : "usd");
      expect(expected.transactions.length, account.displayName ?? "").toBeGreaterThan(0);
      expect(await storedMoney(account.id), `${account.displayName} (${account.last4})`).toEqual(expected);
    }
    // A credit account: what is owed is a negative current balance and a positive "used".
    const card = accounts.find((a) => a.last4 === "1357")!;
    expect(card.balanceCurrent! < 0n && card.balanceCreditUsed === -card.balanceCurrent! && card.balanceAvailable === null).toBe(true);
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
    const user = await prisma.user.create({ data: { email: "in-modal@example.com" } });
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
    expect((await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } })).status).toBe("pending");
    const events = await prisma.webhookEvent.findMany({ where: { type: "financial_connections.account.created", state: "ignored" } });
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

describe("an older Stripe read", () => {
  it("never overwrites the newer state another sync already stored", { timeout: 60_000 }, async () => {
    const { user } = await h.linkAccounts("older-read@example.com");
    await h.settle();
    const [account] = await accountsOf(user.id);
    // One instance reads the account from Stripe here, and is slow to write it...
    const readAt = new Date();
    const older = await stripeAccount(account!.stripeAccountId);
    // ...while a balance refresh and its webhook store Stripe's newer state.
    await refreshAccount({ userId: user.id }, account!.id, "balance");
    await h.settle();
    const newer = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } });
    expect(newer.balanceCurrent).not.toBe(BigInt(older.balance!.current.usd!));
    expect(newer.syncedAt.getTime()).toBeGreaterThan(readAt.getTime());

    // The slow write arrives last: refused, the newer state stays.
    expect(await storeAccountState(older, { source: "webhook", fetchedAt: readAt })).toBe(false);
    expect(await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account!.id } })).toEqual(newer);
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

  it("racing the queue's retry of the same failed event, applies it exactly once", { timeout: 60_000 }, async () => {
    const { user } = await h.linkAccounts("reprocess-race@example.com");
    await h.settle();
    const [account] = await accountsOf(user.id);
    const fca = account!.stripeAccountId;
    // The event's first application fails (stripe-node retries twice: three failures), so it is stored as failed.
    await h.control("/_emulator/webhooks/endpoints", undefined, "DELETE");
    await h.control(`/_emulator/test_helpers/accounts/${fca}/deactivate`);
    await h.control("/_emulator/webhooks/endpoints", { url: h.hookUrl });
    const [event] = await h.eventsOf("financial_connections.account.deactivated", fca);
    const payload = JSON.parse(await h.stripeEvent(event!.id));
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await h.control("/_emulator/faults", { path: `/v1/financial_connections/accounts/${fca}`, method: "GET", action: "500", count: 3 });
    expect(await ingestWebhookEvent(payload)).toMatchObject({ state: "received", duplicate: false });
    await drainWebhookQueue();
    vi.restoreAllMocks();
    const failed = await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event!.id } });
    expect(failed).toMatchObject({ state: "failed", attempts: 1 });
    const changesBefore = await prisma.accountStatusChange.count({ where: { linkedAccountId: account!.id } });

    // Stripe answers slowly now, so the admin's reprocess and the queue's retry (its backoff
    // over) are in flight together.
    await h.control("/_emulator/faults", { path: `/v1/financial_connections/accounts/${fca}`, method: "GET", action: "delay", delay_ms: 300, count: 2 });
    await prisma.webhookEvent.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } });
    const [admin, drained] = await Promise.all([reprocessWebhookEvent(failed.id), drainWebhookQueue()]);
    expect(drained).toBe(1);
    expect(admin.state).toBe("processed");
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ state: "processed", attempts: 2, error: null });
    const changes = await prisma.accountStatusChange.findMany({ where: { linkedAccountId: account!.id }, orderBy: { createdAt: "asc" } });
    expect(changes).toHaveLength(changesBefore + 1);
    expect(changes.at(-1)).toMatchObject({ fromStatus: "active", toStatus: "inactive", source: "webhook" });
  });
});
