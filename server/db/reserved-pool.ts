import "server-only";
import pg from "pg";
import { databaseSettings } from "@/server/env";
import { logger } from "@/server/log/logger";

// Small pg pools of their own for single statements that a library runs on a plain pg pool
// (rate-limiter-flexible's counters), kept apart from the app's Prisma pool.
// Statements are unnamed: the embedded PostgreSQL shares one session among all connections,
// so a statement prepared on one would "already exist" on the next.

type Purpose = "rate-limit";

const cache = globalThis as typeof globalThis & { __reservedPools?: Map<string, pg.Pool> };

/** The process's pool for `purpose` on the configured database (two connections). */
export function reservedPool(purpose: Purpose): pg.Pool {
  const url = databaseSettings().DATABASE_URL;
  const pools = (cache.__reservedPools ??= new Map());
  const key = `${purpose} ${url}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000, allowExitOnIdle: true });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (error: Error) => logger(purpose).warn({ err: error }, "idle database connection lost"));
    pools.set(key, pool);
  }
  return pool;
}
