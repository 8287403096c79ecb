"use server";
// Server actions of the admin integration page about its webhooks: add and disable endpoints,
// send an endpoint a test event, and send a delivery again.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { DomainError } from "@/server/errors/domain-error";
import { shownCallbackError } from "@/server/hosted-link/post-callback";
import { formRecordId, formText, formTyped, formValues, runAction } from "@/server/http/run-action";
import { addWebhookEndpoint, disableWebhookEndpoint, resendDelivery, sendTestEvent } from "./manage-endpoints";

/** The endpoint just added and its signing secret (also revealable on the page later: it is derived). */
export type AddEndpointState = ActionState & { created?: { url: string; secret: string }; fields?: { url: string; enabled_events: string[] } };

/**
 * Endpoints and deliveries show on the integration's page and are counted on the list, and
 * disable, test and resend only know their own row's id: refresh the whole integrations area.
 */
function revalidateWebhookPages() {
  revalidatePath("/admin/integrations", "layout");
}

/** Adds a webhook endpoint (public https only; none of the boxes checked means every event); audited. */
export async function addWebhookEndpointAsAdmin(_prev: AddEndpointState, form: FormData): Promise<AddEndpointState> {
  let created: AddEndpointState["created"];
  const state = await runAction(async () => {
    const admin = await requireAdminApi();
    const integrationId = formRecordId(form, "integrationId");
    const url = formText(form, "url");
    const events = formValues(form, "enabled_events");
    const endpoint = await addWebhookEndpoint(admin, integrationId, { url, ...(events.length > 0 && { enabled_events: events }) });
    created = { url, secret: endpoint.secret };
    revalidateWebhookPages();
    return "Endpoint added. Give its signing secret to the integrator: they verify every delivery with it.";
  });
  if (created) return { ...state, created };
  if (state.status !== "error") return state;
  return { ...state, fields: { url: formTyped(form, "url"), enabled_events: formValues(form, "enabled_events") } };
}

/** Stops sending to an endpoint; deliveries still owed to it are given up. Audited. */
export async function disableWebhookEndpointAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const endpointId = formRecordId(form, "endpointId");
    await disableWebhookEndpoint(admin, endpointId);
    revalidateWebhookPages();
    return "Endpoint disabled.";
  });
}

/**
 * Sends one endpoint a test event now. A refused or failed try is the form's error, with what
 * the endpoint answered, after the page updates (the delivery also shows in the table).
 */
export async function sendTestWebhookEventAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const endpointId = formRecordId(form, "endpointId");
    const result = await sendTestEvent(admin, endpointId);
    revalidateWebhookPages();
    return describeTry(result);
  });
}

/** Sends a delivery again now (failed, given up, or delivered but lost by the integrator); audited. */
export async function resendWebhookDeliveryAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const deliveryId = formRecordId(form, "deliveryId");
    const result = await resendDelivery(admin, deliveryId);
    revalidateWebhookPages();
    return describeTry(result);
  });
}

/** A try's outcome as the form says it: delivered, or the refusal with what the endpoint answered. */
function describeTry(result: { deliveredAt: Date | null; lastStatus: number | null; lastError: string | null }): string {
  if (result.deliveredAt) return `Delivered: the endpoint answered HTTP ${result.lastStatus ?? "2xx"}.`;
  const why = result.lastStatus === null ? shownCallbackError(result.lastError) : `the endpoint answered HTTP ${result.lastStatus}`;
  throw new DomainError("conflict", `Not delivered: ${why}. It is retried later; see Deliveries.`);
}
