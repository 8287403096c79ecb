import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/server/db/client";
import type { AccountChangeSource, LinkedAccount, Prisma } from "@/server/db/generated/prisma/client";
import { stripe } from "@/server/stripe/client";
import { accountFieldsFromStripe } from "./account-fields";
import { findAccountRow, lockAccountRow, type AccountRow } from "./account-row";
import { decideEvent, SnapshotOutdatedError } from "./event-order";
import { syncOwners } from "./sync-owners";
import { syncTransactions } from "./sync-transactions";
import { accountEventsOf } from "@/server/integrations/webhooks/account-events";
import { emitAccountEvents } from "@/server/integrations/webhooks/emit-events";
import { followAccountStatus } from "@/server/payments/apply-payment-state";
import { recordBalanceSnapshot } from "@/server/balance-history/record-balance-snapshot";
import { refreshOwnershipMatches } from "@/server/ownership/match-accounts";

export type SyncOptions = {
  source: AccountChangeSource;
  reason?: string;
  /** When the account object was read from Stripe; defaults to the call's start. */
  fetchedAt?: Date;
  /**
   * The account object is a webhook event's own: whether it is newer than the stored row is
   * decided again against the row as it is when written (event-order.ts), and
   * SnapshotOutdatedError says when only a read of Stripe can tell.
   */
  fromEvent?: { type: string; created: number };
};

/**
 * What deciding which owners and transactions are due needs of the stored row. The write
 * itself re-reads the row under its lock, so a copy read a moment earlier is good enough.
 */
export type StoredForSync = Pick<AccountRow, "id" | "ownershipId" | "syncedTransactionRefreshId" | "ownersStored">;

/** A prepared sync: Stripe has been read, `apply` writes inside the caller's transaction. */
export type AccountSyncPlan = {
  linkedAccountId: string;
  /** Writes the new state; false when the stored account already matched (nothing written). */
  apply(tx: Prisma.TransactionClient): Promise<boolean>;
};

/**
 * Makes the stored account match Stripe: reads the account from Stripe (never trusting an
 * event's copy or its order), stores its fields, records a status change, and pulls owners
 * and new transactions when a refresh of them has finished since the last sync.
 * Resolves true when something was written.
 */
export async function syncAccountFromStripe(stripeAccountId: string, options: SyncOptions): Promise<boolean> {
  return withAccountLock(stripeAccountId, async () => {
    const fetchedAt = new Date();
    const account = await stripe().financialConnections.accounts.retrieve(stripeAccountId);
    return applyPlan(await prepareAccountSync(account, { ...options, fetchedAt }));
  });
}

/**
 * Stores an account object just read from Stripe (a refresh's or subscribe's answer);
 * `fetchedAt` is when that call started, so the stored copy never claims to be newer than it is.
 */
export async function storeAccountState(account: Stripe.FinancialConnections.Account, options: SyncOptions & { fetchedAt: Date }): Promise<boolean> {
  return withAccountLock(account.id, async () => applyPlan(await prepareAccountSync(account, options)));
}

async function applyPlan(plan: AccountSyncPlan | null): Promise<boolean> {
  if (!plan) return false;
  return prisma.$transaction((tx) => plan.apply(tx));
}

/**
 * Does the reading half of a sync: compares Stripe's account with the stored one and fetches
 * owners and new transactions from Stripe when due, so the write transaction stays short.
 * Null when the account is not stored (linking stores it with its owner).
 */
