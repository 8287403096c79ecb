import "server-only";
import type { EventHandler } from "@/server/webhooks/types";
import { ACCOUNT_EVENT_TYPES, handleAccountEvent } from "./account-events";

const HANDLERS = new Map<string, EventHandler>(ACCOUNT_EVENT_TYPES.map((type) => [type, handleAccountEvent]));

/** The handler of an event type; undefined for types this app does not act on (stored as ignored). */
export function handlerFor(type: string): EventHandler | undefined {
  return HANDLERS.get(type);
}

export const HANDLED_EVENT_TYPES: readonly string[] = [...HANDLERS.keys()];
