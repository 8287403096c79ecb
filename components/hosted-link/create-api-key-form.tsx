"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { createApiKeyAsAdmin, type CreateApiKeyState } from "@/server/api-keys/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { TextField } from "@/components/ui/form-field";
import { RedirectUrisField } from "@/components/integrations/redirect-uris-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyButton } from "./copy-button";

const SECRET_BOX = "block rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200";

/**
 * Creates a key; its secret comes back in the action's state and is shown here once (also when
 * the page is rendered without JavaScript), never again. After a refusal the fields keep what
 * was typed: their defaults are the returned values, which React's reset after the action restores.
 */
export function CreateApiKeyForm() {
  const [state, formAction] = useActionState<CreateApiKeyState, FormData>(createApiKeyAsAdmin, IDLE);
  const typed = state.fields;
  const created = state.created;
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-2">
        <TextField id="api-key-name" name="name" label="Name (shown to people on the linking page)" required maxLength={80} placeholder="Acme Budget" defaultValue={typed?.name} />
        <TextField
          id="api-key-webhook"
          name="webhook_url"
          label="Callback URL (optional; a public https address)"
          type="url"
          placeholder="https://api.example.com/linkwell"
          defaultValue={typed?.webhook_url}
        />
        <TextField
          id="api-key-mints"
          name="mints_per_minute"
          label="Links per minute (shared by all of this app's users)"
          type="number"
          min={1}
          max={10000}
          step={1}
          defaultValue={typed?.mints_per_minute ?? 60}
          required
        />
        <RedirectUrisField id="api-key-redirects" defaultValue={typed?.redirect_uris} />
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
        </div>
      </form>
      <ActionMessage state={state} />
      {created && (
        <div className="space-y-2 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200" data-testid="api-key-created">
          <p className="text-sm font-semibold text-amber-900">Secret for {created.name}</p>
          <code data-testid="api-key-secret" className={SECRET_BOX}>
            {created.secret}
          </code>
          <CopyButton value={created.secret} label="Copy API key" />
          {created.webhookSecret && (
            <>
              <p className="pt-2 text-sm font-semibold text-amber-900">Callback signing secret</p>
              <code data-testid="api-key-webhook-secret" className={SECRET_BOX}>
                {created.webhookSecret}
              </code>
              <CopyButton value={created.webhookSecret} label="Copy signing secret" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
