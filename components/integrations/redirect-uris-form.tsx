"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { setRedirectUrisAsAdmin, type RedirectUrisState } from "@/server/integrations/actions";
import { errorFor, FormMessage } from "@/components/ui/field-error";
import { TextAreaField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * Edits the integration's redirect URI allow-list, one per line. The box starts with the saved
 * list; after a refusal it keeps what was typed, with the error ("line N: …") under it.
 */
export function RedirectUrisForm({ integrationId, redirectUris }: { integrationId: string; redirectUris: string[] }) {
  const [state, formAction] = useActionState<RedirectUrisState, FormData>(setRedirectUrisAsAdmin, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="integrationId" value={integrationId} />
      <TextAreaField
        id="redirect-uris"
        name="redirect_uris"
        label="One per line, matched exactly. Links already handed out keep the list they were minted with."
        required
        rows={Math.min(8, Math.max(3, redirectUris.length + 1))}
        defaultValue={state.fields?.redirect_uris ?? redirectUris.join("\n")}
        error={errorFor(state, "redirect_uris")}
      />
      <SubmitButton pendingLabel="Saving…">Save redirect URIs</SubmitButton>
      <FormMessage state={state} fields={["redirect_uris"]} />
    </form>
  );
}
