import "server-only";
import { z } from "zod";
import { assertAdmin, type CurrentUser } from "@/server/auth/guards";
import { webhookUrl } from "@/server/api-keys/manage-api-keys";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput } from "@/server/errors/parse-input";
import { callbackEndpoint } from "@/server/hosted-link/callback-endpoint";
import { endpointSigningSecret } from "@/server/hosted-link/callback-signature";
import { shownCallbackError } from "@/server/hosted-link/post-callback";
import { newRowId } from "@/server/hosted-link/secrets";
import { INTEGRATION_EVENT_TYPES } from "@/lib/integrations/webhook-event-types";
import { deliverWebhookNow, MAX_ATTEMPTS } from "./deliver-webhooks";

type Admin = Pick<CurrentUser, "id" | "role">;

/** The type of the event "Send test event" sends: it goes to that one endpoint only. */
export const TEST_EVENT_TYPE = "webhook_endpoint.test";
export const DELIVERY_PAGE_SIZE = 50;

export const addEndpointInput = z.strictObject({
  url: webhookUrl,
  enabled_events: z
    .array(z.enum(INTEGRATION_EVENT_TYPES, { error: `each must be one of ${INTEGRATION_EVENT_TYPES.join(", ")}` }))
    .transform((list) => [...new Set(list)])
    .optional(),
});

/** Adds a webhook endpoint (public https only, checked again at every send); its secret is derived, shown on the page. */
export async function addWebhookEndpoint(admin: Admin, integrationId: string, input: unknown) {
  assertAdmin(admin);
  const parsed = parseInput(addEndpointInput, input);
  return prisma.$transaction(async (tx) => {
    const integration = await tx.integration.findUnique({ where: { id: integrationId }, select: { id: true } });
    if (!integration) throw new DomainError("not_found", "Integration not found");
    const endpoint = await tx.integrationWebhookEndpoint.create({ data: { integrationId, url: parsed.url, enabledEvents: parsed.enabled_events ?? [] } });
    await tx.auditLog.create({
      data: { actorId: admin.id, action: "webhook_endpoint.create", targetType: "integration", targetId: integrationId, metadata: { endpointId: endpoint.id, url: callbackEndpoint(parsed.url), events: endpoint.enabledEvents } },
    });
    return { id: endpoint.id, secret: endpointSigningSecret(endpoint.id) };
  });
}

/** Stops sending to an endpoint: deliveries still owed are given up. */
export async function disableWebhookEndpoint(admin: Admin, endpointId: string) {
  assertAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const endpoint = await tx.integrationWebhookEndpoint.findUnique({ where: { id: endpointId }, select: { integrationId: true, url: true, disabledAt: true } });
    if (!endpoint) throw new DomainError("not_found", "Webhook endpoint not found");
    if (endpoint.disabledAt) return;
    await tx.integrationWebhookEndpoint.update({ where: { id: endpointId }, data: { disabledAt: new Date() } });
    await tx.integrationWebhookDelivery.updateMany({ where: { endpointId, deliveredAt: null }, data: { nextAttemptAt: null } });
    await tx.auditLog.create({
      data: { actorId: admin.id, action: "webhook_endpoint.disable", targetType: "integration", targetId: endpoint.integrationId, metadata: { endpointId, url: callbackEndpoint(endpoint.url) } },
    });
  });
}

/** Sends a test event to one endpoint now and answers with how the try went. */
export async function sendTestEvent(admin: Admin, endpointId: string) {
  assertAdmin(admin);
  const endpoint = await prisma.integrationWebhookEndpoint.findUnique({ where: { id: endpointId }, select: { integrationId: true, disabledAt: true } });
  if (!endpoint) throw new DomainError("not_found", "Webhook endpoint not found");
  if (endpoint.disabledAt) throw new DomainError("conflict", "This endpoint is disabled");
  const deliveryId = `whd_${newRowId()}`;
  await prisma.integrationEvent.create({
    data: {
      id: `evt_${newRowId()}`,
      integrationId: endpoint.integrationId,
      type: TEST_EVENT_TYPE,
      data: { message: "A test event sent from the admin dashboard" },
      // Set aside for this call (no next try): the sweepers leave it, so the answer is this try's.
      deliveries: { create: { id: deliveryId, endpointId, nextAttemptAt: null } },
    },
  });
  await deliverWebhookNow(deliveryId);
  return tryOutcome(deliveryId);
}

