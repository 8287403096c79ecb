"use server";
// Server actions of the admin integration page about its API keys: add one, rotate one (revoking
// is server/api-keys/actions.ts's, shared with the API keys page).
// A new key's secret travels back in the form's state once (the database keeps only its hash).

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { formRecordId, formText, formTyped, formValues, runAction } from "@/server/http/run-action";
import { addApiKey, rotateApiKey } from "./manage-integrations";

/** The key just made: its secret in this one answer only. */
export type NewKeySecretShown = { name: string; prefix: string; secret: string };
export type AddKeyState = ActionState & { created?: NewKeySecretShown; fields?: { name: string; scopes: string[] } };
/** `oldKeyExpiresAt` is an ISO time: until then the rotated-out key keeps working. */
/** `callbackSecret`: the new key's callback signing secret, when the key sends the older signed callbacks. */
export type RotateKeyState = ActionState & { created?: NewKeySecretShown & { oldKeyExpiresAt: string; callbackSecret: string | null } };

/**
 * A key belongs to one integration, but rotate and revoke only know the key's id: refresh the
 * whole integrations area (its list counts active keys) and the older API keys page, which
 * lists every key too.
 */
function revalidateKeyPages() {
  revalidatePath("/admin/integrations", "layout");
  revalidatePath("/admin/api-keys");
}

/** Adds a key to an integration (several may be active at once); audited. */
export async function addIntegrationApiKeyAsAdmin(_prev: AddKeyState, form: FormData): Promise<AddKeyState> {
  let created: NewKeySecretShown | undefined;
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const integrationId = formRecordId(form, "integrationId");
    const key = await addApiKey(admin, integrationId, { name: formText(form, "name"), scopes: formValues(form, "scopes") });
    created = { name: key.name, prefix: key.prefix, secret: key.secret };
    revalidateKeyPages();
    return "Key created. Copy the secret now: it is not shown again.";
  });
  if (created) return { ...state, created };
  if (state.status !== "error") return state;
  return { ...state, fields: { name: formTyped(form, "name"), scopes: formValues(form, "scopes") } };
}

/** Rotates a key: a new one (secret shown once) and the old one keeps working for a grace period; audited. */
export async function rotateIntegrationApiKeyAsAdmin(_prev: RotateKeyState, form: FormData): Promise<RotateKeyState> {
  let created: RotateKeyState["created"];
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const keyId = formRecordId(form, "keyId");
    const key = await rotateApiKey(admin, keyId);
    created = { name: key.name, prefix: key.prefix, secret: key.secret, oldKeyExpiresAt: key.oldKeyExpiresAt.toISOString(), callbackSecret: key.callbackSecret };
    revalidateKeyPages();
    return "Key rotated. Copy the new secret now: it is not shown again.";
  });
  return created ? { ...state, created } : state;
}
