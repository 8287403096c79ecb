"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { INTEGRATION_EVENT_DESCRIPTIONS, INTEGRATION_EVENT_TYPES } from "@/lib/integrations/webhook-event-types";
import { addWebhookEndpointAsAdmin, type AddEndpointState } from "@/server/integrations/webhooks/endpoint-actions";
import { fieldClasses } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { errorFor, FieldError, FormMessage } from "./field-error";
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
  const urlError = errorFor(state, "url");
  const eventsError = errorFor(state, "enabled_events");
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="integrationId" value={integrationId} />
        <div className="max-w-xl">
          <label htmlFor="endpoint-url" className="block text-xs font-medium text-slate-600">
            URL (a public https address)
          </label>
          <input
            id="endpoint-url"
            name="url"
            type="url"
            required
            placeholder="https://api.example.com/linkwell/webhooks"
            defaultValue={typed?.url}
            aria-invalid={Boolean(urlError)}
            aria-describedby={urlError ? "endpoint-url-error" : undefined}
            className={fieldClasses}
          />
          <FieldError id="endpoint-url-error" message={urlError} />
        </div>
        <details className="group" open={Boolean(eventsError) || (typed?.enabled_events.length ?? 0) > 0}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
            Events: all of them, or choose some
          </summary>
          <fieldset className="mt-3" aria-describedby={eventsError ? "endpoint-events-error" : "endpoint-events-hint"}>
            <legend id="endpoint-events-hint" className="text-xs text-slate-600">
              Leave every box empty to send all events, including types added later.
            </legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {INTEGRATION_EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="enabled_events"
                    value={type}
                    defaultChecked={typed?.enabled_events.includes(type) ?? false}
                    className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                  />
                  <span className="min-w-0">
                    <span className="block font-mono text-xs font-semibold break-all text-slate-900">{type}</span>
                    <span className="block text-xs text-slate-600">{INTEGRATION_EVENT_DESCRIPTIONS[type]}</span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError id="endpoint-events-error" message={eventsError} />
          </fieldset>
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
