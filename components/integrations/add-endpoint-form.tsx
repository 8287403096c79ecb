"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { INTEGRATION_EVENT_DESCRIPTIONS, INTEGRATION_EVENT_TYPES } from "@/lib/integrations/webhook-event-types";
import { addWebhookEndpointAsAdmin, type AddEndpointState } from "@/server/integrations/webhooks/endpoint-actions";
import { errorFor, FormMessage } from "@/components/ui/field-error";
import { CheckboxGroup, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewSecretBox } from "./new-secret-box";

/**
 * Adds a webhook endpoint: a public https URL and, optionally, the events it gets (none checked
 * means every event, new types included). The event list folds away in a native <details>,
 * open when the admin had picked some or the server refused one. The signing secret comes back
 * once here; the endpoints table can reveal it again later.
 */
export function AddEndpointForm({ integrationId }: { integrationId: string }) {
  const [state, formAction] = useActionState<AddEndpointState, FormData>(addWebhookEndpointAsAdmin, IDLE);
  const typed = state.fields;
  const eventsError = errorFor(state, "enabled_events");
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="integrationId" value={integrationId} />
        <TextField
          id="endpoint-url"
          name="url"
          label="URL (a public https address)"
          className="max-w-xl"
          type="url"
          required
          placeholder="https://api.example.com/linkwell/webhooks"
          defaultValue={typed?.url}
          error={errorFor(state, "url")}
        />
        <details className="group" open={Boolean(eventsError) || (typed?.enabled_events.length ?? 0) > 0}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
            Events: all of them, or choose some
          </summary>
          <div className="mt-3">
            <CheckboxGroup
              name="enabled_events"
              legend="Leave every box empty to send all events, including types added later."
              options={INTEGRATION_EVENT_TYPES.map((type) => ({ value: type, label: type, hint: INTEGRATION_EVENT_DESCRIPTIONS[type] }))}
              checked={(type) => typed?.enabled_events.includes(type) ?? false}
              error={eventsError}
            />
          </div>
        </details>
        <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
      </form>
      <FormMessage state={state} fields={["url", "enabled_events"]} />
      {state.created && (
        <NewSecretBox title={`Signing secret for ${state.created.url}`} secret={state.created.secret} copyLabel="Copy signing secret" testId="webhook-endpoint-secret">
          Deliveries carry a Linkwell-Signature header made with it. You can reveal it again in the endpoints table.
        </NewSecretBox>
      )}
    </div>
  );
}
