"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { revokePaymentsAsAdmin } from "@/server/admin/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Disclosure } from "@/components/ui/disclosure";
import { SubmitButton } from "@/components/ui/submit-button";
import { ReasonField } from "./reason-field";

/**
 * The admin's revoke of an account's payment authorization, with a required reason; the form
 * opens first, so one stray click does nothing. Without a live authorization it shows only the
 * last outcome, so "Payment authorization revoked." survives the re-render the action triggers.
 */
export function AdminRevokePaymentsForm({ accountId, live }: { accountId: string; live: boolean }) {
  const [state, formAction] = useActionState(revokePaymentsAsAdmin, IDLE);

  if (!live) return <ActionMessage state={state} />;
  return (
    <Disclosure label="Revoke authorization…" summaryClassName="text-red-700 group-open:text-slate-900">
      <form action={formAction} className="max-w-lg space-y-3">
        <input type="hidden" name="accountId" value={accountId} />
        <ReasonField label="Reason for revoking" hint="Stored in the audit log. The payment method is detached at Stripe and its mandate ends: nobody can debit this account with it any more. The owner can authorize again later." />
        <ActionMessage state={state} />
        <SubmitButton variant="danger" pendingLabel="Revoking…">
          Revoke authorization
        </SubmitButton>
      </form>
    </Disclosure>
  );
}
