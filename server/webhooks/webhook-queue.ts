import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/server/db/client";
import type { WebhookEvent } from "@/server/db/generated/prisma/client";
import { logger } from "@/server/log/logger";
import { processWebhookEvent, readAccountNow } from "./process-webhook-event";
import type { AccountReader } from "./types";

/** Events taken per claim. */
const BATCH = 50;
/** Accounts applied at once within a batch (each in event order). */
const CONCURRENCY = 4;
/** A claimed event is skipped by other instances for this long; far longer than one apply takes. */
const LEASE_SECONDS = 120;
/** How often an idle instance looks for due events (retries, and events another instance stored). */
const POLL_MS = 1_000;

/**
 * Takes due events for this instance alone: the claim moves their next attempt past a lease
 * (so an instance that dies holding them lets another take them when it ends), and
 * SKIP LOCKED keeps two instances from claiming the same row. With a grace period, events due
 * for less than that are left to the instance that stored them (`own`), which takes them at
 * once: instances do not fight over fresh events, and one that died is covered after the grace.
 */
export async function claimDueEvents(limit = BATCH, options: { own?: string[]; graceSeconds?: number } = {}): Promise<WebhookEvent[]> {
  const own = options.own ?? [];
  const grace = options.graceSeconds ?? 0;
  return prisma.$queryRaw<WebhookEvent[]>`
    UPDATE "WebhookEvent"
       SET "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
     WHERE id IN (
       SELECT id FROM "WebhookEvent"
        WHERE "nextAttemptAt" <= now() AND state IN ('received', 'failed')
          AND ("nextAttemptAt" <= now() - make_interval(secs => ${grace}) OR id = ANY(${own}::text[]))
        ORDER BY "nextAttemptAt", "stripeCreated"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING *`;
}

/**
 * One Stripe read per account per batch: every claimed event was stored before the claim, so
 * a read made after it is at least as new as each of them and serves them all.
 */
function batchReader(): AccountReader {
  const reads = new Map<string, Promise<{ account: Stripe.FinancialConnections.Account; fetchedAt: Date }>>();
  return (accountId) => {
    let read = reads.get(accountId);
    if (!read) {
      read = readAccountNow(accountId);
      // A failed read is not kept: the next event of the batch tries again.
      read.catch(() => reads.delete(accountId));
      reads.set(accountId, read);
    }
    return read;
  };
}

/** Applies a claimed batch: events of one account in Stripe's order, accounts side by side. */
async function applyBatch(events: WebhookEvent[]): Promise<void> {
  const byObject = new Map<string, WebhookEvent[]>();
  for (const event of [...events].sort((a, b) => a.stripeCreated.getTime() - b.stripeCreated.getTime())) {
    const key = event.stripeObjectId ?? event.id;
    byObject.set(key, [...(byObject.get(key) ?? []), event]);
  }
  const groups = [...byObject.values()];
  const readAccount = batchReader();
  const next = () => groups.shift();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, groups.length) }, async () => {
      for (let group = next(); group; group = next()) {
        for (const event of group) await processWebhookEvent(event, { openStates: ["received", "failed"], readAccount });
      }
    }),
  );
}

type DrainOptions = { batch?: number; graceSeconds?: number; own?: Set<string> };

/**
 * Applies due events, `batch` at a time, until none is left; returns how many were taken.
 * `own` are ids this instance stored and has not taken yet (taken first, removed as taken).
 */
export async function drainWebhookQueue(options: DrainOptions = {}): Promise<number> {
  const { batch = BATCH, graceSeconds = 0, own = new Set<string>() } = options;
  let total = 0;
  for (;;) {
    const mine = [...own].slice(0, batch);
    for (const id of mine) own.delete(id);
    const events = await claimDueEvents(batch, { own: mine, graceSeconds });
    if (events.length === 0 && own.size === 0) return total;
    await applyBatch(events);
    total += events.length;
  }
}

/** How long an event stored by another instance is left to it before this one takes it. */
const GRACE_SECONDS = 5;

type QueueState = { running: boolean; again: boolean; own: Set<string>; timer?: NodeJS.Timeout };
// On globalThis: the route that stores a delivery and instrumentation.ts, which starts the
// queue, load this module in different layers of the server; both must see one state.
const shared = globalThis as typeof globalThis & { __webhookQueue?: QueueState };
const queue: QueueState = (shared.__webhookQueue ??= { running: false, again: false, own: new Set() });

/**
 * Asks this instance to apply due events now, first `storedId` (a delivery it just stored).
 * One drain runs at a time; a wake during it makes it look again when it ends.
 */
export function wakeWebhookQueue(storedId?: string): void {
  if (!queue.timer) return;
  if (storedId) queue.own.add(storedId);
  if (queue.running) {
    queue.again = true;
    return;
  }
  queue.running = true;
  void (async () => {
    try {
      do {
        queue.again = false;
        await drainWebhookQueue({ graceSeconds: GRACE_SECONDS, own: queue.own });
      } while (queue.again);
    } catch (error) {
      logger("webhooks").warn({ err: error }, "webhook queue drain failed");
    } finally {
      queue.running = false;
    }
  })();
}

/** Started once per server process (instrumentation.ts); tests drain the queue themselves. */
export function startWebhookQueue(pollMs = POLL_MS): void {
  if (queue.timer) return;
  queue.timer = setInterval(() => wakeWebhookQueue(), pollMs);
  queue.timer.unref();
  wakeWebhookQueue();
}

export function stopWebhookQueue(): void {
  clearInterval(queue.timer);
  queue.timer = undefined;
}
