import "server-only";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { stripe } from "@/server/stripe/client";
import { emitAccountEvents } from "@/server/integrations/webhooks/emit-events";
import { followAccountStatus } from "@/server/payments/apply-payment-state";
import { accountFieldsFromStripe } from "./account-fields";

export type Actor = { kind: "user"; userId: string } | { kind: "admin"; userId: string; reason: string };

/**
 * Disconnects at Stripe first (so we never show "disconnected" for an account Stripe still
 * reads), then stores the new state, a status change and an audit entry in one transaction.
 * Disconnecting an already disconnected account changes nothing.
 */
export async function disconnectAccount(actor: Actor, accountId: string) {
  const account = await prisma.linkedAccount.findFirst({
    where: { id: accountId, ...(actor.kind === "user" && { userId: actor.userId }) },
  });
  if (!account) throw new DomainError("not_found", "Account not found");
  if (account.status === "disconnected") return account;

  const calledAt = new Date();
  const disconnected = await stripe().financialConnections.accounts.disconnect(account.stripeAccountId);
  const fields = accountFieldsFromStripe(disconnected);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.linkedAccount.update({
      where: { id: account.id },
      data: { ...fields, disconnectedAt: new Date(), syncedAt: calledAt },
    });
    await tx.accountStatusChange.create({
      data: {
        linkedAccountId: account.id,
        fromStatus: account.status,
        toStatus: updated.status,
        source: actor.kind,
        reason: actor.kind === "admin" ? actor.reason : "disconnected by the owner",
      },
    });
    await followAccountStatus(tx, account.id);
    await emitAccountEvents(tx, [account.id], ["account.disconnected"]);
    await tx.auditLog.create({
      data: {
        actorId: actor.userId,
        subjectId: account.userId,
        action: "account.disconnect",
        targetType: "linked_account",
        targetId: account.id,
        reason: actor.kind === "admin" ? actor.reason : null,
      },
    });
    return updated;
  });
}
