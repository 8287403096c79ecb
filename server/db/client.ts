// The one PrismaClient of the process, over the pg driver adapter, for whatever DATABASE_URL
// names: a PostgreSQL server, or the embedded PGlite that the dev scripts serve on a port.
// No "server-only" import here: CLI scripts and tests import this module too.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/prisma/client";
import { databaseSettings } from "@/server/env";
import { describeDatabaseError } from "./describe-error";

export { describeDatabaseError };

/**
 * pg's pool applies this both to opening a connection and to waiting for a free one: long
 * enough that a burst queues rather than fails (measured with npm run load), short enough that
 * an unreachable database is reported within seconds.
 */
const CONNECT_TIMEOUT_MS = 10_000;
const TRANSACTION_MAX_WAIT_MS = 10_000;
/** Transactions hold no Stripe calls (those come first), so 15 s means something is stuck. */
const TRANSACTION_TIMEOUT_MS = 15_000;

// Next.js dev re-evaluates modules on every edit; keeping the client on globalThis stops each
// reload from opening a new pool until PostgreSQL runs out of connections.
const cache = globalThis as typeof globalThis & { __prisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  if (cache.__prisma) return cache.__prisma;
  // DATABASE_URL and DATABASE_POOL_SIZE only (server/env.ts): CLI scripts use this module too.
  const { DATABASE_URL, DATABASE_POOL_SIZE } = databaseSettings();
  const adapter = new PrismaPg({
    connectionString: DATABASE_URL,
    max: DATABASE_POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  cache.__prisma = new PrismaClient({
    adapter,
    // Prisma waits 2 s by default for a connection to start a transaction in. Under a burst
    // (or on the embedded database, which runs one transaction at a time) that fails requests
    // that would have succeeded a moment later; wait as long as a connection may take instead.
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS },
  });
  return cache.__prisma;
}

/**
 * The client, created on first property access, so importing this module never needs a
 * database (next build, tests that set DATABASE_URL in their setup file).
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

/** Closes the pool (scripts before exiting, tests in afterAll); the next use reconnects. */
export async function disconnectPrisma(): Promise<void> {
  const client = cache.__prisma;
  cache.__prisma = undefined;
  await client?.$disconnect();
}
