import "server-only";
import { prisma } from "@/server/db/client";
import type { PaymentAuthorization } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import { consumeRateLimit } from "@/server/http/rate-limit";
import { authorizeAccountForPayments, type Acceptance } from "@/server/payments/authorize-account";
import { tokenForResume, type ResumableToken } from "./resume-hosted-link";

// Pay by bank on the hosted page: a link minted with purpose "payments" asks the person, once
// their accounts are linked and before they go back to the app, to authorize debits from each
// eligible one. The signed resume value of the attempt is the credential (there is no cookie),
// and only the accounts this very link session linked, of its own user, can be authorized.

/** Authorizations a person may try per link attempt and minute (each one calls Stripe). */
const AUTHORIZATIONS_PER_MINUTE = 20;

/**
 * The hosted visitor behind an authorization: the attempt their signed resume value names, which
 * must be a payments link that is still theirs to use (not expired, not cancelled by the app)
 * and whose accounts were linked. Anything else is refused before any field is looked at.
 */
export async function hostedPaymentsVisitor(resume: string, now = new Date()): Promise<ResumableToken> {
  const token = resume ? await tokenForResume(resume, now) : null;
  if (!token) throw new DomainError("forbidden", "This page can no longer set up payments. Go back to the app and start again.");
  if (token.revoked) throw new DomainError("forbidden", `This link was cancelled by ${token.appName}. Go back to the app.`);
  if (token.purpose !== "payments") throw new DomainError("forbidden", "This link does not ask to set up payments.");
  const session = await prisma.linkSession.findFirst({ where: { id: token.linkSessionId, userId: token.userId }, select: { status: true } });
  if (session?.status !== "succeeded") throw new DomainError("conflict", "Link your accounts first: payments are set up on the accounts you linked.");
  return token;
}

/**
 * Accepts the debit authorization for one account of the visitor's attempt: only an account this
 * link session linked for its user (any other id is the same "not found"), then exactly what the
 * account page does (authorizeAccountForPayments: idempotent, under the account's lock).
 */
export async function authorizeHostedAccount(token: ResumableToken, accountId: string, acceptance: Acceptance): Promise<PaymentAuthorization> {
  const account = await prisma.linkedAccount.findFirst({ where: { id: accountId, userId: token.userId, linkSessionId: token.linkSessionId }, select: { id: true } });
  if (!account) throw new DomainError("not_found", "Account not found");
  await consumeRateLimit("hosted-payments", token.id, AUTHORIZATIONS_PER_MINUTE, 60);
  return authorizeAccountForPayments(token.userId, account.id, acceptance);
}
