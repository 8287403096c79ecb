import { Card } from "@/components/ui/card";
import { APP_BUSINESS_NAME } from "@/lib/payments/ach-mandate-text";
import { paymentEligibility, type PaymentEligibilityInput } from "@/lib/payments/eligibility";
import { PAYMENT_REASON_TEXT, type PaymentStateReason } from "@/lib/payments/payment-state";
import { accountTitle } from "@/lib/format/account-title";
import { formatDateTime } from "@/lib/format/admin";
import type { PaymentAuthorization } from "@/server/db/generated/prisma/client";
import { authorizePaymentsAction } from "@/server/payments/actions";
import { AuthorizePaymentsForm } from "./authorize-payments-form";
import { PaymentStateBadge } from "./payment-state-badge";
import { RevokePaymentsForm } from "./revoke-payments-form";

type Account = PaymentEligibilityInput & { id: string; displayName: string | null; last4: string | null; institutionName: string };

/**
 * Pay by bank on the account page: ready (with the mandate, and revoke), being set up, or the
 * authorization to accept; an account that cannot be used says why.
 */
export function PaymentsCard({ account, authorization }: { account: Account; authorization: PaymentAuthorization | null }) {
  const live = authorization && (authorization.state === "active" || authorization.state === "pending");
  const eligibility = paymentEligibility(account);
  return (
    <Card aria-labelledby="payments-heading" data-testid="payments-card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="payments-heading" className="text-sm font-semibold uppercase tracking-wider text-slate-500">
          Payments
        </h2>
        {authorization && <PaymentStateBadge state={authorization.state} />}
      </div>
      {live ? (
        <div className="mt-3 space-y-3">
          {authorization.state === "pending" && <p className="text-sm text-slate-600">{PAYMENT_REASON_TEXT[authorization.stateReason as PaymentStateReason] ?? PAYMENT_REASON_TEXT.setup_processing}</p>}
          <MandateDetails authorization={authorization} />
          <RevokePaymentsForm accountId={account.id} />
        </div>
      ) : (
        <div className="mt-3 space-y-3">
          {authorization && (
            <p className="text-sm text-slate-600" role="status" data-testid="payments-ended">
              {authorization.state === "failed" && authorization.failureMessage
                ? `The last setup failed: ${authorization.failureMessage}`
                : PAYMENT_REASON_TEXT[authorization.stateReason as PaymentStateReason]}
            </p>
          )}
          {eligibility.eligible ? (
            <>
              <p className="text-sm text-slate-600">Use this account to pay by bank: payments are debited from it by ACH, without card fees.</p>
              <AuthorizePaymentsForm
                action={authorizePaymentsAction}
                hidden={{ accountId: account.id }}
                business={APP_BUSINESS_NAME}
                account={`${accountTitle(account)} at ${account.institutionName}`}
                submitLabel="Use for payments"
              />
            </>
          ) : (
            <p className="text-sm text-slate-600" data-testid="payments-unavailable">
              {eligibility.reason}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

/** The mandate behind the account's payments: ids, status and when it was accepted. */
export function MandateDetails({ authorization, showOrigin = false }: { authorization: PaymentAuthorization; showOrigin?: boolean }) {
  const rows: [string, string | null][] = [
    ["Mandate", authorization.stripeMandateId],
    ["Mandate status", authorization.mandateStatus],
    ["Payment method", authorization.stripePaymentMethodId],
    ["Accepted", formatDateTime(authorization.acceptedAt)],
    ...(showOrigin
      ? ([
          ["From address", authorization.acceptedIp],
          ["Browser", authorization.acceptedUserAgent],
          ["Where", authorization.source === "hosted_link" ? "Hosted link" : "Account page"],
        ] as [string, string][])
      : []),
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="mandate-details">
      {rows
        .filter((row): row is [string, string] => row[1] !== null)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0 font-mono text-xs break-all text-slate-800 leading-5">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
