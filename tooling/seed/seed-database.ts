// Fills a migrated database with generated admin data (see seed-sql.ts): users and their
// Stripe customers, link sessions, linked accounts, status history, webhook events and
// audit entries. Batches run on two connections at once; each batch is one transaction.
import pg from "pg";
import { SEED_FUNCTIONS, SEED_ID_PREFIX, accountsSql, historySql, sessionCount, sessionsSql, usersSql, type SeedShape } from "./seed-sql";

export type SeedOptions = {
  url: string;
  users: number;
  accounts: number;
  /** Rows per INSERT batch (default 50,000). */
  batch?: number;
  /** Parallel connections (default 2). */
  concurrency?: number;
  /** Fixed "now" for reproducible dates (default: the current time). */
  now?: Date;
  log?: (line: string) => void;
};

export type SeedResult = { users: number; accounts: number; sessions: number; ms: number };

/** True when this database already holds seeded rows. */
export async function isSeeded(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT 1 FROM "User" WHERE id = $1 LIMIT 1`, [`${SEED_ID_PREFIX}usr_000000001`]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** Removes every seeded row (ids start with seed_); cascades take the accounts' children along. */
export async function removeSeed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DELETE FROM "WebhookEvent" WHERE id LIKE 'seed\\_%'`);
    await client.query(`DELETE FROM "AuditLog" WHERE id LIKE 'seed\\_%'`);
    await client.query(`DELETE FROM "User" WHERE id LIKE 'seed\\_%'`);
  } finally {
    await client.end();
  }
}

function ranges(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let from = 1; from <= total; from += size) out.push([from, Math.min(total, from + size - 1)]);
  return out;
}

export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const { url, users, accounts } = options;
  if (!Number.isInteger(users) || users < 1) throw new Error("--users must be a whole number of at least 1");
  if (!Number.isInteger(accounts) || accounts < 0) throw new Error("--accounts must be a whole number");
  const batch = options.batch ?? 50_000;
  const log = options.log ?? (() => {});
  const shape: SeedShape = { users, accounts, now: options.now ?? new Date() };
  const sessions = sessionCount(shape);
  const started = performance.now();

  const pool = new pg.Pool({ connectionString: url, max: options.concurrency ?? 2 });
  pool.on("connect", (client) => void client.query(SEED_FUNCTIONS));
  const run = async (label: string, parts: [number, number][], sql: (from: number, to: number) => string) => {
    const t = performance.now();
    let done = 0;
    const queue = [...parts];
    const worker = async () => {
      const client = await pool.connect();
      try {
        await client.query(SEED_FUNCTIONS);
        for (let part = queue.shift(); part; part = queue.shift()) {
          await client.query(`BEGIN; SET LOCAL synchronous_commit = off; ${sql(part[0], part[1])} COMMIT;`);
          done += part[1] - part[0] + 1;
        }
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
    log(`${label}: ${done.toLocaleString("en-US")} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  try {
    await run("users", ranges(users, batch), (a, b) => usersSql(a, b, shape));
    await run("link sessions", ranges(sessions, batch), (a, b) => sessionsSql(a, b, shape));
    if (accounts > 0) {
      await run("linked accounts", ranges(accounts, batch), (a, b) => accountsSql(a, b, shape));
      await run("history, events and audit (per account)", ranges(accounts, batch), (a, b) => historySql(a, b, shape));
    }
    const client = await pool.connect();
    try {
      // VACUUM too: it sets the visibility map, so counts can be index-only scans right away.
      for (const table of ["User", "StripeCustomer", "LinkSession", "LinkedAccount", "AccountStatusChange", "WebhookEvent", "AuditLog"]) {
        await client.query(`VACUUM ANALYZE "${table}"`);
      }
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
  return { users, accounts, sessions, ms: Math.round(performance.now() - started) };
}
