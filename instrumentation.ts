import type { Instrumentation } from "next";

// Runs once when the server starts: a bad configuration stops it here with a message
// naming the variable, instead of failing later on some request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, before any request: the socket's address on every request (demo sign-in, outbox, limits).
    const { stampPeerAddresses } = await import("@/server/security/peer-address");
    stampPeerAddresses();
    const { assertValidEnvironment } = await import("@/server/startup/assert-valid-environment");
    assertValidEnvironment();
    // Stored Stripe events are applied from the database by every instance (webhook-queue.ts).
    const { startWebhookQueue } = await import("@/server/webhooks/webhook-queue");
    startWebhookQueue();
    // Events Stripe could not deliver (timeouts under load, an endpoint that was down) are
    // listed from Stripe every minute and queued like deliveries.
    const { startMissedEventSweeper } = await import("@/server/webhooks/recover-missed-events");
    startMissedEventSweeper();
    // Integrator callbacks that failed (or were cut off by a restart) are retried from the
    // database by every instance; the claim in deliver-callbacks.ts keeps them from colliding.
    const { startCallbackSweeper } = await import("@/server/hosted-link/deliver-callbacks");
    startCallbackSweeper();
    // Integrations' webhooks are written with the changes they report and sent from here.
    const { startWebhookSweeper } = await import("@/server/integrations/webhooks/deliver-webhooks");
    startWebhookSweeper();
    // Answers kept for Idempotency-Key replays are deleted after their day.
    const { startIdempotencySweeper } = await import("@/server/integrations/api/idempotency");
    startIdempotencySweeper();
    // The admin overview's exact counts: triggers append deltas, this folds them every few seconds.
    const { startCounterCompaction } = await import("@/server/admin/counters");
    startCounterCompaction();
    // Hosted attempts opened and left past their lifetime end as expired, with their callback.
    const { startAbandonedAttemptSweeper } = await import("@/server/hosted-link/expire-abandoned-attempts");
    startAbandonedAttemptSweeper();
  }
}

// Errors Next.js catches itself (pages and layouts that throw while rendering) as the app's JSON
// log lines with the request id; route handlers log their own through withErrors.
export async function onRequestError(...args: Parameters<Instrumentation.onRequestError>) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/server/log/request-error");
  await logRequestError(...args);
}
