"use server";
// Server actions of the admin webhook event page.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { formRecordId, runAction } from "@/server/http/run-action";
import { reprocessEvent } from "./admin-reprocess-event";
import { reprocessWebhookEvent } from "./reprocess-webhook-event";

/**
 * Runs a stored Stripe event through the handlers again; audited. A handler failure is an
 * outcome, not an error: the event stays failed, and the message says why.
 */
export async function reprocessWebhookEventAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const eventId = formRecordId(form, "eventId");
    const result = await reprocessEvent(admin, eventId, reprocessWebhookEvent);
    revalidatePath("/admin/webhooks", "layout");
    return result.error ? `Reprocessed: ${result.state}. ${result.error}` : `Reprocessed: ${result.state}.`;
  });
}
