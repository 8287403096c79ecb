"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { createApiKeyAsAdmin, type CreateApiKeyState } from "@/server/api-keys/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyButton } from "./copy-button";

const SECRET_BOX = "block rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200";

const FIELD = "mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

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
        <div>
          <label htmlFor="api-key-name" className="block text-xs font-medium text-slate-600">
            Name (shown to people on the linking page)
          </label>
          <input id="api-key-name" name="name" required maxLength={80} placeholder="Acme Budget" defaultValue={typed?.name} className={FIELD} />
        </div>
        <div>
          <label htmlFor="api-key-webhook" className="block text-xs font-medium text-slate-600">
            Callback URL (optional; a public https address)
          </label>
          <input
            id="api-key-webhook"
            name="webhook_url"
            type="url"
            placeholder="https://api.example.com/linkwell"
            defaultValue={typed?.webhook_url}
            className={FIELD}
          />
        </div>
        <div>
          <label htmlFor="api-key-mints" className="block text-xs font-medium text-slate-600">
            Links per minute (shared by all of this app&apos;s users)
          </label>
          <input
            id="api-key-mints"
            name="mints_per_minute"
            type="number"
            min={1}
            max={10000}
            step={1}
            defaultValue={typed?.mints_per_minute ?? 60}
            required
            className={FIELD}
          />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="api-key-redirects" className="block text-xs font-medium text-slate-600">
            Redirect URIs, one per line (matched exactly: custom schemes like myapp://linked, or https links)
          </label>
          <textarea
            id="api-key-redirects"
            name="redirect_uris"
            required
            rows={3}
            placeholder={"myapp://linked\nhttps://app.example.com/linked"}
            defaultValue={typed?.redirect_uris}
            className={`${FIELD} font-mono`}
          />
        </div>
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
