import "server-only";
import Stripe from "stripe";
import { paymentEligibility } from "@/lib/payments/eligibility";
import { prisma } from "@/server/db/client";
import type { LinkedAccount, PaymentAuthorization } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import { ensureStripeCustomer } from "@/server/linking/ensure-stripe-customer";
import { stripe } from "@/server/stripe/client";
import { stripeOutage } from "@/server/stripe/stripe-errors";
import { applyPaymentChanges } from "./apply-payment-state";
import { detachRevoked } from "./detach-revoked";
import { SETUP_EXPAND, readSetupFacts, setupFacts, type SetupFacts } from "./stripe-setup-facts";

/** The person's acceptance of the ACH debit authorization, as Stripe's mandate records it. */
export type Acceptance = { ip: string; userAgent: string; at: Date; source: "account_page" | "hosted_link" };

/** Authorizations that stand for the account: at most one at a time (created under the account's lock). */
const LIVE_STATES = ["pending", "active"] as const;

/**
 * Turns one of the user's accounts into a reusable ACH PaymentMethod: records the acceptance,
 * then creates and confirms a SetupIntent for their Customer with the Financial Connections
 * account and the mandate's online acceptance, and stores what Stripe answered.
 *
 * Safe to repeat: an active authorization is returned as it is; a pending one (Stripe did not
 * answer last time) is confirmed again under the same idempotency key, so Stripe never makes a
 * second SetupIntent for it. A refusal (a credit account, numbers not shared, a bank that
 * declines) is stored as failed and thrown as a conflict naming Stripe's reason.
 */
export async function authorizeAccountForPayments(userId: string, accountId: string, acceptance: Acceptance): Promise<PaymentAuthorization> {
  const { authorization, account } = await recordAcceptance(userId, accountId, acceptance);
  return authorization.state === "active" ? authorization : confirmAuthorization(authorization, account);
}

/**
 * The account's payment method as the integrator asks for it: ready as it is, or a pending
 * authorization (Stripe did not answer when the person accepted) confirmed again now. Without
 * an acceptance there is nothing to confirm: only the person can give one.
 */
export async function confirmAcceptedAuthorization(accountId: string): Promise<PaymentAuthorization> {
  const authorization = await prisma.paymentAuthorization.findFirst({ where: { linkedAccountId: accountId }, orderBy: { createdAt: "desc" } });
  if (!authorization || (authorization.state !== "active" && authorization.state !== "pending")) {
    throw new DomainError("conflict", "The person has not authorized debits from this account (or the authorization ended). Mint a link token with purpose \"payments\" to ask them.", {
      code: "authorization_required",
    });
  }
  if (authorization.state === "active") return authorization;
  const account = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId } });
  const eligibility = paymentEligibility(account);
  if (!eligibility.eligible) throw new DomainError("conflict", eligibility.reason, { code: eligibility.code });
  return confirmAuthorization(authorization, account);
}

/**
 * Creates and confirms the SetupIntent of an accepted authorization, under its own idempotency
 * key; one whose SetupIntent is already known is read back instead (a second create after
 * Stripe's idempotency window would make a second PaymentMethod).
 */
async function confirmAuthorization(authorization: PaymentAuthorization, account: Pick<LinkedAccount, "id" | "userId" | "stripeAccountId">): Promise<PaymentAuthorization> {
  if (authorization.stripeSetupIntentId) {
    const read = await readSetupFacts(authorization.stripeSetupIntentId);
    return finishConfirmation(authorization, read.facts, read.fetchedAt);
  }
  const user = await prisma.user.findUniqueOrThrow({ where: { id: account.userId }, select: { id: true, email: true, name: true, holderProfile: { select: { name: true } } } });
  const customer = await ensureStripeCustomer(user);
  const fetchedAt = new Date();
  let si: Stripe.SetupIntent;
  try {
    si = await stripe().setupIntents.create(
      {
        customer,
        confirm: true,
        usage: "off_session",
        allowed_payment_method_types: ["us_bank_account"],
        payment_method_data: {
          type: "us_bank_account",
          us_bank_account: { financial_connections_account: account.stripeAccountId },
          // Stripe requires the account holder's name on a bank debit: the profile's, else the sign-in's.
          billing_details: { name: user.holderProfile?.name || user.name || user.email || "Account holder", ...(user.email && { email: user.email }) },
        },
        mandate_data: {
          customer_acceptance: {
            type: "online",
            accepted_at: Math.floor(authorization.acceptedAt.getTime() / 1000),
            online: { ip_address: authorization.acceptedIp, user_agent: authorization.acceptedUserAgent },
          },
        },
        metadata: { linkwell_payment_authorization_id: authorization.id, linkwell_account_id: account.id },
        expand: SETUP_EXPAND,
      },
      { idempotencyKey: `linkwell-setup-${authorization.id}` },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      // The same authorization is being confirmed by another request right now (a second press).
      throw new DomainError("unavailable", "Payments from this account are already being set up. Try again in a moment.", { retryable: true, retryAfterSeconds: 2 });
    }
    const refusal = setupRefusal(error);
    if (!refusal) throw error;
    await recordRefusal(authorization.id, refusal, fetchedAt);
    throw new DomainError("conflict", `Stripe could not set up payments from this account: ${refusal.message}`, { code: refusal.code ?? "setup_failed" });
  }
  return finishConfirmation(authorization, setupFacts(si), fetchedAt);
}

