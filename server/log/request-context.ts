// Which request the running code serves, so every log line written on its behalf (including
// Stripe's response events, deep in stripe-node's callbacks) names it without threading an id
// through every call. proxy.ts stamps the id on the request; route handlers enter the context.
// No "server-only" here: proxy.ts imports it.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

type RequestContext = { requestId: string };

// One storage per process: Next may load this module once per route bundle, and a second
// instance would not see the first one's context.
const shared = globalThis as typeof globalThis & { __linkwellRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (shared.__linkwellRequestContext ??= new AsyncLocalStorage<RequestContext>());

/**
 * An id from a load balancer or client is kept only when it is short and plain (UUIDs, hex,
 * AWS/Heroku style ids): it ends up in every log line and in a response header, so anything
 * longer or odder could forge log fields or bloat them.
 */
export function isValidRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9._:=-]{1,128}$/.test(value);
}

/** The incoming id when well-formed, else a new one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return isValidRequestId(incoming) ? incoming : randomUUID();
}

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** The id of the request being served, or undefined outside one (start-up, scripts). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Wraps a route handler so everything it logs carries the request id proxy.ts put on the
 * request (a fresh one when the handler is reached without proxy, as in tests).
 */
export function withRequestContext<Args extends [Request, ...unknown[]]>(handler: (...args: Args) => Promise<Response>) {
  return (...args: Args): Promise<Response> => runWithRequestId(requestIdFrom(args[0].headers), () => handler(...args));
}
