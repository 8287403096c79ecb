import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TitledSection } from "@/components/ui/page-header";
import { MandateDetails } from "@/components/payments/payments-card";
import { PaymentStateBadge } from "@/components/payments/payment-state-badge";
import { formatDateTime } from "@/lib/format/admin";
import { PAYMENT_REASON_TEXT, type PaymentStateReason } from "@/lib/payments/payment-state";
import type { PaymentAuthorization } from "@/server/db/generated/prisma/client";
import type { PaymentRevocation } from "@/server/admin/account-detail";
import { AdminRevokePaymentsForm } from "./revoke-payments-form";

/** The states revokePaymentAuthorization acts on: the newest of them is the one a revoke ends. */
const LIVE = new Set<PaymentAuthorization["state"]>(["pending", "active", "inactive"]);

const REVOKED_BY: Record<string, string> = { user: "the account holder", admin: "an admin", integration: "the integration" };

function revokedBy(revocation: PaymentRevocation | undefined): string {
  if (!revocation?.by) return "";
  if (revocation.by === "admin" && revocation.actorEmail) return ` by ${revocation.actorEmail}`;
  return ` by ${REVOKED_BY[revocation.by] ?? revocation.by}`;
}

/**
 * The admin's view of pay by bank for one account: every authorization, newest first, with its
 * state and why, the mandate and where it was accepted from, a failure, and who revoked it; plus
 * the revoke action while one is live.
 */
export function PaymentsSection({
  accountId,
  authorizations,
  revocations,
}: {
  accountId: string;
  authorizations: PaymentAuthorization[];
  revocations: Map<string, PaymentRevocation>;
}) {
  const live = authorizations.find((a) => LIVE.has(a.state));
  return (
    <TitledSection id="payments" title="Payments" count={authorizations.length}>
      <div data-testid="admin-payments">
        {authorizations.length === 0 ? (
          <Card padded={false}>
            <EmptyState title="Never authorized for payments" />
          </Card>
        ) : (
          <Card className="space-y-4">
            <AdminRevokePaymentsForm accountId={accountId} live={Boolean(live)} />
            <ul className="divide-y divide-slate-100" aria-label="Payment authorizations, newest first">
              {authorizations.map((a) => {
                const revocation = revocations.get(a.id);
                const reason = a.state === "revoked" ? null : PAYMENT_REASON_TEXT[a.stateReason as PaymentStateReason];
                return (
                  <li key={a.id} className="space-y-2 py-4 first:pt-0 last:pb-0" data-testid="admin-payment-authorization" data-state={a.state}>
                    <div className="flex flex-wrap items-center gap-2">
                      <PaymentStateBadge state={a.state} />
                      <span className="text-xs text-slate-500">Created {formatDateTime(a.createdAt)}</span>
                    </div>
                    {reason && <p className="text-sm text-slate-600">{reason}</p>}
                    <MandateDetails authorization={a} showOrigin />
                    {a.failureMessage && (
                      <p className="text-sm text-red-700">
                        Failure{a.failureCode ? ` (${a.failureCode})` : ""}: {a.failureMessage}
                      </p>
                    )}
                    {a.revokedAt && (
                      <p className="text-sm text-slate-600">
                        Revoked {formatDateTime(a.revokedAt)}
                        {revokedBy(revocation)}
                        {revocation?.reason ? `: ${revocation.reason}` : ""}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </Card>
        )}
      </div>
    </TitledSection>
  );
}
