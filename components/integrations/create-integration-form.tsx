"use client";

import Link from "next/link";
import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { createIntegrationAsAdmin, type CreateIntegrationState } from "@/server/integrations/actions";
import { fieldClasses } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { errorFor, FieldError, FormMessage } from "./field-error";

const FIELDS = ["name", "redirect_uris"] as const;

/**
 * Creates an integration. After a refusal the fields keep what was typed (their defaults are the
 * returned values, which React's reset after the action restores) and the error sits under the
 * field it is about; after success a link leads to the new integration's page, to add its keys.
 */
export function CreateIntegrationForm() {
  const [state, formAction] = useActionState<CreateIntegrationState, FormData>(createIntegrationAsAdmin, IDLE);
  const typed = state.fields;
  const nameError = errorFor(state, "name");
  const urisError = errorFor(state, "redirect_uris");
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="integration-name" className="block text-xs font-medium text-slate-600">
            Name (the app, e.g. Acme Budget)
          </label>
          <input
            id="integration-name"
            name="name"
            required
            maxLength={80}
            placeholder="Acme Budget"
            defaultValue={typed?.name}
            aria-invalid={Boolean(nameError)}
            aria-describedby={nameError ? "integration-name-error" : undefined}
            className={fieldClasses}
          />
          <FieldError id="integration-name-error" message={nameError} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="integration-redirects" className="block text-xs font-medium text-slate-600">
            Redirect URIs, one per line (matched exactly: custom schemes like myapp://linked, or https links)
          </label>
          <textarea
            id="integration-redirects"
            name="redirect_uris"
            required
            rows={3}
            placeholder={"myapp://linked\nhttps://app.example.com/linked"}
            defaultValue={typed?.redirect_uris}
            aria-invalid={Boolean(urisError)}
            aria-describedby={urisError ? "integration-redirects-error" : undefined}
            className={`${fieldClasses} font-mono`}
          />
          <FieldError id="integration-redirects-error" message={urisError} />
        </div>
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
