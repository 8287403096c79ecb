"use server";
// Server actions of the admin integrations pages about the integration itself: create one, and
// edit its redirect URI allow-list. Its keys are in ./key-actions.ts, its webhook endpoints in
// ./webhooks/endpoint-actions.ts.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { formLines, formRecordId, formText, formTyped, runAction } from "@/server/http/run-action";
import { createIntegration, setRedirectUris } from "./manage-integrations";

/** What the admin typed, given back after a refusal so the form keeps it (React resets a form after its action). */
export type CreateIntegrationFields = { name: string; redirect_uris: string };
export type CreateIntegrationState = ActionState & { created?: { id: string; name: string }; fields?: CreateIntegrationFields };
export type RedirectUrisState = ActionState & { fields?: { redirect_uris: string } };

/**
 * Creates an integration (no key yet); audited. The answer names the new integration so the
 * form can link to its page, where its keys and endpoints are added.
 */
export async function createIntegrationAsAdmin(_prev: CreateIntegrationState, form: FormData): Promise<CreateIntegrationState> {
  let created: CreateIntegrationState["created"];
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const integration = await createIntegration(admin, { name: formText(form, "name"), redirect_uris: formLines(form, "redirect_uris") });
    created = { id: integration.id, name: integration.name };
    revalidatePath("/admin/integrations");
    return `${integration.name} created. Add its first API key on its page.`;
  });
  if (created) return { ...state, created };
  if (state.status !== "error") return state;
  return { ...state, fields: { name: formTyped(form, "name"), redirect_uris: formTyped(form, "redirect_uris") } };
}

/** Replaces an integration's redirect URIs (links already minted keep theirs); audited. */
export async function setRedirectUrisAsAdmin(_prev: RedirectUrisState, form: FormData): Promise<RedirectUrisState> {
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const integrationId = formRecordId(form, "integrationId");
    await setRedirectUris(admin, integrationId, { redirect_uris: formLines(form, "redirect_uris") });
    revalidatePath(`/admin/integrations/${integrationId}`);
    // The list shows no URIs, but the old API keys page does (keys read their integration's).
    revalidatePath("/admin/api-keys");
    return "Redirect URIs saved.";
  });
  if (state.status !== "error") return state;
  return { ...state, fields: { redirect_uris: formTyped(form, "redirect_uris") } };
}
