"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { disconnectAccountAsAdmin } from "@/server/admin/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Disclosure } from "@/components/ui/disclosure";
import { SubmitButton } from "@/components/ui/submit-button";
import { ReasonField } from "./reason-field";

/**
 * Disconnect with a required reason; the form opens first, so one stray click does nothing.
 * It also shows the disconnected state, so its "Account disconnected." survives the re-render
 * that the action triggers (a component swapped in by the page would lose it at once).
 */
export function DisconnectForm({ accountId, disconnected }: { accountId: string; disconnected: boolean }) {
  const [state, formAction] = useActionState(disconnectAccountAsAdmin, IDLE);

  if (disconnected) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">This account is disconnected.</p>
        <ActionMessage state={state} />
      </div>
    );
  }
  return (
    <Disclosure label="Disconnect…" summaryClassName="text-red-700 group-open:text-slate-900">
      <form action={formAction} className="space-y-3">
        <input type="hidden" name="accountId" value={accountId} />
        <ReasonField label="Reason for disconnecting" hint="Stored in the audit log and the account's history. The owner loses access to this link." />
        <ActionMessage state={state} />
        <SubmitButton variant="danger" pendingLabel="Disconnecting…">
          Disconnect account
        </SubmitButton>
      </form>
    </Disclosure>
  );
}
