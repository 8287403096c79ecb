import "server-only";
import type Stripe from "stripe";
import type { Prisma, TransactionStatus } from "@/server/db/generated/prisma/client";

const STATUSES: readonly string[] = ["pending", "posted", "void"];
const toDate = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

function transactionData(t: Stripe.FinancialConnections.Transaction) {
  return {
    amount: BigInt(t.amount),
    currency: t.currency,
    description: t.description,
    status: t.status as TransactionStatus,
    transactedAt: new Date(t.transacted_at * 1000),
    postedAt: toDate(t.status_transitions?.posted_at),
    voidAt: toDate(t.status_transitions?.void_at),
    stripeUpdatedAt: new Date(t.updated * 1000),
  };
}

/**
 * Stores transactions by Stripe id: new ones in one insert, known ones updated in place
 * (a pending transaction that posts or is voided comes again with a newer `updated`; an
 * older copy never overwrites a newer one).
 */
export async function syncTransactions(tx: Prisma.TransactionClient, linkedAccountId: string, transactions: Stripe.FinancialConnections.Transaction[]) {
  const known = transactions.filter((t) => STATUSES.includes(t.status));
  const existing = await tx.accountTransaction.findMany({
    where: { stripeTransactionId: { in: known.map((t) => t.id) } },
    select: { stripeTransactionId: true, stripeUpdatedAt: true },
  });
  const updatedAt = new Map(existing.map((e) => [e.stripeTransactionId, e.stripeUpdatedAt]));

  await tx.accountTransaction.createMany({
    data: known.filter((t) => !updatedAt.has(t.id)).map((t) => ({ linkedAccountId, stripeTransactionId: t.id, ...transactionData(t) })),
    skipDuplicates: true,
  });
  for (const t of known) {
    const stored = updatedAt.get(t.id);
    const data = transactionData(t);
    if (stored && stored <= data.stripeUpdatedAt) {
      await tx.accountTransaction.update({ where: { stripeTransactionId: t.id }, data });
    }
  }
}
