"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { addIntegrationApiKeyAsAdmin, type AddKeyState } from "@/server/integrations/key-actions";
import { errorFor, FormMessage } from "@/components/ui/field-error";
import { CheckboxGroup, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
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
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="integrationId" value={integrationId} />
        <TextField
          id="key-name"
          name="name"
          label="Key name (for you: e.g. where it is deployed)"
          className="max-w-md"
          required
          maxLength={80}
          placeholder="Production backend"
          defaultValue={typed?.name}
          error={errorFor(state, "name")}
        />
        <CheckboxGroup
          name="scopes"
          legend="Scopes: what the key may do in the API"
          options={scopes.map((scope) => ({ value: scope, label: scope, hint: SCOPE_HINTS[scope] }))}
          checked={(scope) => (typed ? typed.scopes.includes(scope) : true)}
          error={errorFor(state, "scopes")}
        />
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
