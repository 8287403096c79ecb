import "server-only";
import type Stripe from "stripe";
import { reservedPool } from "@/server/db/reserved-pool";
import type { WebhookEventState } from "@/server/db/generated/prisma/client";
import { newRowId } from "@/server/hosted-link/secrets";
import { eventRow } from "./event-row";
import { wakeWebhookQueue } from "./webhook-queue";

export type IngestResult = { id: string; state: WebhookEventState; duplicate: boolean };

type Stored = { id: string; state: WebhookEventState };

/**
 * Stores a verified event once under its Stripe id and leaves it to the queue
 * (webhook-queue.ts), so the delivery is answered in milliseconds whatever the load: on
 * connections of its own, never waiting behind the app's busy pool, in one statement for a
 * new event. A repeat delivery of an event still waiting for a retry makes it due now: Stripe
 * redelivering is a good moment to try again, and it takes up an event the queue had given up on.
 */
export async function ingestWebhookEvent(event: Stripe.Event): Promise<IngestResult> {
  const pool = reservedPool("webhook-ingest");
  const row = eventRow(event);
  const created = await pool.query<Stored>(
    `INSERT INTO "WebhookEvent" (id, "stripeEventId", type, "stripeObjectId", livemode, payload, "stripeCreated")
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ("stripeEventId") DO NOTHING
     RETURNING id, state`,
    // The time as UTC text: the column has no zone, and pg would send a Date in the server's local time.
    [newRowId(), row.stripeEventId, row.type, row.stripeObjectId, row.livemode, JSON.stringify(event), (row.stripeCreated as Date).toISOString()],
  );
  if (created.rows[0]) {
    wakeWebhookQueue(created.rows[0].id);
    return { ...created.rows[0], duplicate: false };
  }
  const due = await pool.query<Stored>(
    `UPDATE "WebhookEvent" SET "nextAttemptAt" = now()
      WHERE "stripeEventId" = $1 AND state = 'failed' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" > now() + interval '5 minutes')
     RETURNING id, state`,
    [event.id],
  );
  if (due.rows[0]) {
    wakeWebhookQueue(due.rows[0].id);
    return { ...due.rows[0], duplicate: true };
  }
  const stored = await pool.query<Stored>(`SELECT id, state FROM "WebhookEvent" WHERE "stripeEventId" = $1`, [event.id]);
  if (!stored.rows[0]) throw new Error(`event ${event.id} was neither stored nor found`);
  return { ...stored.rows[0], duplicate: true };
}
