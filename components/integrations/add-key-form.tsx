"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { addIntegrationApiKeyAsAdmin, type AddKeyState } from "@/server/integrations/key-actions";
import { fieldClasses } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { errorFor, FieldError, FormMessage } from "./field-error";
import { NewSecretBox } from "./new-secret-box";

/** What each scope lets the key do in /api/v1, in the words of its operations. */
const SCOPE_HINTS: Record<string, string> = {
  read: "read link outcomes, accounts and transactions",
  refresh: "refresh an account's data",
  link: "mint hosted links",
  delete: "disconnect accounts and erase users",
};

/**
 * Adds a key to the integration: a name and its scopes (all checked to begin with). The secret
 * comes back in the action's state and is shown here once (also without JavaScript), never again.
 */
export function AddKeyForm({ integrationId, scopes }: { integrationId: string; scopes: readonly string[] }) {
  const [state, formAction] = useActionState<AddKeyState, FormData>(addIntegrationApiKeyAsAdmin, IDLE);
  const typed = state.fields;
  const nameError = errorFor(state, "name");
  const scopesError = errorFor(state, "scopes");
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="integrationId" value={integrationId} />
        <div className="max-w-md">
          <label htmlFor="key-name" className="block text-xs font-medium text-slate-600">
            Key name (for you: e.g. where it is deployed)
          </label>
          <input
            id="key-name"
            name="name"
            required
            maxLength={80}
            placeholder="Acme Budget"
            defaultValue={typed?.name}
            aria-invalid={Boolean(nameError)}
            aria-describedby={nameError ? "key-name-error" : undefined}
            className={fieldClasses}
          />
          <FieldError id="key-name-error" message={nameError} />
        </div>
        <fieldset aria-describedby={scopesError ? "key-scopes-error" : undefined}>
          <legend className="text-xs font-medium text-slate-600">Scopes: what the key may do in the API</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {scopes.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={typed ? typed.scopes.includes(scope) : true}
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                />
                <span>
                  <span className="font-mono text-xs font-semibold">{scope}</span>
                  {SCOPE_HINTS[scope] && <span className="text-slate-600">: {SCOPE_HINTS[scope]}</span>}
                </span>
              </label>
            ))}
          </div>
          <FieldError id="key-scopes-error" message={scopesError} />
        </fieldset>
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      </form>
      <FormMessage state={state} fields={["name", "scopes"]} />
      {state.created && (
        <NewSecretBox title={`Secret for ${state.created.name}`} secret={state.created.secret} copyLabel="Copy API key" testId="integration-key-secret">
          Give it to the integrator&apos;s backend; it is sent as Authorization: Bearer.
        </NewSecretBox>
      )}
    </div>
  );
}
