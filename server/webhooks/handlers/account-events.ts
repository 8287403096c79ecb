import "server-only";
import Stripe from "stripe";
import { prepareAccountSync, withAccountLock } from "@/server/accounts/sync-account";
import { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import type { HandlerContext, HandlerResult } from "@/server/webhooks/types";
import { adoptAccount } from "./adopt-account";
import { compareByRefreshes, storedRefreshesSelect } from "./compare-refreshes";

/** Every `financial_connections.account.*` event Stripe sends (stripe-node's list, API 2026-10-28). */
export const ACCOUNT_EVENT_TYPES = [
  "financial_connections.account.created",
  "financial_connections.account.deactivated",
  "financial_connections.account.disconnected",
  "financial_connections.account.reactivated",
  "financial_connections.account.refreshed_balance",
  "financial_connections.account.refreshed_ownership",
  "financial_connections.account.refreshed_transactions",
  "financial_connections.account.upcoming_deactivation",
  "financial_connections.account.expected_deactivation_date_updated",
  "financial_connections.account.account_numbers_updated",
  "financial_connections.account.supported_payment_method_types_updated",
  "financial_connections.account.upcoming_account_number_expiry",
] as const;

/** Events whose order decides `expectedDeactivationAt` when Stripe's account object does not carry it. */
const DEACTIVATION_EVENTS = [
  "financial_connections.account.upcoming_deactivation",
  "financial_connections.account.expected_deactivation_date_updated",
  "financial_connections.account.reactivated",
  "financial_connections.account.deactivated",
  "financial_connections.account.disconnected",
];

/**
 * Events about a refresh (or the account's creation): what they announce is ordered by the
 * refresh objects themselves. The rest change fields no refresh orders, so they are read.
 */
const REFRESH_EVENTS: string[] = [
  "financial_connections.account.created",
  "financial_connections.account.refreshed_balance",
  "financial_connections.account.refreshed_ownership",
  "financial_connections.account.refreshed_transactions",
];

/** How far our clock may be behind Stripe's. */
const CLOCK_SKEW_MS = 1_000;

type EventAccount = Partial<Stripe.FinancialConnections.Account> & { expected_deactivation_date?: number | null };

/**
 * Every account event is handled the same way, so duplicates and any arrival order end in
 * Stripe's state. The event's time is compared with the time our copy was read:
 *  - our copy is newer: it already holds what the event says; nothing to do (no Stripe read);
 *  - the event is newer: its account object (signed by Stripe, the account as of the event) is
 *    stored as a read made at the event's time, so a newer copy is never overwritten;
 *  - too close to tell (clocks and whole seconds): for a refresh event, the refresh objects
 *    order the two copies (skipped when ours holds the event's refreshes, stored when the
 *    event's are newer); otherwise the account is read from Stripe now, once for all events
 *    of the account in the queue's batch.
 * An account we do not store yet belongs to a link session whose browser never reported
 * back: it is completed from Stripe here (see adopt-account.ts).
 */
export async function handleAccountEvent(context: HandlerContext): Promise<HandlerResult | void> {
  const object = context.event.data.object as EventAccount;
  const accountId = object.id;
  if (typeof accountId !== "string" || !accountId.startsWith("fca")) return { state: "ignored", note: "event has no account id" };

  const known = await prisma.linkedAccount.findUnique({ where: { stripeAccountId: accountId }, select: { id: true, syncedAt: true, ...storedRefreshesSelect } });
  if (known && ourCopyIsNewer(context, known.syncedAt)) {
    return { state: "processed", note: `already current: stored from a read at ${known.syncedAt.toISOString()}, after the event` };
  }
  let snapshot = known && eventIsNewer(context, known.syncedAt) ? snapshotOf(context) : null;
  if (known && !snapshot && REFRESH_EVENTS.includes(context.event.type)) {
    // Too close in time to tell: the refreshes themselves may tell (compare-refreshes.ts).
    const candidate = snapshotOf(context);
    const comparison = candidate ? compareByRefreshes(candidate.account, known) : "unknown";
    if (comparison === "older" || comparison === "same") {
      return { state: "processed", note: `already current: our copy holds the event's refreshes or newer ones (${comparison})` };
    }
    // Stored as read no later than our copy, so a copy read after it still wins over it.
    if (comparison === "newer") snapshot = { account: candidate!.account, fetchedAt: new Date(Math.max(known.syncedAt.getTime(), candidate!.fetchedAt.getTime())) };
  }
  if (!known) {
    // Not under the account lock: completion stores every account of the session itself.
    const adopted = await adoptAccount(accountId, object.account_holder);
    if (!adopted.stored) return { state: "ignored", note: adopted.note };
  }

  await withAccountLock(accountId, async () => {
    let account: Stripe.FinancialConnections.Account;
    let fetchedAt: Date;
    try {
      ({ account, fetchedAt } = snapshot ?? (await context.readAccount(accountId)));
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
        return context.commit({ state: "ignored", note: `Stripe has no account ${accountId}` });
      }
      throw error;
    }
    const plan = await prepareAccountSync(account, { source: "webhook", reason: context.event.type, fetchedAt });
    const deactivation = deactivationFromEvent(context, account);
    await context.commit({
      state: "processed",
      apply: async (tx) => {
        await plan?.apply(tx);
        if (plan && deactivation) await deactivation(tx, plan.linkedAccountId);
      },
    });
  });
}