export async function prepareAccountSync(
  account: Stripe.FinancialConnections.Account,
  options: SyncOptions & {
    /** The row as the caller just read it (a webhook handler already has it): saves reading it again. */
    stored?: StoredForSync;
  },
): Promise<AccountSyncPlan | null> {
  const fetchedAt = options.fetchedAt ?? new Date();
  const stored = options.stored ?? (await findAccountRow(account.id));
  if (!stored) return null;
  const fields = accountFieldsFromStripe(account);

  // A new ownership snapshot, or owners we never stored (the snapshot came with linking).
  const ownersDue =
    account.permissions?.includes("ownership") &&
    account.ownership_refresh?.status === "succeeded" &&
    fields.ownershipId &&
    (fields.ownershipId !== stored.ownershipId || !stored.ownersStored);
  const transactionsDue =
    account.permissions?.includes("transactions") &&
    account.transaction_refresh?.status === "succeeded" &&
    account.transaction_refresh.id !== stored.syncedTransactionRefreshId;

  const owners = ownersDue ? await fetchOwners(account.id, fields.ownershipId!) : null;
  const transactions = transactionsDue ? await fetchTransactions(account.id, stored.syncedTransactionRefreshId) : null;

  return {
    linkedAccountId: stored.id,
    async apply(tx) {
      // The row lock orders concurrent syncs of one account (webhooks, polling, reconcile).
      const current = await lockAccountRow(tx, stored.id);
      if (!current) return false;
      if (options.fromEvent) {
        const decision = decideEvent({ ...options.fromEvent, account }, current);
        if (decision === "skip") return false;
        if (decision === "read") throw new SnapshotOutdatedError(account.id);
      } else if (current.syncedAt > fetchedAt) {
        // A state read from Stripe before the one already applied is older: never overwrite with it.
        return false;
      }
      // Never moves back: a copy read later than this one keeps winning over it.
      const syncedAt = current.syncedAt > fetchedAt ? current.syncedAt : fetchedAt;

      const wanted = {
        ...fields,
        disconnectedAt: fields.status === "disconnected" ? (current.disconnectedAt ?? new Date()) : null,
        expectedDeactivationAt: fields.expectedDeactivationAt === undefined ? current.expectedDeactivationAt : fields.expectedDeactivationAt,
        ...(transactions && { syncedTransactionRefreshId: account.transaction_refresh?.id ?? null }),
      };
      const changes = changedFields(current, wanted);
      const ownersWritten = owners !== null && (await ownersDiffer(tx, stored.id, owners));
      const transactionsWritten = transactions !== null && transactions.length > 0;
      if (!changes && !ownersWritten && !transactionsWritten) return false;

      if (changes) {
        await tx.linkedAccount.update({ where: { id: stored.id }, data: { ...changes, syncedAt } });
      }
      if (changes?.status !== undefined && current.status !== changes.status) {
        await tx.accountStatusChange.create({
          data: { linkedAccountId: stored.id, fromStatus: current.status, toStatus: changes.status, source: options.source, reason: options.reason },
        });
        await followAccountStatus(tx, stored.id);
      }
      if (owners && ownersWritten) await syncOwners(tx, stored.id, owners);
      // A new snapshot with no owners in it is ownership data too: "no data" is a verdict.
      if (ownersWritten || changes?.ownershipId !== undefined) await refreshOwnershipMatches(tx, { accountIds: [stored.id] });
      if (changes?.balanceAsOf && wanted.balanceCurrency) {
        await recordBalanceSnapshot(tx, stored.id, {
          asOf: changes.balanceAsOf,
          currency: wanted.balanceCurrency,
          current: wanted.balanceCurrent ?? null,
          available: wanted.balanceAvailable ?? null,
        });
      }
      if (transactions && transactionsWritten) await syncTransactions(tx, stored.id, transactions);
      await emitAccountEvents(tx, [stored.id], accountEventsOf(current, changes ?? {}, ownersWritten, transactionsWritten));
      return true;
    },
  };
}

type Wanted = Partial<Omit<LinkedAccount, "id">>;

const same = (a: unknown, b: unknown) => {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
};

/** Only the columns whose value differs, so an unchanged account gets no write at all. */
function changedFields<T extends Wanted>(current: LinkedAccount, wanted: T): Partial<T> | null {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (value === undefined || same(current[key as keyof LinkedAccount], value)) continue;
    changes[key] = value;
  }
  return Object.keys(changes).length > 0 ? (changes as Partial<T>) : null;
}

async function ownersDiffer(tx: Prisma.TransactionClient, linkedAccountId: string, owners: Stripe.FinancialConnections.AccountOwner[]) {
  const stored = await tx.accountOwner.findMany({ where: { linkedAccountId } });
  if (stored.length !== owners.length) return true;
  const byId = new Map(stored.map((o) => [o.stripeOwnerId, o]));
  return owners.some((o) => {
    const s = byId.get(o.id);
    return !s || s.name !== o.name || s.email !== o.email || s.phone !== o.phone || s.rawAddress !== o.raw_address;
  });
}

// One sync of an account at a time in this process, so Stripe reads and writes happen in the
// same order; across processes the syncedAt check in `apply` keeps an older read from winning.
const accountLocks = new Map<string, Promise<unknown>>();

export async function withAccountLock<T>(stripeAccountId: string, run: () => Promise<T>): Promise<T> {
  const previous = accountLocks.get(stripeAccountId) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(run);
  const settled = current.catch(() => undefined);
  accountLocks.set(stripeAccountId, settled);
  try {
    return await current;
  } finally {
    if (accountLocks.get(stripeAccountId) === settled) accountLocks.delete(stripeAccountId);
  }
}

async function fetchOwners(accountId: string, ownershipId: string) {
  const owners: Stripe.FinancialConnections.AccountOwner[] = [];
  for await (const owner of stripe().financialConnections.accounts.listOwners(accountId, { ownership: ownershipId, limit: 100 })) {
    owners.push(owner);
  }
  return owners;
}

/** New and changed transactions since the refresh we last stored (all of them the first time). */
async function fetchTransactions(accountId: string, afterRefreshId: string | null) {
  const transactions: Stripe.FinancialConnections.Transaction[] = [];
  const params: Stripe.FinancialConnections.TransactionListParams = {
    account: accountId,
    limit: 100,
    ...(afterRefreshId && { transaction_refresh: { after: afterRefreshId } }),
  };
  for await (const transaction of stripe().financialConnections.transactions.list(params)) {
    transactions.push(transaction);
  }
  return transactions;
}
