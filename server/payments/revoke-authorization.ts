import "server-only";
import { prisma } from "@/server/db/client";
import type { PaymentAuthorization } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import { applyPaymentChanges } from "./apply-payment-state";
import { detachRevoked } from "./detach-revoked";

/** Who revokes: the person on their page, an admin (with a reason), or the integration the user belongs to. */
export type RevokeActor = { kind: "user"; userId: string } | { kind: "admin"; userId: string; reason: string } | { kind: "integration"; userId: string };

/**
 * Ends every authorization of the account that could still debit it (live ones, and any whose
 * PaymentMethod is still attached): each is marked revoked first, with one audit entry, so a
 * confirmation finishing meanwhile detaches what it attached; then each is ended at Stripe from
 * Stripe's own state (detach-revoked.ts). Revoking again finds nothing to revoke.
 */
export async function revokePaymentAuthorization(actor: RevokeActor, accountId: string): Promise<PaymentAuthorization> {
  const authorizations = await prisma.paymentAuthorization.findMany({
    where: {
      linkedAccountId: accountId,
      revokedAt: null,
      OR: [{ state: { in: ["pending", "active", "inactive"] } }, { paymentMethodAttached: true }],
      ...(actor.kind !== "admin" && { linkedAccount: { userId: actor.userId } }),
    },
    orderBy: { createdAt: "desc" },
    include: { linkedAccount: { select: { userId: true } } },
  });
  const newest = authorizations[0];
  if (!newest) throw new DomainError("not_found", "This account has no payment authorization to revoke.");

  const marked = await prisma.$transaction(async (tx) => {
    const rows = [];
    for (const { id } of authorizations) rows.push(await applyPaymentChanges(tx, id, { revokedAt: new Date() }, null));
    await tx.auditLog.create({
      data: {
        actorId: actor.kind === "integration" ? null : actor.userId,
        subjectId: newest.linkedAccount.userId,
        action: "payments.revoke",
        targetType: "linked_account",
        targetId: accountId,
        reason: actor.kind === "admin" ? actor.reason : null,
        metadata: { authorization_ids: authorizations.map((a) => a.id), by: actor.kind, mandate: newest.stripeMandateId },
      },
    });
    return rows;
  });
  let result = marked[0] ?? null;
  for (const authorization of authorizations) {
    const ended = await detachRevoked(authorization);
    if (authorization.id === newest.id && ended) result = ended;
  }
  const { linkedAccount: _owner, ...stored } = newest;
  return result ?? stored;
}
