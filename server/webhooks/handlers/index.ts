import "server-only";
import type { EventHandler } from "@/server/webhooks/types";
import { ACCOUNT_EVENT_TYPES, handleAccountEvent } from "./account-events";
import { PAYMENT_EVENT_TYPES, handlePaymentEvent } from "./payment-events";

const HANDLERS = new Map<string, EventHandler>([
  ...ACCOUNT_EVENT_TYPES.map((type) => [type, handleAccountEvent] as const),
  ...PAYMENT_EVENT_TYPES.map((type) => [type, handlePaymentEvent] as const),
]);

/** The handler of an event type; undefined for types this app does not act on (stored as ignored). */
export function handlerFor(type: string): EventHandler | undefined {
  return HANDLERS.get(type);
}

/** Every type we act on: the events to subscribe to at Stripe, and the ones the missed-event sweep lists. */
export const HANDLED_EVENT_TYPES: readonly string[] = [...HANDLERS.keys()];
