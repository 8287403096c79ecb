import "server-only";
import { prisma } from "@/server/db/client";
import type { PaymentAuthorization } from "@/server/db/generated/prisma/client";

/** The account's newest authorization (live, or the last one that ended); null when none was ever given. */
export function latestPaymentAuthorization(accountId: string): Promise<PaymentAuthorization | null> {
  return prisma.paymentAuthorization.findFirst({ where: { linkedAccountId: accountId }, orderBy: { createdAt: "desc" } });
}

/** Which of these accounts are ready for payments now (one query, for a list of accounts). */
export async function accountsReadyForPayments(accountIds: string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await prisma.paymentAuthorization.findMany({
    where: { linkedAccountId: { in: accountIds }, state: "active" },
    select: { linkedAccountId: true },
  });
  return new Set(rows.map((r) => r.linkedAccountId));
}
