import "server-only";
import { accountTitle } from "@/lib/format/account-title";
import { paymentEligibility } from "@/lib/payments/eligibility";
import type { PaymentState } from "@/lib/payments/payment-state";
import { prisma } from "@/server/db/client";

// The authorization step of a hosted link minted with purpose "payments": what the page shows
// once the accounts are linked (and again on a reload), read from what is stored. The actions
// it leads to are in hosted-payments.ts.

/** One account the link session linked, as the authorization step shows it. */
export type HostedPaymentAccount = {
  id: string;
  /** "Checking •••• 6789" */
  name: string;
  institution: string;
  /** What the mandate names: "Checking •••• 6789 at Test Institution". */
  title: string;
  eligible: boolean;
  /** Why it cannot be debited, in the person's words (null when it can). */
  reason: string | null;
  /** Its newest authorization's state; null when none was ever given. */
  state: PaymentState | null;
};

/** The authorization step: who asks (the integration: the debiting business), with what to send back. */
export type HostedPaymentStep = { business: string; resume: string; accounts: HostedPaymentAccount[] };

const isLive = (state: PaymentState | null) => state === "active" || state === "pending";

/**
 * What the step shows for a finished attempt: null when it has nothing to ask (a link for data
 * alone, an attempt that did not succeed, or every account that can be debited set up already).
 */
export async function hostedPaymentStep(
  token: { userId: string; linkSessionId: string; purpose: string; appName: string },
  resume: string,
): Promise<HostedPaymentStep | null> {
  if (token.purpose !== "payments") return null;
  const session = await prisma.linkSession.findFirst({ where: { id: token.linkSessionId, userId: token.userId }, select: { status: true } });
  if (session?.status !== "succeeded") return null;
  const rows = await prisma.linkedAccount.findMany({
    where: { userId: token.userId, linkSessionId: token.linkSessionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      displayName: true,
      subcategory: true,
      last4: true,
      institutionName: true,
      status: true,
      category: true,
      permissions: true,
      supportedPaymentMethodTypes: true,
      paymentAuthorizations: { select: { state: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
    },
  });
  const accounts = rows.map((row): HostedPaymentAccount => {
    const eligibility = paymentEligibility(row);
    const name = accountTitle(row);
    return {
      id: row.id,
      name,
      institution: row.institutionName,
      title: `${name} at ${row.institutionName}`,
      eligible: eligibility.eligible,
      reason: eligibility.eligible ? null : eligibility.reason,
      state: row.paymentAuthorizations[0]?.state ?? null,
    };
  });
  // Nothing left to ask once every account that can be debited is set up (but accounts that all
  // cannot be are shown, each with why, rather than going back without a word).
  const open = accounts.filter((a) => a.eligible && !isLive(a.state));
  if (accounts.length === 0 || (open.length === 0 && accounts.some((a) => isLive(a.state)))) return null;
  return { business: token.appName, resume, accounts };
}
