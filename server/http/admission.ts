import "server-only";
import pLimit, { type LimitFunction } from "p-limit";
import { DomainError } from "@/server/errors/domain-error";

// Admission control for the expensive routes people drive (starting and completing a link).
// Without it, under a surge every request in flight interleaves on the one event loop, each one
// slower the more there are, and the requests that must be answered quickly wait behind them
// all: Stripe's webhook deliveries (its sender gives up after seconds and retries, adding load)
// and health checks, which are never queued here. Beyond `concurrency` in flight, requests wait
// in line in memory; when the line is long, a new one is told to come back (503, Retry-After)
// instead of waiting minutes.

/** Requests of one kind in flight per process; enough to keep the database pool and CPU busy. */
const CONCURRENCY = 12;
/** Requests waiting in line per kind before new ones are refused. */
const MAX_WAITING = 500;

type Limiters = Map<string, LimitFunction>;
// On globalThis: route handlers and server actions load this module in different layers.
const shared = globalThis as typeof globalThis & { __admission?: Limiters };
const limiters: Limiters = (shared.__admission ??= new Map());

/** Runs `work` when a slot of `kind` is free; a 503 when too many already wait. */
export function admit<T>(kind: string, work: () => Promise<T>): Promise<T> {
  let limit = limiters.get(kind);
  if (!limit) {
    limit = pLimit(CONCURRENCY);
    limiters.set(kind, limit);
  }
  if (limit.pendingCount >= MAX_WAITING) {
    return Promise.reject(new DomainError("unavailable", "We are very busy right now. Please try again in a moment.", { retryAfterSeconds: 5, retryable: true }));
  }
  return limit(work);
}
