"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { setRedirectUrisAsAdmin, type RedirectUrisState } from "@/server/integrations/actions";
import { fieldClasses } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { errorFor, FieldError, FormMessage } from "./field-error";

/**
 * Edits the integration's redirect URI allow-list, one per line. The box starts with the saved
 * list; after a refusal it keeps what was typed, with the error ("line N: …") under it.
 */
export function RedirectUrisForm({ integrationId, redirectUris }: { integrationId: string; redirectUris: string[] }) {
  const [state, formAction] = useActionState<RedirectUrisState, FormData>(setRedirectUrisAsAdmin, IDLE);
  const error = errorFor(state, "redirect_uris");
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="integrationId" value={integrationId} />
      <div>
        <label htmlFor="redirect-uris" className="block text-xs font-medium text-slate-600">
          One per line, matched exactly. Links already handed out keep the list they were minted with.
        </label>
        <textarea
          id="redirect-uris"
          name="redirect_uris"
          required
          rows={Math.min(8, Math.max(3, redirectUris.length + 1))}
          defaultValue={state.fields?.redirect_uris ?? redirectUris.join("\n")}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "redirect-uris-error" : undefined}
          className={`${fieldClasses} font-mono`}
        />
        <FieldError id="redirect-uris-error" message={error} />
      </div>
      <SubmitButton pendingLabel="Saving…">Save redirect URIs</SubmitButton>
      <FormMessage state={state} fields={["redirect_uris"]} />
    </form>
  );
}
