"use server";
// Server actions of the admin integrations pages about the integration itself: create one, and
// edit its redirect URI allow-list. Its keys are in ./key-actions.ts, its webhook endpoints in
// ./webhooks/endpoint-actions.ts.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { parseInput, recordId } from "@/server/errors/parse-input";
import { formText, runAction } from "@/server/http/run-action";
import { createIntegration, setRedirectUris } from "./manage-integrations";

/** What the admin typed, given back after a refusal so the form keeps it (React resets a form after its action). */
export type CreateIntegrationFields = { name: string; redirect_uris: string };
export type CreateIntegrationState = ActionState & { created?: { id: string; name: string }; fields?: CreateIntegrationFields };
export type RedirectUrisState = ActionState & { fields?: { redirect_uris: string } };

/**
 * Every line of the box, blank ones too, so the server's "line N" matches what the admin sees
 * (blank ones are skipped by the schema); trailing blank lines are dropped first.
 */
function redirectUriLines(form: FormData): string[] {
  return formText(form, "redirect_uris").replace(/\s+$/, "").split(/\r\n|\r|\n/);
}

/** A field as typed, for the form to show again; NULs dropped (formText has already refused them). */
function typed(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.replaceAll("\u0000", "") : "";
}

/**
 * Creates an integration (no key yet); audited. The answer names the new integration so the
 * form can link to its page, where its keys and endpoints are added.
 */
export async function createIntegrationAsAdmin(_prev: CreateIntegrationState, form: FormData): Promise<CreateIntegrationState> {
  let created: CreateIntegrationState["created"];
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const integration = await createIntegration(admin, { name: formText(form, "name"), redirect_uris: redirectUriLines(form) });
    created = { id: integration.id, name: integration.name };
    revalidatePath("/admin/integrations");
    return `${integration.name} created. Add its first API key on its page.`;
  });
  if (created) return { ...state, created };
  if (state.status !== "error") return state;
  return { ...state, fields: { name: typed(form, "name"), redirect_uris: typed(form, "redirect_uris") } };
}

/** Replaces an integration's redirect URIs (links already minted keep theirs); audited. */
export async function setRedirectUrisAsAdmin(_prev: RedirectUrisState, form: FormData): Promise<RedirectUrisState> {
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const { integrationId } = parseInput(z.object({ integrationId: recordId }), { integrationId: formText(form, "integrationId") });
    await setRedirectUris(admin, integrationId, { redirect_uris: redirectUriLines(form) });
    revalidatePath(`/admin/integrations/${integrationId}`);
    // The list shows no URIs, but the old API keys page does (keys read their integration's).
    revalidatePath("/admin/api-keys");
    return "Redirect URIs saved.";
  });
  if (state.status !== "error") return state;
  return { ...state, fields: { redirect_uris: typed(form, "redirect_uris") } };
}
