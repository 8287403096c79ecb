"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { disableWebhookEndpointAsAdmin } from "@/server/integrations/webhooks/endpoint-actions";
import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDisclosure } from "@/components/ui/confirm-disclosure";

/**
 * Disables an endpoint after a confirmation step (there is no enabling it again: add it anew).
 * Once disabled, the page's re-render drops the button and this keeps only its note.
 */
export function DisableEndpointButton({ id, url, disabled }: { id: string; url: string; disabled: boolean }) {
  const [state, formAction] = useActionState(disableWebhookEndpointAsAdmin, IDLE);
  if (disabled) return state.status === "idle" ? null : <ActionMessage state={state} />;
  return (
    <div className="flex flex-col items-start gap-2 md:items-end">
      <ConfirmDisclosure
        label="Disable"
        danger
        action={formAction}
        hidden={{ endpointId: id }}
        prompt={`Stop sending to ${url}? Deliveries still owed to it are given up, and it cannot be enabled again.`}
        submitLabel="Disable endpoint"
        pendingLabel="Disabling…"
      />
      <ActionMessage state={state} />
    </div>
  );
}