/**
 * Stores what Stripe said after a confirmation. If the person revoked meanwhile (while the
 * SetupIntent was being created), the PaymentMethod it attached is detached now: a revoked
 * authorization never leaves a way to debit the account behind.
 */
async function finishConfirmation(authorization: PaymentAuthorization, facts: SetupFacts, fetchedAt: Date): Promise<PaymentAuthorization> {
  const stored = await prisma.$transaction((tx) => applyPaymentChanges(tx, authorization.id, facts, fetchedAt));
  if (stored?.revokedAt && stored.paymentMethodAttached) return (await detachRevoked(stored)) ?? stored;
  if (stored?.state === "failed") {
    throw new DomainError("conflict", `Your bank did not accept the setup: ${stored.failureMessage ?? "no reason given"}`, { code: stored.failureCode ?? "setup_failed" });
  }
  return stored ?? authorization;
}

/**
 * Codes with which Stripe refuses this account or this bank for a setup: the authorization has
 * failed for good. Anything else (our keys, a duplicate request, an outage) says nothing about
 * the account and leaves the authorization pending, to be confirmed again.
 */
const ACCOUNT_REFUSALS = new Set([
  "payment_method_invalid_parameter",
  "financial_connections_account_inactive",
  "financial_connections_account_unavailable_account_numbers",
  "financial_connections_account_pending_account_numbers",
  "bank_account_unusable",
  "bank_account_declined",
  "bank_account_restricted",
  "setup_intent_setup_attempt_expired",
  "setup_attempt_failed",
]);

function setupRefusal(error: unknown): Stripe.errors.StripeError | null {
  if (!(error instanceof Stripe.errors.StripeError) || stripeOutage(error)) return null;
  if (!(error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError)) return null;
  const failedSetup = (error.raw as { setup_intent?: unknown } | undefined)?.setup_intent;
  return failedSetup || (error.code && ACCOUNT_REFUSALS.has(error.code)) ? error : null;
}

/**
 * The acceptance, stored before Stripe is called (so a crash in between leaves a pending row
 * that the SetupIntent's webhook, carrying its id in metadata, completes). Under the account's
 * row lock: two presses make one authorization.
 */
async function recordAcceptance(userId: string, accountId: string, acceptance: Acceptance) {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "LinkedAccount" WHERE id = ${accountId} AND "userId" = ${userId} FOR UPDATE`;
    if (locked.length === 0) throw new DomainError("not_found", "Account not found");
    const account = await tx.linkedAccount.findUniqueOrThrow({ where: { id: accountId } });
    const eligibility = paymentEligibility(account);
    if (!eligibility.eligible) throw new DomainError("conflict", eligibility.reason, { code: eligibility.code });

    const live = await tx.paymentAuthorization.findFirst({ where: { linkedAccountId: accountId, state: { in: [...LIVE_STATES] } }, orderBy: { createdAt: "desc" } });
    if (live) return { authorization: live, account };
    const authorization = await tx.paymentAuthorization.create({
      data: {
        linkedAccountId: accountId,
        source: acceptance.source,
        acceptedAt: acceptance.at,
        acceptedIp: acceptance.ip,
        acceptedUserAgent: acceptance.userAgent,
      },
    });
    await tx.auditLog.create({
      data: {
        actorId: userId,
        subjectId: userId,
        action: "payments.authorize",
        targetType: "linked_account",
        targetId: accountId,
        metadata: { authorization_id: authorization.id, source: acceptance.source },
      },
    });
    return { authorization, account };
  });
}

/** Stripe refused the request (or the bank declined the setup): stored as failed, with Stripe's reason. */
async function recordRefusal(id: string, error: Stripe.errors.StripeError, fetchedAt: Date): Promise<void> {
  const si = (error.raw as { setup_intent?: Stripe.SetupIntent } | undefined)?.setup_intent;
  await prisma.$transaction((tx) =>
    applyPaymentChanges(
      tx,
      id,
      {
        ...(si && { stripeSetupIntentId: si.id, setupIntentStatus: si.status }),
        failureCode: error.code ?? "setup_failed",
        failureMessage: error.message,
      },
      fetchedAt,
    ),
  );
}
