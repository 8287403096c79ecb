"use client";

import { useActionState, useId } from "react";
import { IDLE } from "@/lib/action-state";
import { disconnectAccountAsAdmin } from "@/server/admin/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Disclosure } from "@/components/ui/disclosure";
import { SubmitButton } from "@/components/ui/submit-button";

const MAX = 500;

/**
 * Disconnect with a required reason; the form opens first, so one stray click does nothing.
 * It also shows the disconnected state, so its "Account disconnected." survives the re-render
 * that the action triggers (a component swapped in by the page would lose it at once).
 */
export function DisconnectForm({ accountId, disconnected }: { accountId: string; disconnected: boolean }) {
  const [state, formAction] = useActionState(disconnectAccountAsAdmin, IDLE);
  const id = useId();

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
        <div>
          <label htmlFor={id} className="block text-sm font-medium text-slate-900">
            Reason for disconnecting
          </label>
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            Stored in the audit log and the account&apos;s history. The owner loses access to this link. Up to {MAX} characters.
          </p>
          <textarea
            id={id}
            name="reason"
            required
            maxLength={MAX}
            rows={3}
            aria-describedby={`${id}-hint`}
            className="mt-2 block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
          />
        </div>
        <ActionMessage state={state} />
        <SubmitButton variant="danger" pendingLabel="Disconnecting…">
          Disconnect account
        </SubmitButton>
      </form>
    </Disclosure>
  );
}
