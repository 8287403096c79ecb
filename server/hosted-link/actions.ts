"use server";
// Server actions of the admin API keys page about integrator callbacks.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { DomainError } from "@/server/errors/domain-error";
import { formRecordId, runAction } from "@/server/http/run-action";
import { retryIntegratorCallback } from "./callback-deliveries";

/**
 * Sends an undelivered integrator callback again now; audited. A refused delivery is shown as
 * the form's error (the callback stays undelivered, with its reason), after the page updates.
 */
export async function retryIntegratorCallbackAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const callbackId = formRecordId(form, "callbackId");
    const result = await retryIntegratorCallback(admin, callbackId);
    revalidatePath("/admin/api-keys");
    if (result.state !== "delivered") throw new DomainError("conflict", `Not delivered: ${result.error ?? result.state}.`);
    return "Delivered.";
  });
}
