import "server-only";
import type Stripe from "stripe";
import { accountFieldsFromStripe } from "@/server/accounts/account-fields";
import type { LinkedAccount } from "@/server/db/generated/prisma/client";

/** The stored columns the comparison needs. */
export type StoredRefreshes = Pick<
  LinkedAccount,
  | "status"
  | "balanceRefreshStatus"
  | "balanceRefreshAttemptedAt"
  | "balanceAsOf"
  | "ownershipRefreshStatus"
  | "ownershipRefreshAttemptedAt"
  | "ownershipId"
  | "transactionRefreshStatus"
  | "transactionRefreshAttemptedAt"
  | "syncedTransactionRefreshId"
>;

export const storedRefreshesSelect = {
  status: true,
  balanceRefreshStatus: true,
  balanceRefreshAttemptedAt: true,
  balanceAsOf: true,
  ownershipRefreshStatus: true,
  ownershipRefreshAttemptedAt: true,
  ownershipId: true,
  transactionRefreshStatus: true,
  transactionRefreshAttemptedAt: true,
  syncedTransactionRefreshId: true,
} as const;

export type Comparison = "older" | "same" | "newer" | "unknown";

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
      { status: fields.balanceRefreshStatus, attemptedAt: fields.balanceRefreshAttemptedAt, carries: fields.balanceAsOf?.getTime() },
      { status: stored.balanceRefreshStatus, attemptedAt: stored.balanceRefreshAttemptedAt, carries: stored.balanceAsOf?.getTime() },
    ),
    compareRefresh(
      { status: fields.ownershipRefreshStatus, attemptedAt: fields.ownershipRefreshAttemptedAt, carries: fields.ownershipId },
      { status: stored.ownershipRefreshStatus, attemptedAt: stored.ownershipRefreshAttemptedAt, carries: stored.ownershipId },
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
