"use client";

import { useActionState, useId } from "react";
import { IDLE } from "@/lib/action-state";
import { revokeApiKeyAsAdmin } from "@/server/api-keys/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Disclosure } from "@/components/ui/disclosure";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * Revokes a key after a confirmation step (its links stop working at once). Once revoked, the
 * page's re-render shows the new status and this keeps only its "Revoked." note.
 */
export function RevokeApiKeyButton({ id, name, revoked }: { id: string; name: string; revoked: boolean }) {
  const [state, formAction] = useActionState(revokeApiKeyAsAdmin, IDLE);
  const reasonId = useId();
  if (revoked) return state.status === "idle" ? null : <ActionMessage state={state} />;
  return (
    <div className="flex flex-col items-start gap-2 md:items-end">
      <Disclosure label="Revoke" variant="danger" summaryClassName="py-1.5 group-open:bg-white group-open:text-slate-900 group-open:ring-1 group-open:ring-slate-300" className="md:text-right">
        <form action={formAction} className="w-64 max-w-full space-y-2 text-left">
          <input type="hidden" name="keyId" value={id} />
          <p className="text-xs text-slate-600">
            Revoke &ldquo;{name}&rdquo;? The backend using it is refused at once, and its open links stop working.
          </p>
          <label htmlFor={reasonId} className="block text-xs font-medium text-slate-600">
            Reason (optional, kept in the audit log)
          </label>
          <input id={reasonId} name="reason" maxLength={500} className="block w-full rounded-lg border-0 px-3 py-1.5 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600" />
          <SubmitButton variant="danger" className="py-1.5" pendingLabel="Revoking…">
            Revoke key
          </SubmitButton>
        </form>
      </Disclosure>
      <ActionMessage state={state} />
    </div>
  );
}
