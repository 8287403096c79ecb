import "server-only";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { processWebhookEvent } from "./process-webhook-event";

/**
 * Runs a stored event (WebhookEvent.id) through its handler again, whatever its state, for
 * the admin dashboard. Idempotent: handlers read the account from Stripe, so reprocessing a
 * processed event stores the same state again (or Stripe's newer one). A failure is recorded
 * on the event and returned as `{ state: "failed", error }`, not thrown.
 */
export async function reprocessWebhookEvent(eventId: string): Promise<{ state: string; error?: string; alreadyHandled?: true }> {
  const stored = await prisma.webhookEvent.findUnique({ where: { id: eventId } });
  if (!stored) throw new DomainError("not_found", "Webhook event not found");
  const outcome = await processWebhookEvent(stored);
  // alreadyHandled: a Stripe delivery of the same event recorded its outcome first; ours was rolled back.
  return { state: outcome.state, ...(outcome.error && { error: outcome.error }), ...(outcome.alreadyHandled && { alreadyHandled: true as const }) };
}
