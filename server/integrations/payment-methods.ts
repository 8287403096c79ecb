import "server-only";
import type { z } from "zod";
import { paymentEligibility, type PaymentEligibility } from "@/lib/payments/eligibility";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { confirmAcceptedAuthorization } from "@/server/payments/authorize-account";
import { stripeMode } from "@/server/stripe/client";
import type { PaymentMethod } from "./api/schemas";
import { requireIntegrationAccount, unixSeconds } from "./integration-accounts";

export type ApiPaymentMethod = z.output<typeof PaymentMethod>;

type Ineligible = Extract<PaymentEligibility, { eligible: false }>["code"];

/** Why an account cannot be debited, in an integrator's words (the page tells the person in theirs). */
const INELIGIBLE: Record<Ineligible, string> = {
  account_disconnected: "This account is disconnected: it cannot be debited.",
  account_inactive: "The bank stopped sharing this account (status inactive): ask the person to link it again with purpose \"payments\".",
  not_a_bank_account: "Only checking and savings accounts can be debited by ACH.",
  no_account_numbers: "The person did not share this account's numbers (no payment_method permission): mint a link with purpose \"payments\" for them to link it again.",
  not_supported: "The bank does not support ACH debits from this account (supported_payment_method_types lacks us_bank_account).",
};

/**
 * What an integrator charges one of its accounts with: the person's us_bank_account
 * PaymentMethod, its mandate and the Customer both belong to, on this app's Stripe account.
 * Only the person can authorize debits (on the hosted page of a link minted with purpose
 * "payments", or on their account page): without their acceptance this is a 409
 * authorization_required. An acceptance Stripe had not confirmed yet is confirmed again now.
 * Another integration's account is the same 404 as an unknown one.
 */
export async function integrationPaymentMethod(integrationId: string, accountId: string): Promise<ApiPaymentMethod> {
  await requireIntegrationAccount(integrationId, accountId);
  const account = await prisma.linkedAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { id: true, userId: true, status: true, category: true, subcategory: true, permissions: true, supportedPaymentMethodTypes: true },
  });
  const eligibility = paymentEligibility(account);
  if (!eligibility.eligible) throw new DomainError("conflict", INELIGIBLE[eligibility.code], { code: eligibility.code });

  const authorization = await confirmAcceptedAuthorization(account.id);
  if (authorization.state !== "active" && authorization.state !== "pending") {
    throw new DomainError("conflict", `The debit authorization is ${authorization.state}: mint a link with purpose "payments" to ask the person again.`, { code: "authorization_required" });
  }
  // The Customer the SetupIntent was made for (ensureStripeCustomer, this mode's): the PaymentMethod is attached to it.
  const customer = await prisma.stripeCustomer.findUnique({ where: { userId_mode: { userId: account.userId, mode: stripeMode() } }, select: { stripeCustomerId: true } });
  if (!customer) throw new Error(`payment authorization ${authorization.id} has no Stripe customer in ${stripeMode()} mode`);
  return {
    object: "payment_method",
    account: account.id,
    status: authorization.state,
    payment_method: authorization.stripePaymentMethodId,
    mandate: authorization.stripeMandateId,
    mandate_status: authorization.mandateStatus,
    customer: customer.stripeCustomerId,
    accepted_at: unixSeconds(authorization.acceptedAt),
  };
}
