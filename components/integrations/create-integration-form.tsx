"use client";

import Link from "next/link";
import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { createIntegrationAsAdmin, type CreateIntegrationState } from "@/server/integrations/actions";
import { errorFor, FormMessage } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/form-field";
import { RedirectUrisField } from "@/components/integrations/redirect-uris-field";
import { SubmitButton } from "@/components/ui/submit-button";

const FIELDS = ["name", "redirect_uris"] as const;

/**
 * Creates an integration. After a refusal the fields keep what was typed (their defaults are the
 * returned values, which React's reset after the action restores) and the error sits under the
 * field it is about; after success a link leads to the new integration's page, to add its keys.
 */
export function CreateIntegrationForm() {
  const [state, formAction] = useActionState<CreateIntegrationState, FormData>(createIntegrationAsAdmin, IDLE);
  const typed = state.fields;
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="integration-name"
          name="name"
          label="Name (the app, e.g. Acme Budget)"
          required
          maxLength={80}
          placeholder="Acme Budget"
          defaultValue={typed?.name}
          error={errorFor(state, "name")}
        />
        <RedirectUrisField id="integration-redirects" defaultValue={typed?.redirect_uris} error={errorFor(state, "redirect_uris")} />
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Creating…">Create integration</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} fields={FIELDS} />
      {state.created && (
        <p className="text-sm" data-testid="integration-created">
          <Link href={`/admin/integrations/${state.created.id}`} className="font-medium text-brand-700 hover:underline">
            Open {state.created.name} to add an API key →
          </Link>
        </p>
      )}
    </div>
  );
}
