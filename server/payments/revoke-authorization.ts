import "server-only";
import Stripe from "stripe";
import { prisma } from "@/server/db/client";
import type { PaymentAuthorization } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import { stripe } from "@/server/stripe/client";
import { applyPaymentChanges } from "./apply-payment-state";
import { readSetupFacts } from "./stripe-setup-facts";

/** Who revokes: the person on their page, an admin (with a reason), or the integration the user belongs to. */
export type RevokeActor = { kind: "user"; userId: string } | { kind: "admin"; userId: string; reason: string } | { kind: "integration"; userId: string };

/**
 * Ends the account's authorization: the PaymentMethod is detached from the Customer at Stripe
 * (which makes its mandate inactive, so nobody can debit the account with it again), then Stripe's
 * state is read back and stored as revoked with an audit entry. Revoking twice changes nothing
 * more; a setup still in progress is canceled instead.
 */
export async function revokePaymentAuthorization(actor: RevokeActor, accountId: string): Promise<PaymentAuthorization> {
  const authorization = await prisma.paymentAuthorization.findFirst({
    where: {
      linkedAccountId: accountId,
      state: { in: ["pending", "active", "inactive"] },
      ...(actor.kind !== "admin" && { linkedAccount: { userId: actor.userId } }),
    },
    orderBy: { createdAt: "desc" },
    include: { linkedAccount: { select: { userId: true } } },
  });
  if (!authorization) throw new DomainError("not_found", "This account has no payment authorization to revoke.");

  if (authorization.stripePaymentMethodId && authorization.paymentMethodAttached) {
    await detachIgnoringDone(authorization.stripePaymentMethodId);
  } else if (authorization.stripeSetupIntentId && authorization.state === "pending") {
    await stripe().setupIntents.cancel(authorization.stripeSetupIntentId).catch(ignoreUnexpectedState);
  }
  const read = authorization.stripeSetupIntentId ? await readSetupFacts(authorization.stripeSetupIntentId) : null;

  const { linkedAccount: _owner, ...stored } = authorization;
  return prisma.$transaction(async (tx) => {
    const updated = await applyPaymentChanges(tx, authorization.id, { ...read?.facts, revokedAt: new Date() }, null);
    await tx.auditLog.create({
      data: {
        actorId: actor.kind === "integration" ? null : actor.userId,
        subjectId: authorization.linkedAccount.userId,
        action: "payments.revoke",
        targetType: "linked_account",
        targetId: accountId,
        reason: actor.kind === "admin" ? actor.reason : null,
        metadata: { authorization_id: authorization.id, by: actor.kind, mandate: read?.facts.stripeMandateId ?? null },
      },
    });
    return updated ?? stored;
  });
}

/** A PaymentMethod already detached (by us a moment ago, or at Stripe) is what we wanted. */
async function detachIgnoringDone(paymentMethodId: string): Promise<void> {
  try {
    await stripe().paymentMethods.detach(paymentMethodId);
  } catch (error) {
    ignoreUnexpectedState(error);
  }
}

function ignoreUnexpectedState(error: unknown): void {
  if (error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === "payment_method_unexpected_state" || error.code === "setup_intent_unexpected_state")) return;
  throw error;
}
