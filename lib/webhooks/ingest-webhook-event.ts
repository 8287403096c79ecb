import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/lib/db/client";
import type { Prisma, WebhookEventState } from "@/lib/generated/prisma/client";
import { processWebhookEvent } from "./process-webhook-event";

export type IngestResult = { id: string; state: WebhookEventState; duplicate: boolean; error?: string; alreadyHandled?: true };

/** States in which a repeat delivery is only acknowledged. */
const SETTLED: readonly WebhookEventState[] = ["processed", "ignored"];

/**
 * Stores a verified event once under its Stripe id, then processes it. A repeat delivery of
 * a settled event changes nothing; one of a failed (or interrupted) event processes it again,
 * which is how Stripe's retry of a failed delivery succeeds.
 */
export async function ingestWebhookEvent(event: Stripe.Event): Promise<IngestResult> {
  const object = event.data?.object as { id?: unknown } | undefined;
  const [created] = await prisma.webhookEvent.createManyAndReturn({
    data: [
      {
        stripeEventId: event.id,
        type: event.type,
        stripeObjectId: typeof object?.id === "string" ? object.id.slice(0, 255) : null,
        livemode: Boolean(event.livemode),
        payload: event as unknown as Prisma.InputJsonValue,
        stripeCreated: new Date((Number(event.created) || 0) * 1000),
      },
    ],
    skipDuplicates: true,
  });
  const stored = created ?? (await prisma.webhookEvent.findUniqueOrThrow({ where: { stripeEventId: event.id } }));
  if (!created && SETTLED.includes(stored.state)) return { id: stored.id, state: stored.state, duplicate: true };

  const outcome = await processWebhookEvent(stored, { openStates: ["received", "failed"] });
  return {
    id: stored.id,
    state: outcome.state,
    duplicate: !created,
    ...(outcome.error && { error: outcome.error }),
    // Another delivery or an admin's reprocess recorded the outcome first; ours was rolled back.
    ...(outcome.alreadyHandled && { alreadyHandled: true as const }),
  };
}