const tryOutcome = (deliveryId: string) =>
  prisma.integrationWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { deliveredAt: true, lastStatus: true, lastError: true } });

/**
 * Sends a delivery again now (a given-up one, or a delivered one the integrator lost), audited,
 * and answers with how the try went. One still retrying waits for its next try (a future next
 * try may also be a sender's lease on it right now: never two sends at once). It counts as one
 * more try: failing again after the last backoff step, it is given up again.
 */
export async function resendDelivery(admin: Admin, deliveryId: string) {
  assertAdmin(admin);
  const delivery = await prisma.integrationWebhookDelivery.findUnique({ where: { id: deliveryId }, select: { endpoint: { select: { integrationId: true, disabledAt: true } } } });
  if (!delivery) throw new DomainError("not_found", "Delivery not found");
  if (delivery.endpoint.disabledAt) throw new DomainError("conflict", "Its endpoint is disabled");
  // Set aside for this call, unless a sender holds it right now (its lease: a next try ahead).
  const [setAside] = await prisma.$transaction([
    prisma.$executeRaw`
      UPDATE "IntegrationWebhookDelivery" SET "deliveredAt" = NULL, "nextAttemptAt" = NULL
       WHERE id = ${deliveryId} AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())`,
    prisma.auditLog.create({ data: { actorId: admin.id, action: "webhook_delivery.resend", targetType: "integration", targetId: delivery.endpoint.integrationId, metadata: { deliveryId } } }),
  ]);
  if (setAside === 0 || !(await deliverWebhookNow(deliveryId))) {
    throw new DomainError("conflict", "This delivery is waiting for its next try or being sent right now: look again in a moment", { retryAfterSeconds: 5 });
  }
  return tryOutcome(deliveryId);
}

export type DeliveryState = "delivered" | "given_up" | "retrying" | "pending";

export function deliveryState(d: { deliveredAt: Date | null; attempts: number; nextAttemptAt: Date | null }): DeliveryState {
  if (d.deliveredAt) return "delivered";
  if (d.nextAttemptAt === null || d.attempts >= MAX_ATTEMPTS) return "given_up";
  return d.attempts > 0 ? "retrying" : "pending";
}

/** The integration's endpoints (with their signing secrets, for its admin page) and latest deliveries. */
export async function listEndpointsAndDeliveries(integrationId: string) {
  const [endpoints, deliveries] = await Promise.all([
    prisma.integrationWebhookEndpoint.findMany({ where: { integrationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    prisma.integrationWebhookDelivery.findMany({
      where: { endpoint: { integrationId } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DELIVERY_PAGE_SIZE,
      select: {
        id: true,
        attempts: true,
        nextAttemptAt: true,
        deliveredAt: true,
        lastStatus: true,
        lastError: true,
        lastAttemptAt: true,
        createdAt: true,
        endpoint: { select: { url: true, disabledAt: true } },
        event: { select: { id: true, type: true } },
      },
    }),
  ]);
  return {
    endpoints: endpoints.map((e) => ({ id: e.id, url: callbackEndpoint(e.url), enabledEvents: e.enabledEvents, createdAt: e.createdAt, disabledAt: e.disabledAt, secret: endpointSigningSecret(e.id) })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      eventId: d.event.id,
      type: d.event.type,
      endpoint: callbackEndpoint(d.endpoint.url),
      /** Deliveries to a disabled endpoint cannot be sent again. */
      endpointDisabled: d.endpoint.disabledAt !== null,
      attempts: d.attempts,
      state: deliveryState(d),
      nextAttemptAt: d.deliveredAt ? null : d.nextAttemptAt,
      lastStatus: d.lastStatus,
      lastError: shownCallbackError(d.lastError),
      lastAttemptAt: d.lastAttemptAt,
      createdAt: d.createdAt,
    })),
  };
}
