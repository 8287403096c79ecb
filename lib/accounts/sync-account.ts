import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/lib/db/client";
import type { AccountChangeSource } from "@/lib/generated/prisma/client";
import { stripe } from "@/lib/stripe/client";
import { accountFieldsFromStripe } from "./account-fields";
import { syncOwners } from "./sync-owners";
import { syncTransactions } from "./sync-transactions";

export type SyncOptions = { source: AccountChangeSource; reason?: string };

/**
 * Makes the stored account match Stripe: reads the account from Stripe (never trusting an
 * event's copy or its order), stores its fields, records a status change, and pulls owners
 * and new transactions when a refresh of them has finished since the last sync.
 */
export async function syncAccountFromStripe(stripeAccountId: string, options: SyncOptions): Promise<void> {
  const account = await stripe().financialConnections.accounts.retrieve(stripeAccountId);
  await storeAccountState(account, options);
}

export async function storeAccountState(account: Stripe.FinancialConnections.Account, options: SyncOptions): Promise<void> {
  const stored = await prisma.linkedAccount.findUnique({ where: { stripeAccountId: account.id } });
  if (!stored) return; // Not ours (yet): linking stores it with its owner.
  const fields = accountFieldsFromStripe(account);

  const ownersDue = account.permissions?.includes("ownership") && account.ownership_refresh?.status === "succeeded" && fields.ownershipId;
  const transactionsDue =
    account.permissions?.includes("transactions") &&
    account.transaction_refresh?.status === "succeeded" &&
    account.transaction_refresh.id !== stored.syncedTransactionRefreshId;

  // Owners and transactions are read from Stripe before the write transaction, so it stays short.
  const owners = ownersDue ? await fetchOwners(account.id, fields.ownershipId!) : null;
  const transactions = transactionsDue ? await fetchTransactions(account.id, stored.syncedTransactionRefreshId) : null;

  await prisma.$transaction(async (tx) => {
    await tx.linkedAccount.update({
      where: { id: stored.id },
      data: {
        ...fields,
        disconnectedAt: fields.status === "disconnected" ? (stored.disconnectedAt ?? new Date()) : null,
        expectedDeactivationAt: fields.status === "active" ? stored.expectedDeactivationAt : null,
        syncedAt: new Date(),
        ...(transactions && { syncedTransactionRefreshId: account.transaction_refresh?.id ?? null }),
      },
    });
    if (stored.status !== fields.status) {
      await tx.accountStatusChange.create({
        data: { linkedAccountId: stored.id, fromStatus: stored.status, toStatus: fields.status, source: options.source, reason: options.reason },
      });
    }
    if (owners) await syncOwners(tx, stored.id, owners);
    if (transactions) await syncTransactions(tx, stored.id, transactions);
  });
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
