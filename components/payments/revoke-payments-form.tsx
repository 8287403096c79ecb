"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDisclosure } from "@/components/ui/confirm-disclosure";
import { revokePaymentsAction } from "@/server/payments/actions";

/** Revoke, behind a confirmation step that says what it does. */
export function RevokePaymentsForm({ accountId }: { accountId: string }) {
  const [state, action] = useActionState(revokePaymentsAction, IDLE);
  return (
    <div className="space-y-2">
      <ConfirmDisclosure
        label="Revoke authorization"
        danger
        action={action}
        hidden={{ accountId, confirm: "yes" }}
        prompt="Nobody will be able to debit this account with it any more. You can authorize again later."
        submitLabel="Revoke"
        pendingLabel="Revoking…"
      />
      <ActionMessage state={state} />
    </div>
  );
}
