import "server-only";
import { prisma } from "@/server/db/client";

/**
 * Everything an admin needs about one account: owner, Stripe ids, refresh states, status
 * history, the Stripe events about it, the link session it came from, and the audit trail.
 */
export async function getAccountDetail(accountId: string) {
  const account = await prisma.linkedAccount.findUnique({
    where: { id: accountId },
    include: {
      user: { select: { id: true, email: true, name: true, role: true, createdAt: true } },
      linkSession: true,
      owners: { orderBy: { name: "asc" }, take: 20 },
      statusChanges: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50 },
      replacedBy: { select: { id: true, createdAt: true } },
      replaces: { select: { id: true, createdAt: true }, take: 10 },
    },
  });
  if (!account) return null;
  const [events, audit, customer, transactionCount] = await Promise.all([
    prisma.webhookEvent.findMany({
      where: { stripeObjectId: account.stripeAccountId },
      orderBy: [{ stripeCreated: "desc" }, { id: "desc" }],
      take: 25,
      select: { id: true, type: true, state: true, attempts: true, error: true, stripeCreated: true, receivedAt: true },
    }),
    prisma.auditLog.findMany({
      where: { targetType: "linked_account", targetId: account.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      include: { actor: { select: { id: true, email: true } }, subject: { select: { id: true, email: true } } },
    }),
    prisma.stripeCustomer.findFirst({ where: { userId: account.userId, mode: account.mode }, select: { stripeCustomerId: true } }),
    prisma.accountTransaction.count({ where: { linkedAccountId: account.id } }),
  ]);
  return { account, events, audit, stripeCustomerId: customer?.stripeCustomerId ?? null, transactionCount };
}

export type AccountDetail = NonNullable<Awaited<ReturnType<typeof getAccountDetail>>>;
