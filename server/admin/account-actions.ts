import "server-only";
import { z } from "zod";
import { disconnectAccount } from "@/server/accounts/disconnect-account";
import { revokePaymentAuthorization } from "@/server/payments/revoke-authorization";
import { REFRESH_FEATURES, refreshAccount, type RefreshFeature } from "@/server/accounts/refresh-account";
import { assertAdmin, type CurrentUser } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";

/** An admin's required reason for a destructive action, stored in the audit log. */
const adminReason = (why: string) =>
  z.object({
    reason: z.string({ error: "is required" }).trim().min(1, `is required: say why ${why}`).max(500, "must be at most 500 characters"),
  });

export const disconnectInput = adminReason("the account is disconnected");
export const revokePaymentsInput = adminReason("the authorization is revoked");

export const refreshInput = z.object({
  feature: z.enum(REFRESH_FEATURES, { error: `must be one of ${REFRESH_FEATURES.join(", ")}` }),
});

/**
 * Disconnects any user's account for an admin. disconnectAccount writes the new state, the
 * status change and the audit entry (with the reason) in one transaction.
 */
export async function adminDisconnectAccount(admin: Pick<CurrentUser, "id" | "role">, accountId: string, reason: string) {
  assertAdmin(admin);
  return disconnectAccount({ kind: "admin", userId: admin.id, reason }, accountId);
}

/**
 * Revokes any account's live payment authorization (pending, active or inactive) for an admin:
 * revokePaymentAuthorization detaches the PaymentMethod at Stripe (or cancels a setup in
 * progress), stores the revoked state and writes the audit entry with the reason.
 */
export async function adminRevokePayments(admin: Pick<CurrentUser, "id" | "role">, accountId: string, reason: string) {
  assertAdmin(admin);
  return revokePaymentAuthorization({ kind: "admin", userId: admin.id, reason }, accountId);
}

/**
 * Asks Stripe to refresh one feature of any account, then records who asked.
 * refreshAccount stores Stripe's answer in its own transaction, so the audit entry follows
 * it (written only when the refresh was accepted) rather than sharing it.
 */
export async function adminRefreshAccount(admin: Pick<CurrentUser, "id" | "role">, accountId: string, feature: RefreshFeature) {
  assertAdmin(admin);
  await refreshAccount(null, accountId, feature);
  const account = await prisma.linkedAccount.findUnique({ where: { id: accountId }, select: { userId: true } });
  await prisma.auditLog.create({
    data: {
      actorId: admin.id,
      subjectId: account?.userId ?? null,
      action: "account.refresh",
      targetType: "linked_account",
      targetId: accountId,
      metadata: { feature },
    },
  });
}

