import "server-only";
import Stripe from "stripe";
import { findAccountRow } from "@/server/accounts/account-row";
import { DEACTIVATION_EVENTS, SnapshotOutdatedError, decideEvent } from "@/server/accounts/event-order";
import { prepareAccountSync, withAccountLock, type StoredForSync } from "@/server/accounts/sync-account";
import type { Prisma } from "@/server/db/generated/prisma/client";
import type { HandlerContext, HandlerResult } from "@/server/webhooks/types";
import { adoptAccount } from "./adopt-account";

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

type EventAccount = Partial<Stripe.FinancialConnections.Account> & { expected_deactivation_date?: number | null };

/**
 * Every account event is handled the same way, so duplicates and any arrival order end in
 * Stripe's state. Whether the event or our copy is newer (event-order.ts: by clock when far
 * enough apart, else by the refreshes they hold) decides:
 *  - our copy is newer: it already holds what the event says; nothing to do (no Stripe read);
 *  - the event is newer: its account object (signed by Stripe, the account as of the event) is
 *    stored, after the same decision again under the row lock (a sync may have landed since);
 *  - cannot tell: the account is read from Stripe now, once for all events of the account in
 *    the queue's batch.
 * An account we do not store yet belongs to a link session whose browser never reported
 * back: it is completed from Stripe here (see adopt-account.ts).
 */
export async function handleAccountEvent(context: HandlerContext): Promise<HandlerResult | void> {
  const object = context.event.data.object as EventAccount;
  const accountId = object.id;
  if (typeof accountId !== "string" || !accountId.startsWith("fca")) return { state: "ignored", note: "event has no account id" };

  const known = await findAccountRow(accountId);
  const event = { type: context.event.type, created: Number(context.event.created), account: snapshotOf(context) };
  const decision = known ? decideEvent(event, known) : "read";
  if (decision === "skip") return { state: "processed", note: `already current: our copy (read at ${known!.syncedAt.toISOString()}) holds what the event announces` };
  if (!known) {
    // Not under the account lock: completion stores every account of the session itself.
    const adopted = await adoptAccount(accountId, object.account_holder);
    if (!adopted.stored) return { state: "ignored", note: adopted.note };
  }

  await withAccountLock(accountId, async () => {
    if (decision === "write") {
      // The event's own object, as of the start of its second; checked again under the row lock.
      const snapshot = { account: event.account!, fetchedAt: new Date(event.created * 1000) };
      try {
        return await applyAccount(context, snapshot, { stored: known ?? undefined, fromEvent: { type: event.type, created: event.created } });
      } catch (error) {
        if (!(error instanceof SnapshotOutdatedError)) throw error;
      }
    }
    let read: Awaited<ReturnType<HandlerContext["readAccount"]>>;
    try {
      read = await context.readAccount(accountId);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
        return context.commit({ state: "ignored", note: `Stripe has no account ${accountId}` });
      }
      throw error;
    }
    await applyAccount(context, read, { stored: known ?? undefined });
  });
}

/** Stores the account (with owners and transactions when due) and the event's outcome in one transaction. */
async function applyAccount(
  context: HandlerContext,
  { account, fetchedAt }: { account: Stripe.FinancialConnections.Account; fetchedAt: Date },
  { stored, fromEvent }: { stored?: StoredForSync; fromEvent?: { type: string; created: number } },
) {
  const plan = await prepareAccountSync(account, { source: "webhook", reason: context.event.type, fetchedAt, fromEvent, stored });
  const deactivation = deactivationFromEvent(context, account);
  await context.commit({
    state: "processed",
    apply: async (tx) => {
      await plan?.apply(tx);
      if (plan && deactivation) await deactivation(tx, plan.linkedAccountId);
    },
  });
}

/** The account as the event carries it; null when the object is not a whole account. */
function snapshotOf({ event }: HandlerContext): Stripe.FinancialConnections.Account | null {
  const object = event.data.object as EventAccount;
  if (object.object !== "financial_connections.account" || typeof object.status !== "string" || !Array.isArray(object.permissions)) return null;
  return object as Stripe.FinancialConnections.Account;
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
