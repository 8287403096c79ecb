import "server-only";
import type Stripe from "stripe";
import type { Prisma } from "@/server/db/generated/prisma/client";

/** How a Stripe event is stored: under its id, with the object it is about for per-account history. */
export function eventRow(event: Stripe.Event): Prisma.WebhookEventCreateManyInput {
  const object = event.data?.object as { id?: unknown } | undefined;
  return {
    stripeEventId: event.id,
    type: event.type,
    stripeObjectId: typeof object?.id === "string" ? object.id.slice(0, 255) : null,
    livemode: Boolean(event.livemode),
    payload: event as unknown as Prisma.InputJsonValue,
    stripeCreated: new Date((Number(event.created) || 0) * 1000),
  };
}
