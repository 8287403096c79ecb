"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { disableWebhookEndpointAsAdmin } from "@/server/integrations/webhooks/endpoint-actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Disclosure } from "@/components/ui/disclosure";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * Disables an endpoint after a confirmation step (there is no enabling it again: add it anew).
 * Once disabled, the page's re-render drops the button and this keeps only its note.
 */
export function DisableEndpointButton({ id, url, disabled }: { id: string; url: string; disabled: boolean }) {
  const [state, formAction] = useActionState(disableWebhookEndpointAsAdmin, IDLE);
  if (disabled) return state.status === "idle" ? null : <ActionMessage state={state} />;
  return (
    <div className="flex flex-col items-start gap-2 md:items-end">
      <Disclosure label="Disable" variant="danger" summaryClassName="py-1.5 group-open:bg-white group-open:text-slate-900 group-open:ring-1 group-open:ring-slate-300" className="md:text-right">
        <form action={formAction} className="w-64 max-w-full space-y-2 text-left">
          <input type="hidden" name="endpointId" value={id} />
          <p className="text-xs break-words text-slate-600">
            Stop sending to {url}? Deliveries still owed to it are given up, and it cannot be enabled again.
          </p>
          <SubmitButton variant="danger" className="py-1.5" pendingLabel="Disabling…">
            Disable endpoint
          </SubmitButton>
        </form>
      </Disclosure>
      <ActionMessage state={state} />
    </div>
  );
}
