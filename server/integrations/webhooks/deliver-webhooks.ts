import "server-only";
import { prisma } from "@/server/db/client";
import { callbackEndpoint } from "@/server/hosted-link/callback-endpoint";
import { callbackPolicy } from "@/server/hosted-link/callback-policy";
import { describeOutcome, postCallback, type CallbackOutcome } from "@/server/hosted-link/post-callback";
import { logger } from "@/server/log/logger";
import { endpointSigningSecret, SIGNATURE_HEADER, signCallback } from "@/server/hosted-link/callback-signature";

/** Wait after each failed try: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h (about a day in all); then it is given up. */
export const BACKOFF_SECONDS = [10, 60, 300, 1_800, 7_200, 21_600, 43_200];
export const MAX_ATTEMPTS = BACKOFF_SECONDS.length + 1;
const TIMEOUT_MS = 10_000;
/** A claimed delivery is skipped by other senders for this long; longer than one try can take. */
const CLAIM_SECONDS = 30;
/**
 * A new delivery is the writing instance's to try first (it kicks its sender once the change is
 * written); other instances' sweepers take it only after this, should that instance die. The
 * emit statements schedule new deliveries this far ahead.
 */
export const FIRST_TRY_SECONDS = 5;

const log = () => logger("integration-webhooks");

type Due = { id: string; attempts: number; url: string; endpointId: string; eventId: string; type: string; data: unknown; createdAt: Date };

/** The JSON an endpoint receives: ids and a type; the integrator reads the state through the API. */
export function webhookBody(event: { eventId: string; type: string; data: unknown; createdAt: Date }): string {
  return JSON.stringify({ id: event.eventId, object: "event", type: event.type, created: event.createdAt.toISOString(), data: event.data });
}

/**
 * Takes deliveries that are due, at most `limit`, for this sender alone: the claim moves their
 * next try past the lease, and SKIP LOCKED keeps two instances from taking the same row.
 */
async function claimDue(limit: number, id?: string, options: { now?: boolean; fresh?: boolean } = {}): Promise<Due[]> {
  return prisma.$queryRaw<Due[]>`
    WITH claimed AS (
      UPDATE "IntegrationWebhookDelivery"
         SET "nextAttemptAt" = now() + make_interval(secs => ${CLAIM_SECONDS})
       WHERE id IN (
         SELECT d.id FROM "IntegrationWebhookDelivery" d
          WHERE ("nextAttemptAt" <= now()
                 OR (${options.now ?? false} AND "nextAttemptAt" IS NULL AND "deliveredAt" IS NULL)
                 OR (${options.fresh ?? false} AND attempts = 0 AND "nextAttemptAt" <= now() + make_interval(secs => ${FIRST_TRY_SECONDS})))
            AND (${id ?? null}::text IS NULL OR d.id = ${id ?? null}::text)
            AND NOT EXISTS (SELECT 1 FROM "IntegrationWebhookEndpoint" e WHERE e.id = d."endpointId" AND e."disabledAt" IS NOT NULL)
          ORDER BY "nextAttemptAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING id, attempts, "endpointId", "eventId")
    SELECT c.id, c.attempts, c."endpointId", c."eventId", e.url, ev.type, ev.data, ev."createdAt"
      FROM claimed c
      JOIN "IntegrationWebhookEndpoint" e ON e.id = c."endpointId"
      JOIN "IntegrationEvent" ev ON ev.id = c."eventId"`;
}

