import "server-only";
import { prisma } from "@/server/db/client";
import { env } from "@/server/env";
import { logger } from "@/server/log/logger";
import { stripe } from "@/server/stripe/client";
import { eventRow } from "./event-row";
import { HANDLED_EVENT_TYPES } from "./handlers";
import { wakeWebhookQueue } from "./webhook-queue";

/** Stripe retries a delivery for up to three days; an event it gave up on is older than that. */
const WINDOW_SECONDS = 3 * 24 * 60 * 60 + 60 * 60;
/** At most this many events per sweep (pages of 100); the next sweep goes on. */
const MAX_PAGES = 10;
const SWEEP_MS = 60_000;

/**
 * Stores account events Stripe could not deliver to us (still being retried, or given up on):
 * a delivery that timed out under load, or an endpoint that was down, loses nothing. Stripe's
 * `delivery_success=false` lists exactly those; stored ones are skipped by their unique id,
 * and the queue applies the rest like any delivery. Returns how many were new.
 */
export async function recoverMissedEvents(): Promise<{ listed: number; recovered: number }> {
  let listed = 0;
  let recovered = 0;
  const since = Math.floor(Date.now() / 1000) - WINDOW_SECONDS;
  let startingAfter: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const events = await stripe().events.list({
      types: [...HANDLED_EVENT_TYPES],
      created: { gte: since },
      delivery_success: false,
      limit: 100,
      ...(startingAfter && { starting_after: startingAfter }),
    });
    listed += events.data.length;
    if (events.data.length > 0) {
      recovered += (await prisma.webhookEvent.createMany({ data: events.data.map(eventRow), skipDuplicates: true })).count;
    }
    if (!events.has_more || events.data.length === 0) break;
    startingAfter = events.data.at(-1)!.id;
  }
  if (recovered > 0) {
    logger("webhooks").warn({ recovered, listed }, "stored events Stripe had not delivered");
    wakeWebhookQueue();
  }
  return { listed, recovered };
}

const timers = globalThis as typeof globalThis & { __missedEventSweeper?: NodeJS.Timeout };

/** Started once per server process (instrumentation.ts) when Stripe is configured: a sweep a minute. */
export function startMissedEventSweeper(intervalMs = SWEEP_MS): void {
  if (timers.__missedEventSweeper || !env().STRIPE_SECRET_KEY) return;
  timers.__missedEventSweeper = setInterval(() => {
    recoverMissedEvents().catch((error: unknown) => logger("webhooks").warn({ err: error }, "missed-event sweep failed"));
  }, intervalMs);
  timers.__missedEventSweeper.unref();
}
