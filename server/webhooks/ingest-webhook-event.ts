import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/server/db/client";
import type { WebhookEventState } from "@/server/db/generated/prisma/client";
import { eventRow } from "./event-row";
import { wakeWebhookQueue } from "./webhook-queue";

export type IngestResult = { id: string; state: WebhookEventState; duplicate: boolean };

/**
 * Stores a verified event once under its Stripe id and leaves it to the queue
 * (webhook-queue.ts), so the delivery is answered in milliseconds whatever the load. A repeat
 * delivery of an event still waiting for a retry makes it due now: Stripe redelivering is a
 * good moment to try again, and it takes up an event the queue had given up on.
 */
export async function ingestWebhookEvent(event: Stripe.Event): Promise<IngestResult> {
  const [created] = await prisma.webhookEvent.createManyAndReturn({
    data: [eventRow(event)],
    select: { id: true, state: true },
    skipDuplicates: true,
  });
  if (created) {
    wakeWebhookQueue(created.id);
    return { id: created.id, state: created.state, duplicate: false };
  }
  const [stored] = await prisma.$queryRaw<Array<{ id: string; state: WebhookEventState }>>`
    UPDATE "WebhookEvent" SET "nextAttemptAt" = now()
     WHERE "stripeEventId" = ${event.id} AND state = 'failed' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" > now() + interval '5 minutes')
    RETURNING id, state`;
  if (stored) {
    wakeWebhookQueue(stored.id);
    return { id: stored.id, state: stored.state, duplicate: true };
  }
  const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event.id }, select: { id: true, state: true } });
  return { id: row.id, state: row.state, duplicate: true };
}
