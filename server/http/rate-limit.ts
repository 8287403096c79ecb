import "server-only";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { databaseSettings } from "@/server/env";
import { logger } from "@/server/log/logger";
import { DomainError } from "@/server/errors/domain-error";

// Counters live in PostgreSQL (table rate_limits, created by a migration) so that every
// app instance shares them; one small pool serves all limiters of the process.
const cache = globalThis as typeof globalThis & { __rateLimitPool?: pg.Pool };
// The limiters stay per module instance: Next loads this module once for route handlers and once
// for pages and server actions, and a limiter shared through globalThis would reject with the
// other instance's RateLimiterRes, which `instanceof` below would not recognise (a 500, not a 429).
const limiters = new Map<string, RateLimiterPostgres>();

function pool(): pg.Pool {
  if (!cache.__rateLimitPool) {
    cache.__rateLimitPool = new pg.Pool({ connectionString: databaseSettings().DATABASE_URL, max: 2, connectionTimeoutMillis: 5_000 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    cache.__rateLimitPool.on("error", (error) => logger("rate-limit").warn({ err: error }, "idle database connection lost"));
  }
  return cache.__rateLimitPool;
}

/**
 * The pool as rate-limiter-flexible sees it, minus prepared-statement names: the embedded
 * PostgreSQL shares one session among all connections, so a statement prepared on one
 * connection "already exists" on the next. Unnamed statements work on both.
 */
function unnamedStatements(p: pg.Pool) {
  return { query: (q: { text: string; values?: unknown[] }) => p.query({ text: q.text, values: q.values }) };
}

function limiter(name: string, points: number, durationSeconds: number): RateLimiterPostgres {
  const id = `${name}:${points}/${durationSeconds}`;
  let found = limiters.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: unnamedStatements(pool()),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: name,
      points,
      duration: durationSeconds,
      clearExpiredByTimeout: false,
    });
    limiters.set(id, found);
  }
  return found;
}

function tooMany(msBeforeNext: number): DomainError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError("rate_limited", `Too many requests. Try again in ${retryAfter} seconds.`, { retryAfterSeconds: retryAfter });
}

/** Takes one point for `key`; over the limit it throws a rate_limited error with the seconds to wait (a 429 with Retry-After at the edge). */
export async function consumeRateLimit(name: string, key: string, points: number, durationSeconds: number): Promise<void> {
  const state = await takeRateLimitPoint(name, key, points, durationSeconds);
  if (!state.allowed) throw tooMany(state.resetSeconds * 1000);
}

/**
 * For limits on failures (wrong API keys): a 429 once `key` has used up its points, without
 * taking one; `recordRateLimitFailure` takes them.
 */
export async function assertRateLimitLeft(name: string, key: string, points: number, durationSeconds: number): Promise<void> {
  const state = await limiter(name, points, durationSeconds).get(key);
  if (state && state.consumedPoints >= points) throw tooMany(state.msBeforeNext);
}

/** Counts one failure against `key` (never throws for the limit itself). */
export async function recordRateLimitFailure(name: string, key: string, points: number, durationSeconds: number): Promise<void> {
  await limiter(name, points, durationSeconds).penalty(key, 1);
}

/**
 * Gives back the point an action took at `consumedAt`, when the window that counted it is still
 * open (a point of a window that has ended is already free; giving it back would add budget).
 */
export async function refundRateLimit(name: string, key: string, points: number, durationSeconds: number, consumedAt: Date): Promise<boolean> {
  const l = limiter(name, points, durationSeconds);
  const current = await l.get(key);
  if (!current || current.consumedPoints <= 0) return false;
  const windowStart = Date.now() + current.msBeforeNext - durationSeconds * 1000;
  if (consumedAt.getTime() < windowStart) return false;
  await l.reward(key, 1);
  return true;
}

/** Where a caller stands against a limit after one request: what the RateLimit-* headers say. */
export type RateLimitState = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/** Takes one point for `key` and says where it stands, without throwing over the limit. */
export async function takeRateLimitPoint(name: string, key: string, points: number, durationSeconds: number): Promise<RateLimitState> {
  let result: RateLimiterRes;
  let allowed = true;
  try {
    result = await limiter(name, points, durationSeconds).consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    result = error;
    allowed = false;
  }
  return { allowed, limit: points, remaining: Math.max(0, result.remainingPoints), resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
}
