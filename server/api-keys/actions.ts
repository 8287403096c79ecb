"use server";
// Server actions of the admin API keys page: create a key (its secrets shown once) and revoke one.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { parseInput, recordId } from "@/server/errors/parse-input";
import { formLines, formText, formTyped, runAction } from "@/server/http/run-action";
import { createApiKey, revokeApiKeyInput, revokeApiKey } from "./manage-api-keys";

/** The secrets of the key just made: in this one answer only (the database keeps a hash). */
export type CreatedKeySecrets = { name: string; secret: string; webhookSecret: string | null };
/** What the admin typed, given back after a refusal so the form keeps it (React resets a form after its action). */
export type CreateApiKeyFields = { name: string; redirect_uris: string; webhook_url: string; mints_per_minute: string };
export type CreateApiKeyState = ActionState & { created?: CreatedKeySecrets; fields?: CreateApiKeyFields };

const FIELDS = ["name", "redirect_uris", "webhook_url", "mints_per_minute"] as const;

/**
 * Creates an integrator API key; audited. The secrets travel back in the form's state, so the
 * page that renders the answer (with or without JavaScript) shows them once; a reload does not.
 */
export async function createApiKeyAsAdmin(_prev: CreateApiKeyState, form: FormData): Promise<CreateApiKeyState> {
  let created: CreatedKeySecrets | undefined;
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const key = await createApiKey(admin, {
      name: formText(form, "name"),
      redirect_uris: formLines(form, "redirect_uris"),
      webhook_url: formText(form, "webhook_url"),
      mints_per_minute: formText(form, "mints_per_minute"),
    });
    created = { name: key.name, secret: key.secret, webhookSecret: key.webhookSecret };
    revalidatePath("/admin/api-keys");
    return "Key created. Copy the secret now: it is not shown again.";
  });
  if (created) return { ...state, created };
  if (state.status !== "error") return state;
  return { ...state, fields: Object.fromEntries(FIELDS.map((name) => [name, formTyped(form, name)])) as CreateApiKeyFields };
}

/** Revokes a key at once (its open links stop working); audited with the optional reason. */
export async function revokeApiKeyAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const { keyId, reason } = parseInput(revokeApiKeyInput.extend({ keyId: recordId }), {
      keyId: formText(form, "keyId"),
      reason: formText(form, "reason") || undefined,
    });
    await revokeApiKey(admin, keyId, reason);
    // Keys show on both admin pages: the integration's and the list of every key.
    revalidatePath("/admin/api-keys");
    revalidatePath("/admin/integrations", "layout");
    return "Revoked.";
  });
}
