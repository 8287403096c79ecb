// Which database failures are worth retrying: the connection went away (failover, restart,
// network), the pool had no connection in time, or PostgreSQL gave up a transaction because of
// a conflict. A retry of the whole request is safe because every multi-step write is one
// transaction and every Stripe create carries an idempotency key.

/** SQLSTATE prefixes: connection exception (08), operator intervention (57P), serialization failure, deadlock. */
const SQLSTATE_PREFIXES = ["08", "57P", "40001", "40P01"];
/**
 * Prisma's codes for an unreachable server, a closed connection, a pool timeout, a transaction
 * that could not start in time (P2028: every connection busy), a write conflict.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);
/** Node and pg say it in messages or errno codes rather than SQLSTATEs. */
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);
const MESSAGES = /connection terminated|connection ended unexpectedly|timeout exceeded when trying to connect|server closed the connection/i;

export function isTransientDatabaseError(error: unknown): boolean {
  // Prisma and the pg adapter wrap the driver's error; look a few causes deep.
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (PRISMA_CODES.has(code) || NETWORK_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
    }
    if (MESSAGES.test(current.message)) return true;
  }
  return false;
}
