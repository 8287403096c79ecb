import "server-only";
import { prisma } from "@/server/db/client";

/**
 * Everything an admin needs about one account: owner, Stripe ids, refresh states, status
 * history, its payment authorizations (newest first), the Stripe events about it, the link
 * session it came from, and the audit trail.
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
      paymentAuthorizations: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 20 },
    },
  });
  if (!account) return null;
  const [events, audit, customer, transactionCount, revocations] = await Promise.all([
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
    paymentRevocations(account.id),
  ]);
  return { account, events, audit, stripeCustomerId: customer?.stripeCustomerId ?? null, transactionCount, revocations };
}

/** Who revoked an authorization (the person, an admin or the integration), and an admin's reason. */
export type PaymentRevocation = { by: string | null; actorEmail: string | null; reason: string | null };

/**
 * The account's payments.revoke audit entries by authorization id (revokePaymentAuthorization
 * writes one per revocation, with the ids of the authorizations it ended in its metadata).
 */
async function paymentRevocations(accountId: string): Promise<Map<string, PaymentRevocation>> {
  const entries = await prisma.auditLog.findMany({
    where: { targetType: "linked_account", targetId: accountId, action: "payments.revoke" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
    select: { reason: true, metadata: true, actor: { select: { email: true } } },
  });
  const byAuthorization = new Map<string, PaymentRevocation>();
  for (const entry of entries) {
    const metadata = entry.metadata && typeof entry.metadata === "object" && !Array.isArray(entry.metadata) ? entry.metadata : {};
    const ids = Array.isArray(metadata.authorization_ids) ? metadata.authorization_ids : [];
    for (const id of ids) {
      if (typeof id !== "string" || byAuthorization.has(id)) continue;
      byAuthorization.set(id, { by: typeof metadata.by === "string" ? metadata.by : null, actorEmail: entry.actor?.email ?? null, reason: entry.reason });
    }
  }
  return byAuthorization;
}

export type AccountDetail = NonNullable<Awaited<ReturnType<typeof getAccountDetail>>>;