/**
 * Our copy was read from Stripe after the event happened, so it already holds what the event
 * announces: no read needed. `created` is whole seconds and clocks differ a little, so the read
 * must start a full second after the end of the event's second. Deactivation-related events
 * are always read: their order can decide the expected deactivation date (below).
 */
function ourCopyIsNewer({ event }: HandlerContext, syncedAt: Date): boolean {
  if (DEACTIVATION_EVENTS.includes(event.type)) return false;
  return syncedAt.getTime() >= (Number(event.created) + 1) * 1000 + CLOCK_SKEW_MS;
}

/** The event happened after our copy was read, clocks and whole seconds allowing. */
function eventIsNewer({ event }: HandlerContext, syncedAt: Date): boolean {
  return syncedAt.getTime() < Number(event.created) * 1000 - CLOCK_SKEW_MS;
}

/** The account as the event carries it, read as at the start of the event's second; null if incomplete. */
function snapshotOf({ event }: HandlerContext): { account: Stripe.FinancialConnections.Account; fetchedAt: Date } | null {
  const object = event.data.object as EventAccount;
  if (object.object !== "financial_connections.account" || typeof object.status !== "string" || !Array.isArray(object.permissions)) return null;
  return { account: object as Stripe.FinancialConnections.Account, fetchedAt: new Date(Number(event.created) * 1000) };
}

/**
 * Stripe's account object carries the expected deactivation date under `status_details`; when
 * the object we read has no `status_details` at all, the event is the only source. Then the
 * newest such event wins: one older than an already processed deactivation-related event of
 * the same account changes nothing.
 */
function deactivationFromEvent(context: HandlerContext, account: Stripe.FinancialConnections.Account) {
  const { event, stored } = context;
  if (account.status_details !== undefined || account.status !== "active") return null;
  let value: Date | null;
  if (event.type === "financial_connections.account.reactivated") {
    value = null;
  } else if (event.type === "financial_connections.account.upcoming_deactivation" || event.type === "financial_connections.account.expected_deactivation_date_updated") {
    const object = event.data.object as EventAccount;
    const seconds = object.status_details?.active?.expected_deactivation_date ?? object.expected_deactivation_date;
    if (!seconds) return null;
    value = new Date(seconds * 1000);
  } else {
    return null;
  }
  return async (tx: Prisma.TransactionClient, linkedAccountId: string) => {
    const newer = await tx.webhookEvent.count({
      where: {
        stripeObjectId: stored.stripeObjectId,
        type: { in: DEACTIVATION_EVENTS },
        stripeCreated: { gt: stored.stripeCreated },
        state: "processed",
        id: { not: stored.id },
      },
    });
    if (newer === 0) await tx.linkedAccount.update({ where: { id: linkedAccountId }, data: { expectedDeactivationAt: value } });
  };
}
