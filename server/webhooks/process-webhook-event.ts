import "server-only";
import Stripe from "stripe";
import { prisma } from "@/server/db/client";
import type { WebhookEvent, WebhookEventState } from "@/server/db/generated/prisma/client";
import { logger } from "@/server/log/logger";
import { stripe, stripeMode } from "@/server/stripe/client";
import { stripeFailureFields } from "@/server/stripe/stripe-errors";
import { handlerFor } from "@/server/webhooks/handlers";
import type { AccountReader, HandlerResult } from "./types";
import { retryDelaySeconds } from "./retry-delay";

export type ProcessOutcome = { id: string; state: WebhookEventState; error?: string; alreadyHandled?: boolean };

/** Another delivery (or an admin) recorded an outcome for this event while we worked on it. */
class AlreadyHandled extends Error {}

const MAX_ERROR_LENGTH = 1000;

/**
 * Runs a stored event through its handler and records the outcome: processed, ignored (a
 * type we do not act on, or an object that is not ours) or failed with the error. Handlers
 * read Stripe first, then their writes and the outcome commit in one transaction.
 *
 * Exactly-once application without a "processing" state: `attempts` is a version. The outcome
 * is written only if `attempts` is still what it was when we started (and, for deliveries,
 * the state still open); a concurrent duplicate that loses this race rolls back its writes.
 */
export async function processWebhookEvent(
  stored: WebhookEvent,
  options: { openStates?: WebhookEventState[]; readAccount?: AccountReader } = {},
): Promise<ProcessOutcome> {
  const openStates = options.openStates;
  const readAccount = options.readAccount ?? readAccountNow;
  const guard = { id: stored.id, attempts: stored.attempts, ...(openStates && { state: { in: openStates } }) };
  const event = stored.payload as unknown as Stripe.Event;
  let committed: WebhookEventState | null = null;

  const commit = async (result: HandlerResult) => {
    const data = { state: result.state, attempts: stored.attempts + 1, error: result.note ?? null, processedAt: new Date(), nextAttemptAt: null };
    if (!result.apply) {
      // Nothing else to write: one conditional UPDATE is the whole transaction.
      if ((await prisma.webhookEvent.updateMany({ where: guard, data })).count === 0) throw new AlreadyHandled();
    } else {
      const apply = result.apply;
      await prisma.$transaction(async (tx) => {
        if ((await tx.webhookEvent.updateMany({ where: guard, data })).count === 0) throw new AlreadyHandled();
        await apply(tx);
      });
    }
    committed = result.state;
  };

  try {
    const handler = handlerFor(stored.type);
    let result: HandlerResult | void;
    if (stored.livemode !== (stripeMode() === "live")) {
      result = { state: "ignored", note: `a ${stored.livemode ? "live" : "test"} event; this server uses ${stripeMode()} keys` };
    } else if (!handler) {
      result = { state: "ignored" };
    } else {
      result = await handler({ event, stored, commit, readAccount });
    }
    if (committed === null) await commit(result ?? { state: "processed" });
    return { id: stored.id, state: committed ?? "processed" };
  } catch (error) {
    if (error instanceof AlreadyHandled) return currentOutcome(stored.id);
    const message = describeError(error);
    const attempts = stored.attempts + 1;
    const delay = retryDelaySeconds(attempts);
    const failed = await prisma.webhookEvent.updateMany({
      where: guard,
      data: { state: "failed", attempts, error: message, processedAt: null, nextAttemptAt: delay === null ? null : new Date(Date.now() + delay * 1000) },
    });
    if (failed.count === 0) return currentOutcome(stored.id);
    logger("webhooks").warn(
      { event_type: stored.type, stripe_event_id: stored.stripeEventId, error: message, attempt: attempts, retry_in_s: delay, ...stripeFailureFields(error) },
      "event processing failed",
    );
    return { id: stored.id, state: "failed", error: message };
  }
}

/** One read of an account from Stripe, with the time it started (the queue memoizes it per batch). */
export const readAccountNow: AccountReader = async (accountId) => {
  const fetchedAt = new Date();
  return { account: await stripe().financialConnections.accounts.retrieve(accountId), fetchedAt };
};

async function currentOutcome(id: string): Promise<ProcessOutcome> {
  const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { id }, select: { state: true, error: true } });
  return { id, state: row.state, alreadyHandled: true, ...(row.state === "failed" && row.error ? { error: row.error } : {}) };
}

/** A short, secret-free description: Stripe errors keep their type, code and request id. */
function describeError(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    const type = typeof error.rawType === "string" ? error.rawType : error.type;
    return `Stripe ${type}${error.code ? ` (${error.code})` : ""}: ${error.message}${error.requestId ? ` [${error.requestId}]` : ""}`.slice(0, MAX_ERROR_LENGTH);
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}
