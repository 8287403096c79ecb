import "server-only";
import type Stripe from "stripe";
import { accountFieldsFromStripe } from "./account-fields";
import type { LinkedAccount, Prisma } from "@/server/db/generated/prisma/client";

// Which is newer, a webhook event's account object or our stored copy: by clock when their
// times are far enough apart, else by the refreshes they hold. Decided before handling an
// event (to spare a Stripe read) and again under the row lock before writing the event's object.

export const storedRefreshesSelect = {
  status: true,
  balanceRefreshStatus: true,
  balanceRefreshAttemptedAt: true,
  balanceAsOf: true,
  balanceCurrent: true,
  balanceAvailable: true,
  ownershipRefreshStatus: true,
  ownershipRefreshAttemptedAt: true,
  ownershipId: true,
  transactionRefreshStatus: true,
  transactionRefreshAttemptedAt: true,
  syncedTransactionRefreshId: true,
  syncedAt: true,
  permissions: true,
} satisfies Prisma.LinkedAccountSelect;

/** The stored columns the comparison needs, and whether the account's owners are stored. */
export type StoredRefreshes = Prisma.LinkedAccountGetPayload<{ select: typeof storedRefreshesSelect }> & { ownersStored: boolean };

export type Comparison = "older" | "same" | "newer" | "unknown";

/** Thrown while writing an event's account object when the stored row moved on meanwhile: read Stripe instead. */
export class SnapshotOutdatedError extends Error {
  constructor(stripeAccountId: string) {
    super(`the stored copy of ${stripeAccountId} changed while the event was handled; reading Stripe instead`);
    this.name = "SnapshotOutdatedError";
  }
}

type Side = { status: string | null; attemptedAt: Date | null; carries: unknown };

/**
 * A refresh moves one way: started (pending) at `last_attempted_at`, then finished (succeeded
 * or failed) with its data; a later refresh starts later. So two copies of a refresh are
 * ordered by (start, finished) without any clock. Equal keys must also carry the same data
 * (two refreshes can start within one second), else the copies cannot be ordered.
 */
function compareRefresh(event: Side, stored: Side): Comparison {
  if (!event.attemptedAt && !stored.attemptedAt) return "same";
  if (!stored.attemptedAt) return "newer";
  if (!event.attemptedAt) return "older";
  const key = (side: Side) => [side.attemptedAt!.getTime(), side.status === "pending" ? 0 : 1] as const;
  const [eventAt, eventDone] = key(event);
  const [storedAt, storedDone] = key(stored);
  if (eventAt !== storedAt) return eventAt > storedAt ? "newer" : "older";
  if (eventDone !== storedDone) return eventDone > storedDone ? "newer" : "older";
  const sameData = event.status === stored.status && JSON.stringify(event.carries ?? null) === JSON.stringify(stored.carries ?? null);
  return sameData ? "same" : "unknown";
}

const balance = (b: Pick<LinkedAccount, "balanceAsOf" | "balanceCurrent" | "balanceAvailable">) =>
  [b.balanceAsOf?.getTime() ?? null, String(b.balanceCurrent), String(b.balanceAvailable)];

/**
 * How an event's account object compares with our copy when their times are too close to
 * tell, judged by the three refreshes alone. Anything else that differs (the account's
 * status) makes it "unknown": then the account is read from Stripe.
 */
export function compareByRefreshes(account: Stripe.FinancialConnections.Account, stored: StoredRefreshes): Comparison {
  const fields = accountFieldsFromStripe(account);
  if (fields.status !== stored.status) return "unknown";
  const transactionId = account.transaction_refresh?.status === "succeeded" ? account.transaction_refresh.id : null;
  const results = [
    compareRefresh(
      { status: fields.balanceRefreshStatus, attemptedAt: fields.balanceRefreshAttemptedAt, carries: balance(fields) },
      { status: stored.balanceRefreshStatus, attemptedAt: stored.balanceRefreshAttemptedAt, carries: balance(stored) },
    ),
    compareRefresh(
      { status: fields.ownershipRefreshStatus, attemptedAt: fields.ownershipRefreshAttemptedAt, carries: fields.ownershipId },
      // A snapshot whose owners were never fetched (linking stores the id alone) holds nothing yet.
      { status: stored.ownershipRefreshStatus, attemptedAt: stored.ownershipRefreshAttemptedAt, carries: stored.ownersStored ? stored.ownershipId : null },
    ),
    compareRefresh(
      { status: fields.transactionRefreshStatus, attemptedAt: fields.transactionRefreshAttemptedAt, carries: transactionId },
      {
        status: stored.transactionRefreshStatus,
        attemptedAt: stored.transactionRefreshAttemptedAt,
        carries: stored.transactionRefreshStatus === "succeeded" ? stored.syncedTransactionRefreshId : null,
      },
    ),
  ];
  if (results.includes("unknown")) return "unknown";
  const newer = results.includes("newer");
  const older = results.includes("older");
  if (newer && older) return "unknown";
  return newer ? "newer" : older ? "older" : "same";
}

/** Events whose order decides `expectedDeactivationAt` when Stripe's account object does not carry it. */
export const DEACTIVATION_EVENTS = [
  "financial_connections.account.upcoming_deactivation",
  "financial_connections.account.expected_deactivation_date_updated",
  "financial_connections.account.reactivated",
  "financial_connections.account.deactivated",
  "financial_connections.account.disconnected",
];

/**
 * Events about a refresh (or the account's creation): what they announce is ordered by the
 * refresh objects themselves. The rest change fields no refresh orders.
 */
const REFRESH_EVENTS = [
  "financial_connections.account.created",
  "financial_connections.account.refreshed_balance",
  "financial_connections.account.refreshed_ownership",
  "financial_connections.account.refreshed_transactions",
];

/** How far our clock may be behind Stripe's. */
const CLOCK_SKEW_MS = 1_000;

/** Data a finished refresh in our copy announced but that was never fetched (linking stores the object alone). */
function dataMissing(stored: StoredRefreshes): boolean {
  const owners = stored.permissions.includes("ownership") && stored.ownershipRefreshStatus === "succeeded" && !stored.ownersStored;
  const transactions = stored.permissions.includes("transactions") && stored.transactionRefreshStatus === "succeeded" && !stored.syncedTransactionRefreshId;
  return owners || transactions;
}

export type EventDecision =
  /** Our copy already holds what the event announces. */
  | "skip"
  /** The event's own account object is newer: store it. */
  | "write"
  /** Cannot tell, or the event carries no whole account: read the account from Stripe. */
  | "read";

/**
 * What to do with an account event (`created` in whole seconds; `account` its object when whole).
 *  - our copy was read a full second after the event's second ended: skip (not for
 *    deactivation-related events, whose order the handler checks itself);
 *  - the event happened a second or more after our read: write its object;
 *  - in between, for refresh events: the refreshes decide; otherwise read.
 */
export function decideEvent(event: { type: string; created: number; account: Stripe.FinancialConnections.Account | null }, stored: StoredRefreshes): EventDecision {
  const syncedAt = stored.syncedAt.getTime();
  if (dataMissing(stored)) return "read";
  if (!DEACTIVATION_EVENTS.includes(event.type) && syncedAt >= (event.created + 1) * 1000 + CLOCK_SKEW_MS) return "skip";
  if (syncedAt < event.created * 1000 - CLOCK_SKEW_MS) return event.account ? "write" : "read";
  if (!event.account || !REFRESH_EVENTS.includes(event.type)) return "read";
  const order = compareByRefreshes(event.account, stored);
  return order === "newer" ? "write" : order === "unknown" ? "read" : "skip";
}