async function send(delivery: Due): Promise<void> {
  const body = webhookBody(delivery);
  let outcome: CallbackOutcome;
  try {
    const signature = signCallback(endpointSigningSecret(delivery.endpointId), body, Math.floor(Date.now() / 1000));
    const headers = { "content-type": "application/json", [SIGNATURE_HEADER]: signature, "linkwell-event-id": delivery.eventId };
    outcome = await postCallback(delivery.url, body, headers, { policy: callbackPolicy(), timeoutMs: TIMEOUT_MS });
  } catch (error) {
    log().error({ err: error, endpoint: callbackEndpoint(delivery.url) }, "integration webhook could not be sent");
    outcome = { kind: "failed" };
  }
  const attempts = delivery.attempts + 1;
  const status = outcome.kind === "answered" ? outcome.status : null;
  if (status !== null && status >= 200 && status < 300) {
    await prisma.integrationWebhookDelivery.update({
      where: { id: delivery.id },
      data: { attempts, deliveredAt: new Date(), lastAttemptAt: new Date(), lastStatus: status, lastError: null, nextAttemptAt: null },
    });
    return;
  }
  const wait = BACKOFF_SECONDS[attempts - 1];
  const failure = describeOutcome(outcome);
  log().warn({ endpoint: callbackEndpoint(delivery.url), event: delivery.eventId, attempt: attempts, error: failure, give_up: wait === undefined }, "integration webhook failed");
  await prisma.integrationWebhookDelivery.update({
    where: { id: delivery.id },
    data: { attempts, lastAttemptAt: new Date(), lastStatus: status, lastError: failure.slice(0, 500), nextAttemptAt: wait === undefined ? null : new Date(Date.now() + wait * 1000) },
  });
}

/** Sends every delivery that is due, a batch at a time; returns how many were tried. */
export async function deliverDueWebhooks(limit = 25): Promise<number> {
  const due = await claimDue(limit);
  await Promise.all(due.map(send));
  return due.length;
}

/** Sends new deliveries (not tried yet, within their first-try window) and due ones; returns how many were tried. */
export async function deliverFreshWebhooks(limit = 25): Promise<number> {
  const due = await claimDue(limit, undefined, { fresh: true });
  await Promise.all(due.map(send));
  return due.length;
}

/** When the writer's sends run after a write: soon, and once more for a transaction slower to commit. */
const KICK_PASSES_MS = [50, 1_000];
const passes = globalThis as typeof globalThis & { __integrationWebhookPasses?: Map<number, NodeJS.Timeout> };

/**
 * Called by whatever wrote events, usually inside its transaction: this instance sends them
 * once it has committed (a pass cannot see rows not yet committed; one still open after the
 * last pass leaves them to the sweepers, after their first-try window). Writes in a burst share passes.
 */
export function kickWebhookSender(): void {
  const scheduled = (passes.__integrationWebhookPasses ??= new Map());
  for (const delayMs of KICK_PASSES_MS) {
    if (scheduled.has(delayMs)) continue;
    const timer = setTimeout(() => {
      scheduled.delete(delayMs);
      void sendFresh();
    }, delayMs);
    timer.unref();
    scheduled.set(delayMs, timer);
  }
}

async function sendFresh(): Promise<void> {
  try {
    while ((await deliverFreshWebhooks()) > 0);
  } catch (error) {
    log().warn({ err: error }, "integration webhook send failed");
  }
}

/**
 * An admin's "send now" (a test event, a resend): claims a delivery that is due or set aside for
 * this (no next try, not delivered), unless a sender holds it this moment (its lease is a next
 * try in the future), and tries it once. Whether it was tried is the answer.
 */
export async function deliverWebhookNow(id: string): Promise<boolean> {
  const [delivery] = await claimDue(1, id, { now: true });
  if (!delivery) return false;
  await send(delivery);
  return true;
}

const timers = globalThis as typeof globalThis & { __integrationWebhookSweeper?: NodeJS.Timeout };

/**
 * Started once per server process (instrumentation.ts). The writer's own kick sends new
 * deliveries; this takes retries when they fall due, and new ones whose writer died before its
 * first try (after FIRST_TRY_SECONDS), so it need not look more often than that.
 */
export function startWebhookSweeper(intervalMs = FIRST_TRY_SECONDS * 1_000): void {
  if (timers.__integrationWebhookSweeper) return;
  let running = false;
  timers.__integrationWebhookSweeper = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      try {
        while ((await deliverDueWebhooks()) > 0);
      } catch (error) {
        log().warn({ err: error }, "integration webhook sweep failed");
      } finally {
        running = false;
      }
    })();
  }, intervalMs);
  timers.__integrationWebhookSweeper.unref();
}
