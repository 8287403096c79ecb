import "server-only";
import { prisma } from "@/server/db/client";
import type { Prisma, WebhookEventState } from "@/server/db/generated/prisma/client";
import { param, decodeCursor, encodeCursor, keysetWhere, type SearchParamsRecord } from "@/lib/admin/search-params";

export const WEBHOOK_STATES = ["received", "processed", "ignored", "failed"] as const satisfies readonly WebhookEventState[];
export const WEBHOOK_PAGE_SIZE = 50;

export type WebhookFilters = { type?: string; state?: WebhookEventState; object?: string };

export function parseWebhookFilters(params: SearchParamsRecord): WebhookFilters {
  const type = param(params, "type");
  const object = param(params, "object");
  return {
    type: type && /^[a-z0-9_.*]{1,100}$/.test(type) ? type : undefined,
    state: WEBHOOK_STATES.find((s) => s === param(params, "state")),
    object: object && /^[A-Za-z0-9_]{1,100}$/.test(object) ? object : undefined,
  };
}

/** Events newest first by keyset on (receivedAt, id); each filter has an index led by it. */
export async function listWebhookEvents(filters: WebhookFilters, page: { after?: string } = {}) {
  const conditions: Prisma.WebhookEventWhereInput[] = [];
  if (filters.type) {
    conditions.push(filters.type.endsWith("*") ? { type: { startsWith: filters.type.slice(0, -1) } } : { type: filters.type });
  }
  if (filters.state) conditions.push({ state: filters.state });
  if (filters.object) conditions.push({ stripeObjectId: filters.object });
  const cursor = decodeCursor(page.after);
  const receivedAt = cursor?.values[0] ? new Date(cursor.values[0]) : null;
  if (cursor && receivedAt && !Number.isNaN(receivedAt.getTime())) {
    conditions.push(keysetWhere<Prisma.WebhookEventWhereInput>([{ field: "receivedAt", value: receivedAt }], cursor.id, "desc"));
  }
  const events = await prisma.webhookEvent.findMany({
    where: { AND: conditions },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: WEBHOOK_PAGE_SIZE + 1,
    select: {
      id: true,
      stripeEventId: true,
      type: true,
      stripeObjectId: true,
      livemode: true,
      state: true,
      attempts: true,
      error: true,
      stripeCreated: true,
      receivedAt: true,
      processedAt: true,
    },
  });
  const rows = events.slice(0, WEBHOOK_PAGE_SIZE);
  const last = rows[rows.length - 1];
  return { rows, next: events.length > WEBHOOK_PAGE_SIZE && last ? encodeCursor([last.receivedAt.toISOString()], last.id) : null };
}

export async function getWebhookEvent(eventId: string) {
  const event = await prisma.webhookEvent.findUnique({ where: { id: eventId } });
  if (!event) return null;
  const [account, audit] = await Promise.all([
    event.stripeObjectId
      ? prisma.linkedAccount.findUnique({ where: { stripeAccountId: event.stripeObjectId }, select: { id: true, institutionName: true, displayName: true, subcategory: true, last4: true } })
      : null,
    prisma.auditLog.findMany({
      where: { targetType: "webhook_event", targetId: event.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 20,
      include: { actor: { select: { id: true, email: true } } },
    }),
  ]);
  return { event, account, audit };
}
