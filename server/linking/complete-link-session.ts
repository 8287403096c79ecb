import "server-only";
import type Stripe from "stripe";
import { accountFieldsFromStripe } from "@/server/accounts/account-fields";
import { recordBalanceSnapshot } from "@/server/balance-history/record-balance-snapshot";
import { prisma } from "@/server/db/client";
import { retryOnUniqueConflict } from "@/server/db/unique-conflict";
import { DomainError } from "@/server/errors/domain-error";
import { stripe } from "@/server/stripe/client";
import { startDataCollection } from "./start-data-collection";
import { followAccountStatus } from "@/server/payments/apply-payment-state";

export type CompletionResult = {
  linkSessionId: string;
  status: "succeeded" | "cancelled" | "failed";
  linked: number;
  /** Accounts that replaced an earlier link of the same bank account. */
  updated: number;
  accountIds: string[];
};

/** Every account of a session, following Stripe's pagination. */
async function sessionAccounts(session: Stripe.FinancialConnections.Session): Promise<Stripe.FinancialConnections.Account[]> {
  const accounts = [...session.accounts.data];
  if (session.accounts.has_more) {
    accounts.length = 0;
    for await (const account of stripe().financialConnections.accounts.list({ session: session.id, limit: 100 })) {
      accounts.push(account);
    }
  }
  return accounts;
}

/**
 * "Session X finished": reads the session and its accounts from Stripe (never from the
 * browser), checks they belong to this user, and stores them with the link session's
 * outcome in one transaction. Calling it again gives the same result.
 */
export async function completeLinkSession(userId: string, linkSessionId: string): Promise<CompletionResult> {
  const linkSession = await prisma.linkSession.findFirst({ where: { id: linkSessionId, userId } });
  if (!linkSession) throw new DomainError("not_found", "Link session not found");

  // When our copy of the accounts was read: events from before it need no read of their own.
  const readAt = new Date();
  const session = await stripe().financialConnections.sessions.retrieve(linkSession.stripeSessionId);
  const customer = await prisma.stripeCustomer.findFirst({ where: { userId, mode: linkSession.mode } });
  const holder = session.account_holder;
  if (!customer || holder?.type !== "customer" || holder.customer !== customer.stripeCustomerId) {
    await prisma.linkSession.update({
      where: { id: linkSession.id },
      data: { status: "failed", errorMessage: "account holder does not match", completedAt: new Date() },
    });
    throw new DomainError("forbidden", "This link session does not belong to you");
  }

  const accounts = await sessionAccounts(session);
  // Completion can race with itself (a retried request, the account.created webhook).
  const result = await retryOnUniqueConflict(() => prisma.$transaction(async (tx) => {
    const accountIds: string[] = [];
    for (const account of accounts) {
      const fields = accountFieldsFromStripe(account);
      const stored = await tx.linkedAccount.upsert({
        where: { stripeAccountId: account.id },
        create: { ...fields, userId, linkSessionId: linkSession.id, stripeAccountId: account.id, mode: linkSession.mode, syncedAt: readAt },
        update: { ...fields, syncedAt: readAt },
      });
      accountIds.push(stored.id);
      if (fields.balanceAsOf && fields.balanceCurrency) {
        await recordBalanceSnapshot(tx, stored.id, { asOf: fields.balanceAsOf, currency: fields.balanceCurrency, current: fields.balanceCurrent, available: fields.balanceAvailable });
      }
      // A relink of a bank account the user already has: the newer link replaces the older,
      // which stays as history. Stripe gives no fingerprint, so institution + last4 + kind it is.
      await tx.linkedAccount.updateMany({
        where: {
          userId,
          id: { not: stored.id },
          replacedById: null,
          institutionName: stored.institutionName,
          last4: stored.last4,
          subcategory: stored.subcategory,
        },
        data: { replacedById: stored.id },
      });
    }
    // An account linked before may have changed status with this read: its payment authorizations follow.
    await followAccountStatus(tx, accountIds);
    // Counted from the stored links rather than from this call, so a repeated call answers the same.
    const updated = await tx.linkedAccount.count({ where: { id: { in: accountIds }, replaces: { some: {} } } });
    const status = accounts.length > 0 ? "succeeded" : "cancelled";
    await tx.linkSession.update({
      where: { id: linkSession.id },
      data: { status, accountCount: accounts.length, completedAt: linkSession.completedAt ?? new Date(), errorMessage: null },
    });
    return { linkSessionId: linkSession.id, status, linked: accounts.length, updated, accountIds } satisfies CompletionResult;
  }));
  if (linkSession.status === "pending") await startDataCollection(accounts);
  return result;
}
